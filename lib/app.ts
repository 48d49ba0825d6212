/**
 * CDK app entry (cdk.json: npx tsx lib/app.ts). Configuration by context:
 *   -c profiles=sanghyuk-chun,another   (default: every folder of data/profiles)
 *   -c data=DIR                          (the data folder; default: the repository's data/)
 *   -c scheduleTime=03:15  -c timeZone=Asia/Seoul  -c notifyEmail=owner@example.org
 *   -c corsOrigins=https://example.org  -c nag=true (run cdk-nag AwsSolutions checks)
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { InputError, formatIssue } from '../src/input/input-error.ts';
import { stageCanonical } from './canonical-staging.ts';
import { ProfileSyncStack } from './profile-sync-stack.ts';

const app = new App();
const ctx = (key: string): string | undefined => {
  const v: unknown = app.node.tryGetContext(key);
  return typeof v === 'string' && v !== '' ? v : undefined;
};
const list = (key: string) => ctx(key)?.split(',').map((s) => s.trim()).filter(Boolean);
/** A mistake in the context or the canonical records: its lines, no stack trace, and synth stops. */
const stop = (lines: readonly string[]): never => {
  for (const line of lines) process.stderr.write(`profile-sync synth: ${line}\n`);
  process.exit(1);
};
const dataDir = ctx('data') ?? join(import.meta.dirname, '..', 'data');
const known = existsSync(join(dataDir, 'profiles')) ? readdirSync(join(dataDir, 'profiles'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : stop([`no profiles folder at ${join(dataDir, 'profiles')}`]);
const profiles = list('profiles') ?? known;
const unknown = profiles.filter((p) => !known.includes(p));
if (unknown.length > 0) stop([`-c profiles: no profile ${unknown.map((p) => `"${p}"`).join(', ')} in ${join(dataDir, 'profiles')} (known: ${known.join(', ') || 'none'})`]);
const canonicalDir = await stageCanonical(dataDir, profiles).catch((e: unknown) => {
  const missing = (e as NodeJS.ErrnoException).code === 'ENOENT' ? (e as NodeJS.ErrnoException).path : undefined;
  if (e instanceof InputError) return stop([...e.issues.map(formatIssue), 'the canonical records above are invalid: nothing was synthesised']);
  if (missing) return stop([`${missing}: the file does not exist: nothing was synthesised`]);
  throw e;
});

const corsOrigins = list('corsOrigins');
const scheduleTime = ctx('scheduleTime');
const timeZone = ctx('timeZone');
const notifyEmail = ctx('notifyEmail');
new ProfileSyncStack(app, ctx('stackName') ?? 'ProfileSync', {
  description: 'profile-sync: nightly arXiv + dblp reconciliation of researcher profiles',
  profiles,
  canonicalDir,
  ...(scheduleTime ? { scheduleTime } : {}),
  ...(timeZone ? { timeZone } : {}),
  ...(notifyEmail ? { notifyEmail } : {}),
  ...(corsOrigins ? { corsOrigins } : {}),
});
if (ctx('nag') === 'true') Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
