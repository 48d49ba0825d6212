/**
 * The nightly dblp harvest from dblp's daily dump, for the profiles the path
 * choice gives it (dblp-path.ts): two conditional requests whatever the fleet
 * size (dblp.dtd, then dblp.xml.gz streamed), then for each profile the person
 * page the person-page harvest would have stored (dblp-person.ts): the same
 * raw/<profile>/<run>/dblp-1.xml, manifest and harvest/<profile>/dblp.json, so
 * reconciliation reads the dump's data exactly as a person page's. The
 * manifest's `dumpOf` is the dump's date (its Last-Modified): the data's time.
 * An unchanged dump (304) reuses each profile's stored page. A dump that cannot
 * be read to its end (cut short, an entity dblp.dtd lacks, a DTD that is not
 * dblp's) leaves every profile degraded with the reason and where, and the
 * previous holdings as they were. Profiles whose pid the dump lacks (new since
 * it was made) or whose forms it could not anticipate go back to the caller for
 * person pages. Returns keys and counts only.
 */
import type { Clock } from '../sources/clock.ts';
import { entityTableFromDtd, MAX_DTD_BYTES, type EntityTable } from '../sources/dblp/dblp-dump-entities.ts';
import { candidateName, extractPersonPages, type DumpExtract } from '../sources/dblp/dblp-dump-extract.ts';
import { parseDblpPerson } from '../sources/dblp/parse-xml.ts';
import type { RequestLogEntry } from '../sources/http/polite-http.ts';
import type { StreamGet, StreamResponse } from '../sources/http/stream-get.ts';
import { rawKey, writeManifest, type SourceReport } from '../sources/source-report.ts';
import { RUN_SCOPED_CACHE_CONTROL, type Store } from '../store/store.ts';
import { dblpStateKey, readDblpState } from './dblp-person.ts';
import { dblpChunkPrefix, type DblpChunkOutcome } from './harvest-dblp.ts';
import type { FetchPlan } from './fetch-plan.ts';
import { mapLimit } from './profile-manifest.ts';

export const DBLP_DUMP_URL = 'https://dblp.org/xml/dblp.xml.gz';
export const DBLP_DTD_URL = 'https://dblp.org/xml/dblp.dtd';
export const dumpStateKey = 'harvest/_dblp/dump.json';
export const dumpDtdKey = 'harvest/_dblp/dblp.dtd';
/** The step's answer, kept so a retry of the run asks nothing again (expires with harvest/_dblp/progress-*). */
export const dumpResultKey = (runId: string) => `harvest/_dblp/progress-${runId}-dump.json`;

export interface DumpState {
  readonly etag?: string;
  readonly lastModified?: string;
  /** The dump's date (ISO), from its Last-Modified. */
  readonly dumpOf?: string;
  readonly lastRunId?: string;
  readonly dtdEtag?: string;
  readonly dtdLastModified?: string;
  /** pid → name forms the last dump gave: tomorrow's candidates. */
  readonly forms?: Readonly<Record<string, readonly string[]>>;
}

export interface DumpHarvestOptions {
  readonly store: Store;
  readonly http: StreamGet;
  readonly clock: Clock;
  readonly runId: string;
  /** The profiles to read from the dump (enabled, with a pid). */
  readonly plans: readonly FetchPlan[];
  readonly dumpUrl?: string;
  readonly dtdUrl?: string;
}

export interface DumpHarvestResult {
  readonly runId: string;
  /** 200: read tonight; 304: unchanged since the last read; failed: see reason. */
  readonly dump: 200 | 304 | 'failed';
  readonly dumpOf?: string;
  readonly reason?: string;
  readonly profiles: number;
  /** Profiles the caller reads from person pages instead (pid new since the dump, forms not anticipated, no stored page on a 304). */
  readonly personPages: readonly string[];
  readonly requests: number;
  readonly degraded: number;
  readonly bytesWritten: number;
  readonly stats?: DumpExtract['stats'];
}

