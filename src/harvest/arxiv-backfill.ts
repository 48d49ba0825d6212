/**
 * A profile's first arXiv backfill: the per-profile author query, the one per-profile arXiv request a profile ever
 * needs; after it, the nightly OAI-PMH delta keeps the holdings current. The
 * native Atom pages go to raw/<profile>/<run>-backfill/ with their manifest; a
 * retried invocation reuses them instead of asking again.
 */
import { fetchArxiv } from '../sources/arxiv/fetch-arxiv.ts';
import { parseArxivFeed } from '../sources/arxiv/parse-feed.ts';
import type { Clock } from '../sources/clock.ts';
import type { PoliteHttp } from '../sources/http/polite-http.ts';
import { manifestKey, type SourceReport } from '../sources/source-report.ts';
import type { Store } from '../store/store.ts';
import type { HoldingEntry } from './arxiv-holdings.ts';
import type { FetchPlan } from './fetch-plan.ts';
import { userAgentFor } from './user-agent.ts';

export const backfillRunId = (runId: string) => `${runId}-backfill`;

export interface BackfillResult {
  readonly entries: readonly HoldingEntry[];
  readonly report: SourceReport;
  /** Every request answered (or the author query is empty): the backfill counts as done. */
  readonly complete: boolean;
  /** True when this invocation sent requests (false: reused a stored backfill). */
  readonly fetched: boolean;
}

export async function backfillProfile(plan: FetchPlan, runId: string, deps: { store: Store; http: PoliteHttp; clock: Clock; apiUrl: string }): Promise<BackfillResult> {
  const run = backfillRunId(runId);
  const stored = await deps.store.get(manifestKey(plan.profile, run, 'arxiv'));
  const fetched = stored === undefined;
  const cfg = plan.sources.arxiv;
  const report: SourceReport = stored
    ? (JSON.parse(new TextDecoder().decode(stored.body)) as SourceReport)
    : await fetchArxiv(
        {
          profile: plan.profile,
          runId: run,
          knownIds: [], // the CV's other IDs are gaps, closed by the id_list lookups batched across profiles
          authorNames: cfg.authorNames,
          ...(cfg.discoverSince ? { discoverSince: cfg.discoverSince } : {}),
          discoverMaxResults: cfg.discoverMaxResults,
          pageSize: cfg.pageSize,
          userAgent: userAgentFor(plan.contact),
        },
        { http: deps.http, store: deps.store, clock: deps.clock, baseUrl: deps.apiUrl },
      );
  const entries: HoldingEntry[] = [];
  for (const d of report.documents) {
    const obj = await deps.store.get(d.key);
    if (!obj) throw new Error(`${d.key} is listed in ${manifestKey(plan.profile, run, 'arxiv')} but missing from the store`);
    const feed = parseArxivFeed(new TextDecoder().decode(obj.body), d.key);
    if (feed.kind !== 'feed') continue;
    for (const record of feed.records) entries.push({ record, via: 'backfill', raw: d.key, runId, matched: 'author-query' });
  }
  // An author query that stays empty after its retries is an owner without arXiv papers (so far): done too.
  const complete = report.status === 'ok' || (report.reasons.length > 0 && report.reasons.every((r) => /anomalous empty page/.test(r)));
  return { entries, report, complete, fetched };
}
