/** The dblp fetch for one profile, from its canonical records and config. */
import { normalizeName } from '../text/normalize-name.ts';
import type { Clock } from '../sources/clock.ts';
import { DBLP_BASE, fetchDblp } from '../sources/dblp/fetch-dblp.ts';
import type { PoliteHttp } from '../sources/http/polite-http.ts';
import type { SourceReport } from '../sources/source-report.ts';
import type { Store } from '../store/store.ts';
import type { ProfileInput } from './profile-sources.ts';
import { skippedSource } from './skipped-source.ts';
import { userAgentFor } from './user-agent.ts';

export async function fetchDblpStage(input: ProfileInput, runId: string, store: Store, clock: Clock, http: PoliteHttp, baseUrl = DBLP_BASE): Promise<SourceReport> {
  const cfg = input.config.sources.dblp;
  if (!cfg.enabled) return skippedSource('dblp', input.profile, runId, store, clock);
  const ownerNames = [input.cv.person.name, ...input.cv.person.nameVariants];
  const owner = new Set(ownerNames.map(normalizeName));
  const coauthors = [...new Set(input.cv.publications.flatMap((p) => p.authors.filter((a) => !a.owner && !owner.has(normalizeName(a.name))).map((a) => a.name)))];
  return fetchDblp(
    {
      profile: input.profile,
      runId,
      ...(cfg.pid ? { pid: cfg.pid } : {}),
      searchName: cfg.searchName ?? input.cv.person.name,
      ownerNames,
      canonicalCoauthors: coauthors,
      userAgent: userAgentFor(input.config.contact),
    },
    { http, store, clock, baseUrl },
  );
}
