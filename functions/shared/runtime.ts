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
import { ownedRunStore } from '../../src/store/run-claim.ts';
import type { Store } from '../../src/store/store.ts';

export interface StepRuntime {
  readonly store: Store;
  readonly clock: Clock;
  readonly log: (message: string, fields: Record<string, unknown>) => void;
  /** Source endpoints (mirrors, or a test server); default the public APIs. */
  readonly sourceUrls: { readonly arxiv?: string; readonly dblp?: string };
}

function env(name: string): string {
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
    sourceUrls: {
      ...(process.env['ARXIV_API_URL'] ? { arxiv: process.env['ARXIV_API_URL'] } : {}),
      ...(process.env['DBLP_BASE_URL'] ? { dblp: process.env['DBLP_BASE_URL'] } : {}),
    },
  };
  return lambda;
}

export class StepEventError extends Error {
  override name = 'StepEventError';
}

export interface StepEvent {
  readonly profile: string;
  readonly startTime: string;
  /** Derived from the execution's start time: every step and every retry of a run writes the same keys. */
  readonly runId: string;
  /** The execution ARN: the run's owner (a retry or a redrive is the same owner; another execution is not). */
  readonly execution: string;
}

/** The input of each step: {profile, startTime, execution}. */
export function parseStep(event: unknown): StepEvent {
  const e = (event ?? {}) as { profile?: unknown; startTime?: unknown; execution?: unknown };
  if (typeof e.profile !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(e.profile)) throw new StepEventError(`event.profile: expected a profile id, got ${JSON.stringify(e.profile)}`);
  if (typeof e.startTime !== 'string' || Number.isNaN(Date.parse(e.startTime))) throw new StepEventError(`event.startTime: expected an ISO time, got ${JSON.stringify(e.startTime)}`);
  if (typeof e.execution !== 'string' || e.execution === '') throw new StepEventError(`event.execution: expected the execution ARN, got ${JSON.stringify(e.execution)}`);
  return { profile: e.profile, startTime: e.startTime, runId: runIdFor(new Date(e.startTime)), execution: e.execution };
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
