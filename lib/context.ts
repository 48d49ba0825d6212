/**
 * The CDK context a deployer gives (-c key=value), validated before anything
 * is built: a wrong value stops `cdk synth` with one line naming the key and
 * the form expected (lib/app.ts prints it, without a stack trace).
 */
import { DEFAULT_DUMP_ABOVE } from '../src/harvest/dblp-path.ts';

export class ContextError extends Error {
  override name = 'ContextError';
}

export interface DeployContext {
  readonly profiles?: readonly string[];
  readonly scheduleTime: { readonly hour: number; readonly minute: number };
  readonly timeZone: string;
  readonly notifyEmail?: string;
  readonly corsOrigins: readonly string[];
  readonly stackName: string;
  readonly nag: boolean;
  /** A custom domain for the website, with its ACM certificate (us-east-1): both or neither. */
  readonly domain?: { readonly name: string; readonly certificateArn: string };
  /** Profiles reconciled at once (the Distributed Map's MaxConcurrency), 1 to 1000; default DEFAULT_MAP_CONCURRENCY. */
  readonly mapConcurrency: number;
  /** Profiles whose child execution may fail as a whole before the Map fails, 0 to 100 percent; default 5. */
  readonly toleratedFailurePercent: number;
  /** The execution's time limit, 1 to 24 hours; default 2 (10,000 profiles take about 4.5 hours: use 6). */
  readonly runTimeoutHours: number;
  /**
   * Profiles with dblp on above which a night reads dblp's daily dump (an ECS Fargate task) instead of
   * one person page per profile (the harvest Lambda); 0 to 1,000,000, default DEFAULT_DUMP_ABOVE (200);
   * "off": no dump task at all (no container image, no VPC: a deploy needs no Docker), person pages always.
   */
  readonly dblpDumpAbove: number | 'off';
}

/**
 * Profiles reconciled at once unless -c mapConcurrency says otherwise: 10, what a new account's Lambda
 * concurrency quota may be, so the first night (every profile's first backfill and publish) is not
 * throttled; raise it once the account's quota is known (README, Running a department).
 */
export const DEFAULT_MAP_CONCURRENCY = 10;

export { DEFAULT_DUMP_ABOVE };

const PROFILE_ID = /^[a-z0-9][a-z0-9-]*$/;
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>".]{2,}$/;
const ORIGIN = /^https?:\/\/(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?::\d{1,5})?$/;
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/;
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

const wrong = (key: string, expected: string, got: unknown): never => {
  throw new ContextError(`context ${key}: expected ${expected}, got ${JSON.stringify(got)}`);
};

