/**
 * The manifest of a source whose harvest step failed for good (after its
 * retries): the workflow catches the step's error and each profile's
 * reconcile step writes this in place of the manifest the harvest never wrote. Reconcile
 * then reads a degraded source like any other (the last good snapshot
 * stands) and the cause reaches the report's source health.
 */
import { manifestKey, writeManifest, type SourceName, type SourceReport } from '../sources/source-report.ts';
import type { Store } from '../store/store.ts';

export interface StepFailure {
  /** The workflow state that failed, e.g. "HarvestArxivStep". */
  readonly step: string;
  /** The error name, e.g. "Sandbox.Timedout", "SlowDown". */
  readonly error: string;
  /** The error's message. */
  readonly message: string;
  /** Attempts made, retries included (when the workflow says). */
  readonly attempts?: number;
}

export function describeFailure(f: StepFailure): string {
  const attempts = f.attempts ? ` after ${f.attempts} attempt${f.attempts === 1 ? '' : 's'}` : '';
  return `${f.step} failed${attempts}: ${f.error}: ${f.message}`;
}

/**
 * Writes the failed source's manifest unless the run already has one (a fetch
 * that completed before its step failed stands). Several failures of one
 * source (the arXiv harvest and its gap step) share the manifest, each a
 * reason. Returns the manifest in force.
 */
export async function recordFailedSource(store: Store, source: SourceName, profile: string, runId: string, failures: StepFailure | readonly StepFailure[], at: Date): Promise<SourceReport> {
  const all: readonly StepFailure[] = Array.isArray(failures) ? failures : [failures as StepFailure];
  const failure = all[0]!;
  const existing = await store.get(manifestKey(profile, runId, source));
  if (existing) return JSON.parse(new TextDecoder().decode(existing.body)) as SourceReport;
  const report: SourceReport = {
    source,
    profile,
    runId,
    status: 'degraded',
    reasons: all.map(describeFailure),
    documents: [],
    requests: [],
    records: 0,
    mode: 'live',
    startedAt: at.toISOString(),
    finishedAt: at.toISOString(),
    details: { failure, ...(all.length > 1 ? { failures: all } : {}) },
  };
  return writeManifest(store, report);
}
