/**
 * What every handler needs from its environment: the bucket store, the
 * step's event, a structured logger. Read once at cold start.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { S3Store, s3ClientFor } from '../../src/adapters/s3-store.ts';
import { runIdFor } from '../../src/pipeline/run-id.ts';

export const logger = new Logger({ serviceName: 'profile-sync' });

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} environment variable is not set`);
  return value;
}

const endpoint = process.env['S3_ENDPOINT']; // S3-compatible stores and local runs only; unset on AWS
export const store = new S3Store(
  s3ClientFor({ bucket: env('BUCKET'), ...(endpoint ? { endpoint, forcePathStyle: true } : {}) }),
  env('BUCKET'),
  process.env['KEY_PREFIX'] ?? '',
);

/** Source endpoints (mirrors, or a test server); default the public APIs. */
export const sourceUrls = { arxiv: process.env['ARXIV_API_URL'], dblp: process.env['DBLP_BASE_URL'] };

export class StepEventError extends Error {
  override name = 'StepEventError';
}

/** The input of each step: {profile, startTime} (the run id derives from the execution's start time). */
export function parseStep(event: unknown): { profile: string; runId: string; startTime: string } {
  const e = (event ?? {}) as { profile?: unknown; startTime?: unknown };
  if (typeof e.profile !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(e.profile)) throw new StepEventError(`event.profile: expected a profile id, got ${JSON.stringify(e.profile)}`);
  // Step Functions' $$.Execution.StartTime: a real UTC ISO-8601 time with a 4-digit year (run ids sort by it).
  const start = typeof e.startTime === 'string' ? e.startTime : '';
  const t = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z$/.test(start) ? Date.parse(start) : NaN;
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 19) !== start.slice(0, 19)) throw new StepEventError(`event.startTime: expected a UTC ISO time such as 2026-11-28T03:15:00.000Z, got ${JSON.stringify(e.startTime)}`);
  return { profile: e.profile, startTime: start, runId: runIdFor(new Date(t)) };
}