/** Whether the time zone is an IANA name this runtime knows (EventBridge Scheduler takes IANA names). */
function knownTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Reads and checks each key; `get` returns the raw context value (string from -c, anything from cdk.json). */
export function readDeployContext(get: (key: string) => unknown, knownProfiles: readonly string[]): DeployContext {
  const text = (key: string): string | undefined => {
    const v = get(key);
    if (v === undefined || v === '') return undefined;
    if (typeof v !== 'string') return wrong(key, 'a string', v);
    return v.trim();
  };
  const list = (key: string) => text(key)?.split(',').map((s) => s.trim());

  const profiles = list('profiles');
  if (profiles) {
    if (profiles.length === 0 || profiles.some((p) => !PROFILE_ID.test(p))) wrong('profiles', 'a comma-separated list of profile ids (lowercase letters, digits, hyphens), e.g. "sanghyuk-chun,ada"', text('profiles'));
    const unknown = profiles.filter((p) => !knownProfiles.includes(p));
    if (unknown.length) wrong('profiles', `profiles that have a folder in data/profiles (${knownProfiles.join(', ') || 'none'})`, text('profiles'));
    if (new Set(profiles).size !== profiles.length) wrong('profiles', 'each profile once', text('profiles'));
  }

  const time = text('scheduleTime') ?? '03:15';
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!m) return wrong('scheduleTime', 'HH:MM on a 24-hour clock, 00:00 to 23:59 (e.g. "03:15")', time);

  const timeZone = text('timeZone') ?? 'UTC';
  if (!knownTimeZone(timeZone)) wrong('timeZone', 'an IANA time zone name, e.g. "Asia/Seoul", "Europe/Berlin" or "UTC"', timeZone);

  const notifyEmail = text('notifyEmail');
  if (notifyEmail !== undefined && !EMAIL.test(notifyEmail)) wrong('notifyEmail', 'one email address, e.g. "owner@example.org"', notifyEmail);

  const corsOrigins = list('corsOrigins') ?? ['*'];
  for (const o of corsOrigins) {
    if (o === '*' && corsOrigins.length === 1) continue;
    if (!ORIGIN.test(o)) wrong('corsOrigins', '"*" or a comma-separated list of origins like "https://example.org" (scheme and host, optional port, no path or trailing slash)', text('corsOrigins'));
  }

  const stackName = text('stackName') ?? 'ProfileSync';
  if (!STACK_NAME.test(stackName)) wrong('stackName', 'a CloudFormation stack name (a letter, then letters, digits, hyphens)', stackName);

  const nagText = text('nag');
  if (nagText !== undefined && nagText !== 'true' && nagText !== 'false') wrong('nag', '"true" or "false"', nagText);

  const domainName = text('domainName');
  const certificateArn = text('certificateArn');
  if ((domainName === undefined) !== (certificateArn === undefined)) wrong(domainName === undefined ? 'domainName' : 'certificateArn', 'domainName and certificateArn together (a custom domain needs its certificate)', domainName ?? certificateArn);
  if (domainName !== undefined && !DOMAIN.test(domainName)) wrong('domainName', 'a DNS name such as "profiles.example.org"', domainName);
  if (certificateArn !== undefined && !CERTIFICATE_ARN.test(certificateArn)) wrong('certificateArn', 'an ACM certificate ARN in us-east-1 (CloudFront reads certificates there), e.g. "arn:aws:acm:us-east-1:123456789012:certificate/…"', certificateArn);

  // A number from cdk.json or a string from -c.
  const integer = (key: string, min: number, max: number, fallback: number, example: string): number => {
    const raw = get(key);
    const t = typeof raw === 'number' ? String(raw) : text(key);
    if (t === undefined) return fallback;
    if (!/^\d+$/.test(t) || Number(t) < min || Number(t) > max) return wrong(key, `a whole number from ${min} to ${max} (${example})`, t);
    return Number(t);
  };
  const mapConcurrency = integer('mapConcurrency', 1, 1000, DEFAULT_MAP_CONCURRENCY, 'profiles reconciled at once, e.g. "50"');
  const toleratedFailurePercent = integer('toleratedFailurePercent', 0, 100, 5, 'percent of profiles whose run may fail before the whole run fails, e.g. "5"');
  const runTimeoutHours = integer('runTimeoutHours', 1, 24, 2, 'hours, e.g. "6" for 10,000 profiles');
  const dblpDumpAbove = typeof get('dblpDumpAbove') === 'string' && text('dblpDumpAbove') === 'off' ? 'off' : integer('dblpDumpAbove', 0, 1_000_000, DEFAULT_DUMP_ABOVE, 'profiles with dblp on above which the night reads dblp\'s daily dump, e.g. "200", or "off" for person pages always (no dump task: a deploy needs no Docker)');

  return {
    mapConcurrency,
    toleratedFailurePercent,
    runTimeoutHours,
    dblpDumpAbove,
    ...(profiles ? { profiles } : {}),
    scheduleTime: { hour: Number(m[1]), minute: Number(m[2]) },
    timeZone,
    ...(notifyEmail ? { notifyEmail } : {}),
    corsOrigins,
    stackName,
    nag: nagText === 'true',
    ...(domainName && certificateArn ? { domain: { name: domainName, certificateArn } } : {}),
  };
}
