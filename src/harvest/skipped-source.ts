/** The report of a source that config.json disables, stamped with the run's clock. */
import type { Clock } from '../sources/clock.ts';
import { writeManifest, type SourceName, type SourceReport } from '../sources/source-report.ts';
import type { Store } from '../store/store.ts';

export async function skippedSource(source: SourceName, profile: string, runId: string, store: Store, time: Clock | Date): Promise<SourceReport> {
  const at = new Date(time instanceof Date ? time.getTime() : time.now()).toISOString();
  const report: SourceReport = { source, profile, runId, status: 'skipped', reasons: [`${source} is disabled in config.json`], documents: [], requests: [], records: 0, mode: 'live', startedAt: at, finishedAt: at };
  return writeManifest(store, report);
}
