/**
 * What every handler needs from its environment: the store, a clock, a log,
 * the source endpoints. On Lambda it comes from the environment, once per
 * container (lambdaRuntime); tests pass their own (a folder store or S3
 * behind a conditional proxy, a virtual clock, loopback sources).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { S3Store, s3ClientFor } from '../../src/adapters/s3-store.ts';
import { runIdFor } from '../../src/pipeline/run-id.ts';
import { realClock, type Clock } from '../../src/sources/clock.ts';
import { ownedRunStore, runHarvestScope } from '../../src/store/run-claim.ts';
import type { Store } from '../../src/store/store.ts';

export interface StepRuntime {
  readonly store: Store;
  readonly clock: Clock;
  readonly log: (message: string, fields: Record<string, unknown>) => void;
  /** Source endpoints (mirrors, or a test server); default the public APIs: arXiv's Atom API, its OAI-PMH interface, dblp. */
  readonly sourceUrls: { readonly arxiv?: string; readonly arxivOai?: string; readonly dblp?: string };
  /** Milliseconds left before the invocation is stopped (Lambda's context); a harvester stops starting requests well before. */
  readonly remainingMs?: () => number;
  /** Who this invocation is (Lambda's request id), for the source lease's holder. */
  readonly invocationId?: string;
  /** The store's key prefix in its bucket ('' on AWS): Step Functions names S3 objects by their full key. */
  readonly keyPrefix?: string;
  /** Who the sources may contact about the deployment's requests (the User-Agent's mailto). */
  readonly contact?: string;
}

/** A variable the function's environment must set (lib/ sets them). */
export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} environment variable is not set`);
  return value;
}

let lambda: StepRuntime | undefined;

/** The runtime of a deployed function, from its environment (read at the first invocation). */
export function lambdaRuntime(): StepRuntime {
  if (lambda) return lambda;
  const logger = new Logger({ serviceName: 'profile-sync' });
  const endpoint = process.env['S3_ENDPOINT']; // S3-compatible stores and local runs only; unset on AWS
  const bucket = env('BUCKET');
  lambda = {
    store: new S3Store(s3ClientFor({ bucket, ...(endpoint ? { endpoint, forcePathStyle: true } : {}) }), bucket, process.env['KEY_PREFIX'] ?? ''),
    clock: realClock,
    log: (message, fields) => logger.info(message, fields),
    ...(process.env['CONTACT'] ? { contact: process.env['CONTACT'] } : {}),
    keyPrefix: process.env['KEY_PREFIX'] ?? '',
    sourceUrls: {
      ...(process.env['ARXIV_API_URL'] ? { arxiv: process.env['ARXIV_API_URL'] } : {}),
      ...(process.env['ARXIV_OAI_URL'] ? { arxivOai: process.env['ARXIV_OAI_URL'] } : {}),
      ...(process.env['DBLP_BASE_URL'] ? { dblp: process.env['DBLP_BASE_URL'] } : {}),
    },
  };
  return lambda;
}

export class StepEventError extends Error {
  override name = 'StepEventError';
}

/** What Lambda tells a handler about the invocation (the part used here). */
export interface InvocationContext {
  readonly awsRequestId: string;
  getRemainingTimeInMillis(): number;
}

/** The deployed runtime for one invocation: its time left and its request id. */
export function invocationRuntime(context: InvocationContext | undefined): StepRuntime {
  const rt = lambdaRuntime();
  return context ? { ...rt, remainingMs: () => context.getRemainingTimeInMillis(), invocationId: context.awsRequestId } : rt;
}

/** The input of a run-level step (the harvesters, the summary): the execution's start time and ARN. */
export interface RunEvent {
  readonly startTime: string;
  /** Derived from the execution's start time: every step and every retry of a run writes the same keys. */
  readonly runId: string;
  /** The execution ARN. */
  readonly execution: string;
}

/** A per-profile step's input; the execution ARN is the run's owner (a retry or a redrive is the same owner; another execution is not). */
export interface StepEvent extends RunEvent {
  readonly profile: string;
}

/** How the owner's CLI reaches the deployed bucket, for the commands in a message: "--bucket <name>" (+ "--prefix <p>"). */
export function cliStoreArgs(): string {
  const prefix = process.env['KEY_PREFIX'];
  return `--bucket ${env('BUCKET')}${prefix ? ` --prefix ${prefix}` : ''}`;
}

/** The input of a run-level step: {startTime, execution}. */
export function parseRunEvent(event: unknown): RunEvent {
  const e = (event ?? {}) as { startTime?: unknown; execution?: unknown };
  // Step Functions' $$.Execution.StartTime: a real UTC ISO-8601 time with a 4-digit year (run ids sort by it).
  const start = typeof e.startTime === 'string' ? e.startTime : '';
  const t = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z$/.test(start) ? Date.parse(start) : NaN;
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 19) !== start.slice(0, 19)) throw new StepEventError(`event.startTime: expected a UTC ISO time such as 2026-11-28T03:15:00.000Z, got ${JSON.stringify(e.startTime)}`);
  if (typeof e.execution !== 'string' || e.execution === '') throw new StepEventError(`event.execution: expected the execution ARN, got ${JSON.stringify(e.execution)}`);
  return { startTime: start, runId: runIdFor(new Date(t)), execution: e.execution };
}

/** The input of each per-profile step: {profile, startTime, execution}. */
export function parseStep(event: unknown): StepEvent {
  const e = (event ?? {}) as { profile?: unknown };
  if (typeof e.profile !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(e.profile)) throw new StepEventError(`event.profile: expected a profile id, got ${JSON.stringify(e.profile)}`);
  return { profile: e.profile, ...parseRunEvent(event) };
}

/**
 * The store as this run's owner writes it (src/store/run-claim.ts), claimed
 * before the step does anything: a retried step finishes what it began, a
 * step of another execution with the same run id stops here (RunClaimedError).
 */
export async function claimedRunStore(rt: StepRuntime, step: StepEvent): Promise<Store> {
  const store = ownedRunStore(rt.store, { profile: step.profile, runId: step.runId, owner: step.execution }, () => new Date(rt.clock.now()));
  await store.claim();
  return store;
}

/**
 * The store as this nightly run's owner writes its shared keys (the manifest,
 * the harvests' pages, manifests and progress), claimed before anything else:
 * a retried step finishes what it began; another execution with the same run
 * id stops here (RunClaimedError, not retried).
 */
export async function claimedHarvestStore(rt: StepRuntime, run: RunEvent): Promise<Store> {
  const store = ownedRunStore(rt.store, runHarvestScope(run.runId, run.execution), () => new Date(rt.clock.now()));
  await store.claim();
  return store;
}