const XML = 'application/xml; charset=utf-8';
/** Profiles written at once after the pass (each: a page, a manifest, a state: three PUTs; S3 takes thousands a second across prefixes). */
export const WRITE_CONCURRENCY = 64;

const attemptsText = (n: number | undefined) => (n !== undefined && n > 1 ? ` after ${n} attempts` : '');

const JSON_TYPE = 'application/json; charset=utf-8';
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

async function readJson<T>(store: Store, key: string): Promise<T | undefined> {
  const obj = await store.get(key);
  if (!obj) return undefined;
  try {
    return JSON.parse(decode(obj.body)) as T;
  } catch {
    return undefined;
  }
}

const validators = (etag?: string, lastModified?: string): Record<string, string> => ({ ...(etag ? { 'If-None-Match': etag } : {}), ...(lastModified ? { 'If-Modified-Since': lastModified } : {}) });

async function bodyText(r: StreamResponse, max: number): Promise<string> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const c of r.body ?? []) {
    n += c.byteLength;
    if (n > max) throw new Error(`${r.url}: larger than ${max.toLocaleString('en-US')} bytes`);
    parts.push(Buffer.from(c));
  }
  return Buffer.concat(parts).toString('latin1');
}

const isoOf = (httpDate: string | undefined) => {
  const t = httpDate ? Date.parse(httpDate) : Number.NaN;
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
};

