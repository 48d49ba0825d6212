/** The dblp fetch for one profile, from its fetch plan. */
import type { Clock } from '../sources/clock.ts';
import { DBLP_BASE, fetchDblp } from '../sources/dblp/fetch-dblp.ts';
import type { PoliteHttp } from '../sources/http/polite-http.ts';
import type { SourceReport } from '../sources/source-report.ts';
import type { Store } from '../store/store.ts';
import type { FetchPlan } from './fetch-plan.ts';
import { skippedSource } from './skipped-source.ts';
import { userAgentFor } from './user-agent.ts';

export async function fetchDblpStage(plan: FetchPlan, runId: string, store: Store, clock: Clock, http: PoliteHttp, baseUrl = DBLP_BASE): Promise<SourceReport> {
  const cfg = plan.sources.dblp;
  if (!cfg.enabled) return skippedSource('dblp', plan.profile, runId, store, clock);
  return fetchDblp(
    {
      profile: plan.profile,
      runId,
      ...(cfg.pid ? { pid: cfg.pid } : {}),
      searchName: cfg.searchName ?? plan.personName,
      ownerNames: plan.ownerNames,
      canonicalCoauthors: plan.coauthors,
      userAgent: userAgentFor(plan.contact),
    },
    { http, store, clock, baseUrl },
  );
}
