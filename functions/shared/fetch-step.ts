/** The common shape of the two fetch handlers: load the profile, fetch one source, return keys only. */
import { PoliteHttp } from '../../src/sources/http/polite-http.ts';
import { manifestKey, type SourceName, type SourceReport } from '../../src/sources/source-report.ts';
import { loadProfileFromStore } from '../../src/pipeline/profile-from-store.ts';
import type { ProfileInput } from '../../src/pipeline/profile-sources.ts';
import { userAgentFor } from '../../src/pipeline/user-agent.ts';
import { realClock } from '../../src/sources/clock.ts';
import { logger, parseStep, store } from './runtime.ts';

export interface FetchStepResult {
  readonly profile: string;
  readonly runId: string;
  readonly source: SourceName;
  readonly status: SourceReport['status'];
  readonly manifest: string;
}

export async function fetchStep(
  source: SourceName,
  event: unknown,
  run: (input: ProfileInput, runId: string, http: PoliteHttp) => Promise<SourceReport>,
): Promise<FetchStepResult> {
  const { profile, runId } = parseStep(event);
  logger.appendKeys({ profile, runId, source });
  const input = await loadProfileFromStore(store, profile);
  const gap = source === 'arxiv' ? Math.max(3, input.config.sources.arxiv.minIntervalSeconds) : input.config.sources.dblp.minIntervalSeconds;
  const http = new PoliteHttp({ userAgent: userAgentFor(input.config.contact), minIntervalMs: gap * 1000, clock: realClock });
  const report = await run(input, runId, http);
  logger.info('fetched', { status: report.status, requests: report.requests.length, documents: report.documents.length, records: report.records, reasons: report.reasons });
  return { profile, runId, source, status: report.status, manifest: manifestKey(profile, runId, source) };
}