export async function harvestDblpDump(o: DumpHarvestOptions): Promise<DumpHarvestResult> {
  const { store, clock, runId, plans } = o;
  const done = await readJson<DumpHarvestResult>(store, dumpResultKey(runId));
  if (done) return done; // a retry of a finished step asks nothing again
  const dumpUrl = o.dumpUrl ?? DBLP_DUMP_URL;
  const dtdUrl = o.dtdUrl ?? DBLP_DTD_URL;
  const startedAt = new Date(clock.now()).toISOString();
  const state = (await readJson<DumpState>(store, dumpStateKey)) ?? {};
  const log: RequestLogEntry[] = [];
  let bytesWritten = 0;
  const pids = new Map<string, string>();
  for (const p of plans) {
    const pid = p.sources.dblp.pid ?? (await readDblpState(store, p.profile)).pid;
    if (pid !== undefined) pids.set(p.profile, pid);
  }
  const order = new Map(plans.map((p, i) => [p.profile, i]));
  const noPid = plans.filter((p) => !pids.has(p.profile)).map((p) => p.profile);
  const ours = plans.filter((p) => pids.has(p.profile));

  const outcomes: Record<string, DblpChunkOutcome> = {};
  const finish = async (r: Omit<DumpHarvestResult, 'runId' | 'requests' | 'bytesWritten' | 'profiles'>): Promise<DumpHarvestResult> => {
    // The per-profile outcomes where the id_list gap step reads the person-page chunks' (readDblpOutcomes).
    const inOrder = Object.fromEntries(plans.flatMap((p) => (outcomes[p.profile] ? [[p.profile, outcomes[p.profile]]] : [])));
    const chunk = `${JSON.stringify({ runId, from: 'dump', profiles: inOrder })}\n`;
    await store.put(`${dblpChunkPrefix(runId)}chunk-dump.json`, chunk, { contentType: JSON_TYPE, cacheControl: RUN_SCOPED_CACHE_CONTROL });
    bytesWritten += Buffer.byteLength(chunk);
    const result: DumpHarvestResult = { runId, ...r, profiles: plans.length, personPages: [...noPid, ...r.personPages], requests: log.length, bytesWritten };
    await store.put(dumpResultKey(runId), `${JSON.stringify(result)}\n`, { contentType: JSON_TYPE, cacheControl: RUN_SCOPED_CACHE_CONTROL });
    return result;
  };
  const manifest = async (plan: FetchPlan, fields: Pick<SourceReport, 'status' | 'reasons' | 'documents' | 'records'> & Partial<Pick<SourceReport, 'arxivIds' | 'dumpOf' | 'details'>>) => {
    const report: SourceReport = { source: 'dblp', profile: plan.profile, runId, mode: 'live', requests: [], startedAt, finishedAt: new Date(clock.now()).toISOString(), ...fields };
    await writeManifest(store, report);
    outcomes[plan.profile] = { status: report.status, notModified: report.details?.['notModified'] === true, arxivIds: report.arxivIds ?? [] };
    bytesWritten += Buffer.byteLength(`${JSON.stringify(report, null, 2)}\n`);
  };
  const failAll = async (reason: string) => {
    await mapLimit(ours, WRITE_CONCURRENCY, (plan) => manifest(plan, { status: 'degraded', reasons: [`dump: ${reason}; the previous holdings stand`], documents: [], records: 0, details: { pid: pids.get(plan.profile) } }));
    return finish({ dump: 'failed', reason, personPages: [], degraded: ours.length });
  };

  // 1. dblp.dtd (its entity table), conditional; a copy is kept for the nights it is unchanged.
  let entities: EntityTable;
  let dtdHead: Pick<DumpState, 'dtdEtag' | 'dtdLastModified'> = { ...(state.dtdEtag ? { dtdEtag: state.dtdEtag } : {}), ...(state.dtdLastModified ? { dtdLastModified: state.dtdLastModified } : {}) };
  try {
    const stored = await store.get(dumpDtdKey);
    const res = await o.http.get(dtdUrl, stored ? validators(state.dtdEtag, state.dtdLastModified) : {});
    let dtd: string;
    if (res.status === 304 && stored) dtd = decode(stored.body);
    else if (res.status === 200) {
      dtd = await bodyText(res, MAX_DTD_BYTES);
      dtdHead = { ...(res.headers['etag'] ? { dtdEtag: res.headers['etag'] } : {}), ...(res.headers['last-modified'] ? { dtdLastModified: res.headers['last-modified'] } : {}) };
    } else {
      log.push({ url: dtdUrl, status: res.status, attempts: res.attempts ?? 1, bytes: 0, outcome: 'failed' });
      return await failAll(`${dtdUrl}: HTTP ${res.status}${attemptsText(res.attempts)}`);
    }
    log.push({ url: dtdUrl, status: res.status, attempts: res.attempts ?? 1, bytes: res.status === 200 ? dtd.length : 0, outcome: 'ok' });
    entities = entityTableFromDtd(dtd, dtdUrl);
    if (res.status === 200) await store.put(dumpDtdKey, dtd, { contentType: 'application/xml-dtd' });
  } catch (e) {
    if (log.length === 0) log.push({ url: dtdUrl, attempts: 1, bytes: 0, outcome: 'failed', problem: (e as Error).message });
    return failAll((e as Error).message);
  }

  // 2. dblp.xml.gz, conditional on the last dump read.
  const res = await o.http.get(dumpUrl, state.lastRunId ? validators(state.etag, state.lastModified) : {}).catch((e: unknown) => e as Error);
  if (res instanceof Error) {
    log.push({ url: dumpUrl, attempts: 1, bytes: 0, outcome: 'failed', problem: res.message });
    return failAll(`${dumpUrl}: ${res.message}`);
  }
  if (res.status === 304 && state.lastRunId) {
    log.push({ url: dumpUrl, status: 304, attempts: res.attempts ?? 1, bytes: 0, outcome: 'ok' });
    const personPages: string[] = [];
    await mapLimit(ours, WRITE_CONCURRENCY, async (plan) => {
      const s = await readDblpState(store, plan.profile);
      const previous = s.lastKey ? await store.get(s.lastKey) : undefined;
      if (!previous) personPages.push(plan.profile);
      else await writePage(plan, pids.get(plan.profile)!, previous.body, 304, [`the dump is unchanged since run ${state.lastRunId} (HTTP 304); the page it gave is used`], state.dumpOf, false);
    });
    personPages.sort((a, b) => order.get(a)! - order.get(b)!);
    await store.put(dumpStateKey, `${JSON.stringify({ ...state, ...dtdHead })}\n`, { contentType: JSON_TYPE });
    return finish({ dump: 304, ...(state.dumpOf ? { dumpOf: state.dumpOf } : {}), personPages, degraded: 0 });
  }
  if (res.status !== 200 || !res.body) {
    log.push({ url: dumpUrl, status: res.status, attempts: res.attempts ?? 1, bytes: 0, outcome: 'failed' });
    return failAll(`${dumpUrl}: HTTP ${res.status}${attemptsText(res.attempts)}`);
  }
  const dumpOf = isoOf(res.headers['last-modified']);
  const candidates = new Set<string>();
  for (const plan of ours) {
    for (const n of [plan.personName, ...plan.ownerNames, ...(plan.sources.dblp.searchName ? [plan.sources.dblp.searchName] : [])]) candidates.add(candidateName(n));
    for (const f of state.forms?.[pids.get(plan.profile)!] ?? []) candidates.add(candidateName(f));
  }
  let extract: DumpExtract;
  try {
    extract = await extractPersonPages(res.body, entities, { pids: [...new Set(pids.values())], candidates }, dumpUrl);
  } catch (e) {
    log.push({ url: dumpUrl, status: 200, attempts: res.attempts ?? 1, bytes: 0, outcome: 'failed', problem: (e as Error).message });
    return failAll((e as Error).message);
  }
  log.push({ url: dumpUrl, status: 200, attempts: res.attempts ?? 1, bytes: extract.stats.compressedBytes, outcome: 'ok' });
  const personPages: string[] = [];
  await mapLimit(ours, WRITE_CONCURRENCY, async (plan) => {
    const pid = pids.get(plan.profile)!;
    const page = extract.pages.get(pid);
    if (page === undefined) personPages.push(plan.profile);
    else await writePage(plan, pid, new TextEncoder().encode(page), 200, [], dumpOf, true);
  });
  personPages.sort((a, b) => order.get(a)! - order.get(b)!);
  const forms: Record<string, readonly string[]> = { ...state.forms };
  for (const [pid, f] of extract.forms) forms[pid] = f;
  const next: DumpState = {
    ...dtdHead,
    ...(res.headers['etag'] ? { etag: res.headers['etag'] } : {}),
    ...(res.headers['last-modified'] ? { lastModified: res.headers['last-modified'] } : {}),
    ...(dumpOf ? { dumpOf } : {}),
    lastRunId: runId,
    forms,
  };
  await store.put(dumpStateKey, `${JSON.stringify(next)}\n`, { contentType: JSON_TYPE });
  return finish({ dump: 200, ...(dumpOf ? { dumpOf } : {}), personPages, degraded: 0, stats: extract.stats });

  async function writePage(plan: FetchPlan, pid: string, body: Uint8Array, status: 200 | 304, reasons: string[], of: string | undefined, fresh: boolean): Promise<void> {
    const key = rawKey(plan.profile, runId, 'dblp', 1, 'xml');
    await store.put(key, body, { contentType: XML, cacheControl: RUN_SCOPED_CACHE_CONTROL, ifNoneMatch: '*' });
    bytesWritten += body.byteLength;
    const person = parseDblpPerson(decode(body), key);
    await manifest(plan, {
      status: 'ok',
      reasons,
      documents: [{ key, purpose: 'person', url: `${dumpUrl}#homepages/${pid}`, status, bytes: body.byteLength }],
      records: person.records.length,
      arxivIds: person.records.flatMap((r) => (r.arxivId ? [r.arxivId] : [])),
      ...(of ? { dumpOf: of } : {}),
      details: { pid, homonyms: person.homonyms, editorOnly: person.editorOnly.map((r) => r.key), dump: dumpUrl, ...(status === 304 ? { notModified: true } : {}) },
    });
    if (fresh) {
      const s = `${JSON.stringify({ pid, lastKey: key, lastRunId: runId })}\n`;
      await store.put(dblpStateKey(plan.profile), s, { contentType: JSON_TYPE });
      bytesWritten += Buffer.byteLength(s);
    }
  }
}
