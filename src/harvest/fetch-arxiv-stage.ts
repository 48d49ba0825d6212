/** The arXiv fetch for one profile: known IDs from the CV, dblp CoRR records and the last profile. */
import { parseArxivId } from '../ids/arxiv-id.ts';
import { ARXIV_API } from '../sources/arxiv/arxiv-query.ts';
import { fetchArxiv } from '../sources/arxiv/fetch-arxiv.ts';
import type { Clock } from '../sources/clock.ts';
import type { PoliteHttp } from '../sources/http/polite-http.ts';
import type { SourceReport } from '../sources/source-report.ts';
import type { Store } from '../store/store.ts';
import type { FetchPlan } from './fetch-plan.ts';
import { skippedSource } from './skipped-source.ts';
import { userAgentFor } from './user-agent.ts';

export async function fetchArxivStage(plan: FetchPlan, runId: string, store: Store, clock: Clock, http: PoliteHttp, moreKnownIds: readonly string[] = [], baseUrl = ARXIV_API): Promise<SourceReport> {
  const cfg = plan.sources.arxiv;
  if (!cfg.enabled) return skippedSource('arxiv', plan.profile, runId, store, clock);
  const knownIds = [...plan.arxivIds, ...moreKnownIds].filter((id) => parseArxivId(id) !== undefined);
  return fetchArxiv(
    {
      profile: plan.profile,
      runId,
      knownIds,
      authorNames: cfg.authorNames,
      ...(cfg.discoverSince ? { discoverSince: cfg.discoverSince } : {}),
      discoverMaxResults: cfg.discoverMaxResults,
      pageSize: cfg.pageSize,
      userAgent: userAgentFor(plan.contact),
    },
    { http, store, clock, baseUrl },
  );
}
