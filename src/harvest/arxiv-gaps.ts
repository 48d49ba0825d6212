/**
 * The arXiv IDs a profile knows (its CV, tonight's dblp CoRR records) that its
 * holdings lack and the OAI-PMH delta cannot bring (their records did not change
 * tonight): asked for with id_list, batched across all profiles, POSTed when the
 * list is long (arXiv's manual suggests POST for long parameter lists). In a
 * steady state there are none and this sends no request. IDs arXiv does not
 * have are remembered (the index) and not asked again for 30 days.
 */
import { ARXIV_API, idListUrl } from '../sources/arxiv/arxiv-query.ts';
import { matchRequestedIds, parseArxivFeed } from '../sources/arxiv/parse-feed.ts';
import { parsedOrProblem } from '../sources/document-problem.ts';
import type { ArxivFeed } from '../sources/arxiv/arxiv-record.ts';
import type { Clock } from '../sources/clock.ts';
import { FetchFailure } from '../sources/http/fetch-failure.ts';
import type { HttpResponse, PoliteHttp } from '../sources/http/polite-http.ts';
import { manifestKey, type SourceReport } from '../sources/source-report.ts';
import { parseArxivId } from '../ids/arxiv-id.ts';
import { RUN_SCOPED_CACHE_CONTROL, type Store } from '../store/store.ts';
import { addToHoldings, runTimeOf, type HoldingEntry } from './arxiv-holdings.ts';
import { readIdIndex, updateIdIndex } from './arxiv-id-index.ts';
import type { FetchPlan } from './fetch-plan.ts';
import { readDblpOutcomes } from './harvest-dblp.ts';
import { oaiRawPrefix } from './harvest-keys.ts';
import { LeasedHttp } from './leased-http.ts';

export const gapsManifestKey = (runId: string) => `${oaiRawPrefix(runId)}gaps-manifest.json`;

/** IDs per request: a GET up to 100 (a short URL), a POST beyond. */
const GET_LIMIT = 100;

export interface GapOptions {
  readonly store: Store;
  readonly http: PoliteHttp;
  readonly clock: Clock;
  readonly runId: string;
  readonly plans: readonly FetchPlan[];
  readonly apiUrl?: string;
  /** IDs per id_list request (default 400; arXiv returns up to 2000 per slice). */
  readonly batchSize?: number;
  /**
   * Clock time after which no new request starts: what was found so far is added to the
   * holdings and the index (so a call again asks only what is left) and the result is
   * "partial". A call that reaches its deadline without one answered batch ends "degraded".
   */
  readonly deadline?: number;
  readonly userAgent?: string;
}

export interface GapResult {
  readonly runId: string;
  readonly manifest: string;
  readonly asked: number;
  readonly found: number;
  readonly missing: number;
  readonly requests: number;
  readonly profilesChanged: number;
  readonly bytesWritten: number;
  readonly status: 'ok' | 'degraded' | 'partial';
}

const FORM = 'application/x-www-form-urlencoded';

const readFeed = (res: Pick<HttpResponse, 'body' | 'url'>): ArxivFeed | string => parsedOrProblem(() => parseArxivFeed(new TextDecoder().decode(res.body), res.url));

