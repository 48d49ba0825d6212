/**
 * What every handler needs from its environment: the bucket store, the
 * step's event, a structured logger. Read once at cold start.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod/v4';
import { S3Store, s3ClientFor } from '../../src/adapters/s3-store.ts';
import { runIdFor } from '../../src/pipeline/run-id.ts';

export const logger = new Logger({ serviceName: 'profile-sync' });

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} environment variable is not set`);
  return value;
}

export const store = new S3Store(s3ClientFor({ bucket: env('BUCKET') }), env('BUCKET'), process.env['KEY_PREFIX'] ?? '');

/** The input of each step: the profile, and the execution's start time (the run id derives from it). */
export const stepEvent = z.object({
  profile: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  startTime: z.iso.datetime({ offset: true }),
});

export function parseStep(event: unknown): { profile: string; runId: string; startTime: string } {
  const e = stepEvent.parse(event);
  return { profile: e.profile, startTime: e.startTime, runId: runIdFor(new Date(e.startTime)) };
}
