/**
 * The fetch stage for one profile: each enabled source, live or replayed from
 * recordings, its native documents written to raw/<profile>/<run>/ with a
 * manifest. dblp goes first so the arXiv id_list can include the arXiv IDs of
 * dblp's CoRR records. A source failure is a report, never an exception.
 */
import { parseArxivId } from '../ids/arxiv-id.ts';
import { normalizeName } from '../text/normalize-name.ts';
import { parseArxivFeed } from '../sources/arxiv/parse-feed.ts';
import { ARXIV_API } from '../sources/arxiv/arxiv-query.ts';
import { fetchArxiv } from '../sources/arxiv/fetch-arxiv.ts';
import type { Clock } from '../sources/clock.ts';
import { DBLP_BASE, fetchDblp } from '../sources/dblp/fetch-dblp.ts';
import { parseDblpPerson } from '../sources/dblp/parse-xml.ts';
import type { PoliteHttp } from '../sources/http/polite-http.ts';
import { replaySource } from '../sources/replay.ts';
import { manifestKey, type SourceName, type SourceReport } from '../sources/source-report.ts';
import type { Store } from '../store/store.ts';
import type { ProfileInput } from './profile-sources.ts';
import { userAgentFor } from './user-agent.ts';

export interface SourceClients {
  readonly arxiv: PoliteHttp;
  readonly dblp: PoliteHttp;
  readonly arxivUrl?: string;
  readonly dblpUrl?: string;
}

export interface FetchStageOptions {
  readonly input: ProfileInput;
  readonly runId: string;
  readonly store: Store;
  readonly clock: Clock;
  /** live: the network through `clients`; replay: data/recordings. */
  readonly mode: { readonly kind: 'live'; readonly clients: SourceClients } | { readonly kind: 'replay'; readonly dataDir: string };
  /** arXiv IDs the last published profile knew (kept in the id_list). */
  readonly previousArxivIds?: readonly string[];
}

export interface FetchStageResult {
  readonly arxiv: SourceReport;
  readonly dblp: SourceReport;
}

/** Counts records in a recorded document (throws when it does not parse, as a live fetch would fail). */
export function countRecords(text: string, name: string): number {
  if (name.startsWith('arxiv-')) {
    const feed = parseArxivFeed(text, name);
    if (feed.kind === 'error') throw new Error(`arXiv error feed: ${feed.message}`);
    return feed.records.length;
  }
  if (name.endsWith('.xml')) return parseDblpPerson(text, name).records.length;
  return 0; // search JSON: not records of the owner
}

async function skipped(source: SourceName, input: ProfileInput, runId: string, store: Store, clock: Clock): Promise<SourceReport> {
  const at = new Date(clock.now()).toISOString();
  const report: SourceReport = {
    source,
    profile: input.profile,
    runId,
    status: 'skipped',
    reasons: [`${source} is disabled in config.json`],
    documents: [],
    requests: [],
    records: 0,
    mode: 'live',
    startedAt: at,
    finishedAt: at,
  };
  await store.put(manifestKey(input.profile, runId, source), `${JSON.stringify(report, null, 2)}\n`, { contentType: 'application/json; charset=utf-8', ifNoneMatch: '*' });
  return report;
}

/** arXiv IDs of the CoRR records in the dblp person document this run stored. */
async function corrArxivIds(store: Store, report: SourceReport): Promise<string[]> {
  const doc = report.documents.find((d) => d.purpose === 'person');
  if (!doc) return [];
  const obj = await store.get(doc.key);
  if (!obj) return [];
  try {
    return parseDblpPerson(new TextDecoder().decode(obj.body), doc.key).records.flatMap((r) => (r.arxivId ? [r.arxivId] : []));
  } catch {
    return [];
  }
}

export async function fetchStage(o: FetchStageOptions): Promise<FetchStageResult> {
  const { input, runId, store, clock } = o;
  const cfg = input.config.sources;
  if (o.mode.kind === 'replay') {
    const common = { dataDir: o.mode.dataDir, profile: input.profile, runId, store, now: new Date(clock.now()), count: countRecords };
    const dblp = cfg.dblp.enabled ? await replaySource('dblp', common) : await skipped('dblp', input, runId, store, clock);
    const arxiv = cfg.arxiv.enabled ? await replaySource('arxiv', common) : await skipped('arxiv', input, runId, store, clock);
    return { arxiv, dblp };
  }
  const { clients } = o.mode;
  const userAgent = userAgentFor(input.config.contact);
  const ownerNames = [input.cv.person.name, ...input.cv.person.nameVariants];
  const owner = new Set(ownerNames.map(normalizeName));
  const coauthors = [...new Set(input.cv.publications.flatMap((p) => p.authors.filter((a) => !a.owner && !owner.has(normalizeName(a.name))).map((a) => a.name)))];

  const dblp = cfg.dblp.enabled
    ? await fetchDblp(
        {
          profile: input.profile,
          runId,
          ...(cfg.dblp.pid ? { pid: cfg.dblp.pid } : {}),
          searchName: cfg.dblp.searchName ?? input.cv.person.name,
          ownerNames,
          canonicalCoauthors: coauthors,
          userAgent,
        },
        { http: clients.dblp, store, clock, baseUrl: clients.dblpUrl ?? DBLP_BASE },
      )
    : await skipped('dblp', input, runId, store, clock);

  const knownIds = [
    ...input.cv.publications.flatMap((p) => (p.ids?.arxiv ? [p.ids.arxiv] : [])),
    ...(await corrArxivIds(store, dblp)),
    ...(o.previousArxivIds ?? []),
  ].filter((id) => parseArxivId(id) !== undefined);

  const arxiv = cfg.arxiv.enabled
    ? await fetchArxiv(
        {
          profile: input.profile,
          runId,
          knownIds,
          authorNames: cfg.arxiv.authorNames,
          ...(cfg.arxiv.discoverSince ? { discoverSince: cfg.arxiv.discoverSince } : {}),
          discoverMaxResults: cfg.arxiv.discoverMaxResults,
          pageSize: cfg.arxiv.pageSize,
          userAgent,
        },
        { http: clients.arxiv, store, clock, baseUrl: clients.arxivUrl ?? ARXIV_API },
      )
    : await skipped('arxiv', input, runId, store, clock);
  return { arxiv, dblp };
}