export async function closeArxivGaps(o: GapOptions): Promise<GapResult> {
  const { store, clock, runId } = o;
  const existing = await store.get(gapsManifestKey(runId));
  if (existing) return { ...(JSON.parse(new TextDecoder().decode(existing.body)) as { result: GapResult }).result, requests: 0 };
  const { index } = await readIdIndex(store);
  const dblp = await readDblpOutcomes(store, runId);
  const runTime = runTimeOf(runId);
  const wanted = new Map<string, Set<string>>(); // arXiv ID → profiles that want it
  for (const plan of o.plans) {
    if (!plan.sources.arxiv.enabled) continue;
    const held = new Set(index.get(plan.profile)?.ids ?? []);
    const missing = index.get(plan.profile)?.missing ?? {};
    let fromDblp = dblp.get(plan.profile)?.arxivIds;
    if (fromDblp === undefined) {
      const m = await store.get(manifestKey(plan.profile, runId, 'dblp'));
      fromDblp = m ? ((JSON.parse(new TextDecoder().decode(m.body)) as SourceReport).arxivIds ?? []) : [];
    }
    for (const raw of [...plan.arxivIds, ...fromDblp]) {
      const id = parseArxivId(raw)?.base;
      if (!id || held.has(id)) continue;
      const askedAt = missing[id];
      if (askedAt !== undefined && runTime - runTimeOf(askedAt) < 30 * 86_400_000) continue;
      const set = wanted.get(id) ?? new Set<string>();
      set.add(plan.profile);
      wanted.set(id, set);
    }
  }
  const ids = [...wanted.keys()].sort();
  const lease = o.http instanceof LeasedHttp && ids.length > 0 ? o.http.lease : undefined;
  if (lease && !lease.held) await lease.acquire();
  const firstRequest = o.http.log.length;
  const batch = o.batchSize ?? 400;
  const base = o.apiUrl ?? ARXIV_API;
  const perProfile = new Map<string, { entries: HoldingEntry[]; notFound: string[] }>();
  const reasons: string[] = [];
  const documents: string[] = [];
  // Pages of an earlier call of this run keep their names (holdings point at them): number after them.
  const earlierPages = ids.length > 0 ? (await store.list(oaiRawPrefix(runId))).filter((k) => /\/id_list-\d+\.xml$/.test(k)).length : 0;
  let stopped = false;
  let found = 0;
  let notFoundCount = 0;
  let bytesWritten = 0;
  try {
    for (let i = 0; i < ids.length; i += batch) {
      if (o.deadline !== undefined && i > 0 && clock.now() >= o.deadline) {
        stopped = true;
        break;
      }
      const chunk = ids.slice(i, i + batch);
      const judge = (r: Pick<HttpResponse, 'status' | 'body' | 'url'>) => {
        if (r.status !== 200) return undefined;
        const feed = readFeed(r);
        if (typeof feed === 'string') return feed;
        return feed.kind === 'feed' && feed.records.length === 0 ? `anomalous empty page (totalResults ${feed.totalResults ?? '?'})` : undefined;
      };
      let res: HttpResponse;
      try {
        res =
          chunk.length <= GET_LIMIT
            ? await o.http.get(idListUrl(base, chunk), judge, o.userAgent)
            : await o.http.send(base, { method: 'POST', body: `id_list=${chunk.join(',')}&start=0&max_results=${chunk.length}`, headers: { 'Content-Type': FORM } }, judge, o.userAgent);
      } catch (e) {
        if (!(e instanceof FetchFailure)) throw e;
        reasons.push(`id_list of ${chunk.length} IDs: ${e.message}`);
        continue;
      }
      const feed = readFeed(res);
      if (typeof feed === 'string' || feed.kind === 'error' || res.status !== 200) {
        reasons.push(`id_list of ${chunk.length} IDs: HTTP ${res.status}: ${typeof feed === 'string' ? feed : feed.kind === 'error' ? feed.message : 'unexpected status'}`);
        continue;
      }
      const key = `${oaiRawPrefix(runId)}id_list-${earlierPages + documents.length + 1}.xml`;
      await store.put(key, res.body, { contentType: 'application/atom+xml; charset=utf-8', cacheControl: RUN_SCOPED_CACHE_CONTROL, ifNoneMatch: '*' });
      documents.push(key);
      bytesWritten += res.body.byteLength;
      const match = matchRequestedIds(chunk, feed.records);
      found += match.found.size;
      notFoundCount += match.missing.length;
      for (const [id, record] of match.found) for (const p of wanted.get(id) ?? []) get(perProfile, p).entries.push({ record, via: 'id_list', raw: key, runId, matched: 'id' });
      for (const id of match.missing) for (const p of wanted.get(id) ?? []) get(perProfile, p).notFound.push(id);
    }
  } finally {
    if (lease?.held) await lease.release();
  }
  const at = new Date(clock.now()).toISOString();
  let profilesChanged = 0;
  const indexChanges = new Map<string, { ids: string[]; missing: Record<string, string> }>();
  for (const [profile, c] of [...perProfile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const r = await addToHoldings(store, profile, runId, at, { entries: c.entries, notFound: c.notFound });
    if (r.changed) profilesChanged++;
    bytesWritten += r.bytes;
    indexChanges.set(profile, { ids: c.entries.map((e) => e.record.id), missing: Object.fromEntries(c.notFound.map((id) => [id, runId])) });
  }
  bytesWritten += await updateIdIndex(store, indexChanges);
  // Stopped at the deadline after answers: the rest in a call again (it asks only what is still missing).
  if (stopped && documents.length > 0) {
    return { runId, manifest: gapsManifestKey(runId), asked: ids.length, found, missing: notFoundCount, requests: o.http.log.length - firstRequest, profilesChanged, bytesWritten, status: 'partial' };
  }
  if (stopped) reasons.push(`stopped at the deadline with ${ids.length} IDs asked and none answered`);
  const result: GapResult = {
    runId,
    manifest: gapsManifestKey(runId),
    asked: ids.length,
    found,
    missing: notFoundCount,
    requests: o.http.log.length - firstRequest,
    profilesChanged,
    bytesWritten,
    status: reasons.length > 0 ? 'degraded' : 'ok',
  };
  const body = `${JSON.stringify({ source: 'arxiv', kind: 'id_list-gaps', runId, documents, reasons, requests: o.http.log.slice(firstRequest), result }, null, 2)}\n`;
  await store.put(gapsManifestKey(runId), body, { contentType: 'application/json; charset=utf-8', cacheControl: RUN_SCOPED_CACHE_CONTROL, ifNoneMatch: '*' });
  return { ...result, bytesWritten: bytesWritten + Buffer.byteLength(body) };
}

function get(m: Map<string, { entries: HoldingEntry[]; notFound: string[] }>, p: string) {
  let v = m.get(p);
  if (!v) {
    v = { entries: [], notFound: [] };
    m.set(p, v);
  }
  return v;
}
