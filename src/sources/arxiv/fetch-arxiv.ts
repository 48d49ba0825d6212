/**
 * The arXiv fetch stage for one profile: author discovery (paged, newest first,
 * stopping at a date or a count), then id_list batches for the known IDs that
 * discovery did not already return. Native bytes go to raw/ unchanged; the
 * result says how healthy the source was. Nothing here throws for a source
 * failure: it becomes a degraded report.
 */
import { parseArxivId } from '../../ids/arxiv-id.ts';
import { RUN_SCOPED_CACHE_CONTROL, type Store } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { FetchFailure } from '../http/fetch-failure.ts';
import type { HttpResponse, PoliteHttp } from '../http/polite-http.ts';
import { rawKey, writeManifest, type RawDocument, type SourceReport } from '../source-report.ts';
import { parsedOrProblem } from '../document-problem.ts';
import type { ArxivFeed } from './arxiv-record.ts';
import { ID_BATCH, discoveryUrl, idListUrl } from './arxiv-query.ts';
import { matchRequestedIds, parseArxivFeed } from './parse-feed.ts';

export interface ArxivFetchPlan {
  readonly profile: string;
  readonly runId: string;
  /** arXiv IDs already known (canonical records, dblp CoRR records, the last profile). */
  readonly knownIds: readonly string[];
  /** Name forms for author discovery; none = no discovery. */
  readonly authorNames: readonly string[];
  /** Stop discovery at papers first submitted before this date (YYYY-MM-DD). */
  readonly discoverSince?: string;
  readonly discoverMaxResults: number;
  readonly pageSize: number;
  /** User-Agent naming the tool and this profile's contact. */
  readonly userAgent?: string;
}

export interface ArxivFetchDeps {
  readonly http: PoliteHttp;
  readonly store: Store;
  readonly clock: Clock;
  readonly baseUrl: string;
}

const ATOM = 'application/atom+xml; charset=utf-8';

/** The feed, or why it cannot be read (malformed, HTML, not a feed, not UTF-8). */
const readFeed = (res: Pick<HttpResponse, 'body' | 'url'>): ArxivFeed | string => parsedOrProblem(() => parseArxivFeed(res.body, res.url));

export async function fetchArxiv(plan: ArxivFetchPlan, deps: ArxivFetchDeps): Promise<SourceReport> {
  const startedAt = new Date(deps.clock.now()).toISOString();
  const firstRequest = deps.http.log.length;
  const documents: RawDocument[] = [];
  const reasons: string[] = [];
  const seen = new Set<string>();
  let records = 0;
  let degraded = false;

  const keep = async (res: HttpResponse, purpose: string) => {
    const key = rawKey(plan.profile, plan.runId, 'arxiv', documents.length + 1, 'xml');
    await deps.store.put(key, res.body, { contentType: ATOM, cacheControl: RUN_SCOPED_CACHE_CONTROL, ifNoneMatch: '*' });
    documents.push({ key, purpose, url: res.url, status: res.status, bytes: res.body.byteLength });
  };

  /** One request; returns the parsed feed, or undefined after recording why it failed. */
  const request = async (url: string, purpose: string, emptyIsAnomalous: boolean): Promise<Extract<ArxivFeed, { kind: 'feed' }> | undefined> => {
    let res: HttpResponse;
    try {
      res = await deps.http.get(url, (r) => {
        if (r.status !== 200) return undefined; // 4xx: final; the body says why
        const feed = readFeed(r);
        if (typeof feed === 'string') return feed; // truncated or HTML: worth another try
        if (feed.kind === 'feed' && feed.records.length === 0 && emptyIsAnomalous) {
          return `anomalous empty page (totalResults ${feed.totalResults ?? '?'})`;
        }
        return undefined;
      }, plan.userAgent);
    } catch (e) {
      if (!(e instanceof FetchFailure)) throw e;
      degraded = true;
      reasons.push(`${purpose}: ${e.message}`);
      return undefined;
    }
    const feed = readFeed(res);
    if (typeof feed === 'string') {
      degraded = true;
      reasons.push(`${purpose}: HTTP ${res.status}: ${feed}`);
      return undefined;
    }
    if (feed.kind === 'error') {
      degraded = true;
      reasons.push(`${purpose}: arXiv answered HTTP ${res.status} with its error feed: ${feed.message}`);
      return undefined;
    }
    if (res.status !== 200) {
      degraded = true;
      reasons.push(`${purpose}: HTTP ${res.status}`);
      return undefined;
    }
    await keep(res, purpose);
    for (const p of feed.problems) reasons.push(`${purpose}: ${p}`);
    return feed;
  };

  // 1. Author discovery, newest first.
  if (plan.authorNames.length > 0) {
    let start = 0;
    let collected = 0;
    for (let page = 1; ; page++) {
      const feed = await request(discoveryUrl(deps.baseUrl, plan.authorNames, start, plan.pageSize), `author-discovery page ${page}`, true);
      if (!feed) break;
      // A page with nothing new (arXiv ignoring start, a proxy serving one cached page): paging stops, said.
      if (page > 1 && feed.records.length > 0 && feed.records.every((r) => seen.has(r.id))) {
        degraded = true;
        reasons.push(`author-discovery page ${page} (start=${start}) repeats records already read: paging stopped (the source did not advance)`);
        break;
      }
      records += feed.records.length;
      collected += feed.records.length;
      for (const r of feed.records) seen.add(r.id);
      const oldest = feed.records[feed.records.length - 1]?.published?.slice(0, 10);
      const total = feed.totalResults ?? 0;
      start += feed.records.length;
      if (collected >= plan.discoverMaxResults) break;
      if (plan.discoverSince !== undefined && oldest !== undefined && oldest < plan.discoverSince) break;
      if (start >= total || feed.records.length === 0) break;
    }
  }

  // 2. id_list batches for known IDs that discovery did not return.
  const wanted = [...new Set(plan.knownIds.map((id) => parseArxivId(id)?.base).filter((id): id is string => id !== undefined))]
    .filter((id) => !seen.has(id))
    .sort();
  const missing: string[] = [];
  for (let i = 0; i < wanted.length; i += ID_BATCH) {
    const batch = wanted.slice(i, i + ID_BATCH);
    const feed = await request(idListUrl(deps.baseUrl, batch), `id_list ${i / ID_BATCH + 1} (${batch.length} IDs)`, true);
    if (!feed) continue;
    const match = matchRequestedIds(batch, feed.records);
    records += match.found.size;
    missing.push(...match.missing);
  }
  if (missing.length > 0) reasons.push(`IDs not found on arXiv: ${missing.join(', ')}`);

  const report: SourceReport = {
    source: 'arxiv',
    profile: plan.profile,
    runId: plan.runId,
    status: degraded ? 'degraded' : 'ok',
    reasons,
    documents,
    requests: deps.http.log.slice(firstRequest),
    records,
    mode: 'live',
    startedAt,
    finishedAt: new Date(deps.clock.now()).toISOString(),
    details: { missingIds: missing, requestedIds: wanted },
  };
  await writeManifest(deps.store, report);
  return report;
}
