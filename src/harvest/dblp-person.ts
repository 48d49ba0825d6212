/**
 * One profile's dblp person page for the nightly per-source harvest, by pid,
 * as a conditional request when an earlier answer carried validators
 * (If-None-Match with its ETag, If-Modified-Since with its Last-Modified).
 * dblp does not document conditional requests (no finding either way in its FAQ
 * or in client code we could read), so this is opportunistic: a server that
 * ignores the headers answers 200 and nothing is lost; a 304 reuses the stored
 * page of the night that fetched it (copied into this run's raw/, so
 * reconciliation reads the same keys as always). The pid comes from the config,
 * or from the night the author search identified the owner
 * (harvest/<profile>/dblp.json): the search runs only until then.
 */
import { DBLP_BASE, fetchDblp } from '../sources/dblp/fetch-dblp.ts';
import { parseDblpPerson } from '../sources/dblp/parse-xml.ts';
import { parsedOrProblem } from '../sources/document-problem.ts';
import type { Clock } from '../sources/clock.ts';
import { FetchFailure } from '../sources/http/fetch-failure.ts';
import type { HttpResponse, PoliteHttp } from '../sources/http/polite-http.ts';
import { rawKey, writeManifest, type SourceReport } from '../sources/source-report.ts';
import { RUN_SCOPED_CACHE_CONTROL, type Store } from '../store/store.ts';
import type { FetchPlan } from './fetch-plan.ts';
import { userAgentFor } from './user-agent.ts';

export interface DblpState {
  readonly pid?: string;
  readonly etag?: string;
  readonly lastModified?: string;
  /** raw/ key of the last person page fetched with 200. */
  readonly lastKey?: string;
  readonly lastRunId?: string;
}

export const dblpStateKey = (profile: string) => `harvest/${profile}/dblp.json`;

export async function readDblpState(store: Store, profile: string): Promise<DblpState> {
  const obj = await store.get(dblpStateKey(profile));
  if (!obj) return {};
  try {
    return JSON.parse(new TextDecoder().decode(obj.body)) as DblpState;
  } catch {
    return {}; // unreadable state only costs a full request
  }
}

const XML = 'application/xml; charset=utf-8';

/** undefined for a readable person page; otherwise why not (a retry may get a whole one). */
const wellFormed = (r: Pick<HttpResponse, 'body' | 'url'>): string | undefined => {
  const page = parsedOrProblem(() => parseDblpPerson(new TextDecoder().decode(r.body), r.url));
  return typeof page === 'string' ? page : undefined;
};

export interface DblpPersonOutcome {
  readonly report: SourceReport;
  readonly notModified: boolean;
  /** Bytes written to the store (raw page, manifest, state). */
  readonly bytes: number;
}

/** Fetches (or reuses) one profile's person page for the run and writes raw/<profile>/<run>/dblp-*.xml and its manifest. */
export async function harvestDblpPerson(plan: FetchPlan, runId: string, deps: { store: Store; http: PoliteHttp; clock: Clock; baseUrl?: string }): Promise<DblpPersonOutcome> {
  const { store, http, clock } = deps;
  const baseUrl = deps.baseUrl ?? DBLP_BASE;
  const state = await readDblpState(store, plan.profile);
  const pid = plan.sources.dblp.pid ?? state.pid;
  const userAgent = userAgentFor(plan.contact);
  if (pid === undefined) {
    // First identification: the author search and its checks (fetch-dblp.ts); the chosen pid is kept.
    const report = await fetchDblp(
      { profile: plan.profile, runId, searchName: plan.sources.dblp.searchName ?? plan.personName, ownerNames: plan.ownerNames, canonicalCoauthors: plan.coauthors, userAgent },
      { http, store, clock, baseUrl },
    );
    const chosen = typeof report.details?.['pid'] === 'string' ? (report.details['pid'] as string) : undefined;
    const bytes = chosen ? await writeState(store, plan.profile, { pid: chosen, lastRunId: runId }) : 0;
    return { report, notModified: false, bytes: bytes + report.documents.reduce((n, d) => n + d.bytes, 0) };
  }

  const startedAt = new Date(clock.now()).toISOString();
  const firstRequest = http.log.length;
  const url = `${baseUrl}/pid/${pid}.xml`;
  const headers: Record<string, string> = {
    ...(state.etag && state.lastKey ? { 'If-None-Match': state.etag } : {}),
    ...(state.lastModified && state.lastKey ? { 'If-Modified-Since': state.lastModified } : {}),
  };
  const reasons: string[] = [];
  let body: Uint8Array | undefined;
  let status: SourceReport['status'] = 'ok';
  let notModified = false;
  let res: HttpResponse | undefined;
  try {
    res = await http.get(url, (r) => (r.status === 200 ? wellFormed(r) : undefined), userAgent, headers);
  } catch (e) {
    if (!(e instanceof FetchFailure)) throw e;
    status = 'degraded';
    reasons.push(`person: ${e.message}`);
  }
  if (res?.status === 200) body = res.body;
  else if (res?.status === 304 && state.lastKey) {
    const previous = await store.get(state.lastKey);
    if (previous) {
      body = previous.body;
      notModified = true;
      reasons.push(`person page not modified since run ${state.lastRunId ?? '?'} (HTTP 304); its stored copy is used`);
    } else {
      status = 'degraded';
      reasons.push(`person: HTTP 304 but the page it refers to (${state.lastKey}) is gone from the store`);
    }
  } else if (res) {
    status = 'degraded';
    reasons.push(`person: ${res.status === 404 ? `no dblp person with pid ${pid} (HTTP 404)` : `HTTP ${res.status}`}`);
  }

  let bytes = 0;
  const documents: SourceReport['documents'][number][] = [];
  let records = 0;
  let arxivIds: string[] = [];
  const details: Record<string, unknown> = { pid };
  if (body) {
    const key = rawKey(plan.profile, runId, 'dblp', 1, 'xml');
    await store.put(key, body, { contentType: XML, cacheControl: RUN_SCOPED_CACHE_CONTROL, ifNoneMatch: '*' });
    bytes += body.byteLength;
    documents.push({ key, purpose: 'person', url, status: res?.status ?? 304, bytes: body.byteLength });
    const person = parseDblpPerson(new TextDecoder().decode(body), key);
    records = person.records.length;
    arxivIds = person.records.flatMap((r) => (r.arxivId ? [r.arxivId] : []));
    details['homonyms'] = person.homonyms;
    details['editorOnly'] = person.editorOnly.map((r) => r.key);
    if (notModified) details['notModified'] = true;
    if (res?.status === 200) {
      bytes += await writeState(store, plan.profile, {
        pid,
        ...(res.headers['etag'] ? { etag: res.headers['etag'] } : {}),
        ...(res.headers['last-modified'] ? { lastModified: res.headers['last-modified'] } : {}),
        lastKey: key,
        lastRunId: runId,
      });
    }
  }
  const report: SourceReport = {
    source: 'dblp',
    profile: plan.profile,
    runId,
    status,
    reasons,
    documents,
    requests: http.log.slice(firstRequest),
    records,
    mode: 'live',
    startedAt,
    finishedAt: new Date(clock.now()).toISOString(),
    arxivIds,
    details,
  };
  await writeManifest(store, report);
  return { report, notModified, bytes: bytes + Buffer.byteLength(`${JSON.stringify(report, null, 2)}\n`) };
}

async function writeState(store: Store, profile: string, state: DblpState): Promise<number> {
  const body = `${JSON.stringify(state)}\n`;
  await store.put(dblpStateKey(profile), body, { contentType: 'application/json; charset=utf-8' });
  return Buffer.byteLength(body);
}
