/**
 * The nightly dblp harvest for all profiles, in chunks: one person-page request
 * per profile (dblp-person.ts), one at a time under the dblp lease (≥ 1 s apart),
 * until the invocation's deadline, so each Lambda invocation stays well inside
 * 15 minutes; the workflow calls it again while it answers "partial". Where it
 * got to is kept in harvest/_dblp/progress-<run>.json; each chunk's per-profile
 * outcome (status, the arXiv IDs of the CoRR records) goes to
 * raw/_harvest/dblp/<run>/chunk-<n>.json for the id_list gap step. Each profile's
 * page and manifest land in raw/<profile>/<run>/, as before, for reconciliation.
 * Returns keys and counts only.
 */
import type { Clock } from '../sources/clock.ts';
import type { PoliteHttp } from '../sources/http/polite-http.ts';
import { manifestKey, type SourceReport } from '../sources/source-report.ts';
import { PreconditionFailedError, RUN_SCOPED_CACHE_CONTROL, type Store } from '../store/store.ts';
import { harvestDblpPerson } from './dblp-person.ts';
import type { FetchPlan } from './fetch-plan.ts';
import { LeasedHttp } from './leased-http.ts';
import { skippedSource } from './skipped-source.ts';

export const dblpProgressKey = (runId: string) => `harvest/_dblp/progress-${runId}.json`;
/** Profiles between two saves of the progress document. */
const SAVE_EVERY = 20;
export const dblpChunkPrefix = (runId: string) => `raw/_harvest/dblp/${runId}/`;

export interface DblpChunkOptions {
  readonly store: Store;
  /** A LeasedHttp in production: the lease is taken here and given back at the end of the chunk. */
  readonly http: PoliteHttp;
  readonly clock: Clock;
  readonly runId: string;
  /** Every profile of the deployment, in a stable order. */
  readonly plans: readonly FetchPlan[];
  readonly baseUrl?: string;
  /** Clock time after which no new profile is started. */
  readonly deadline?: number;
  /** The client's spacing: a request after the first cannot start sooner (default 1 s). */
  readonly gapMs?: number;
}

export interface DblpChunkOutcome {
  readonly status: SourceReport['status'];
  readonly notModified: boolean;
  readonly arxivIds: readonly string[];
}

export interface DblpChunkResult {
  readonly runId: string;
  /** done: every profile has its manifest for the run; partial: call again. */
  readonly status: 'done' | 'partial';
  readonly chunk?: string;
  readonly profiles: number;
  readonly remaining: number;
  readonly requests: number;
  readonly notModified: number;
  readonly degraded: number;
  readonly bytesWritten: number;
}

interface Progress {
  next: number;
  chunks: number;
}

export async function harvestDblpChunk(o: DblpChunkOptions): Promise<DblpChunkResult> {
  const { store, clock, runId, plans } = o;
  const progressObj = await store.get(dblpProgressKey(runId));
  const progress: Progress = progressObj ? (JSON.parse(new TextDecoder().decode(progressObj.body)) as Progress) : { next: 0, chunks: 0 };
  let etag = progressObj?.etag;
  if (progress.next >= plans.length) return { runId, status: 'done', profiles: 0, remaining: 0, requests: 0, notModified: 0, degraded: 0, bytesWritten: 0 };
  const lease = o.http instanceof LeasedHttp ? o.http.lease : undefined;
  if (lease && !lease.held) await lease.acquire();
  const firstRequest = o.http.log.length;
  const outcomes: Record<string, DblpChunkOutcome> = {};
  let bytesWritten = 0;
  let notModified = 0;
  let degraded = 0;
  const chunkStart = progress.next;
  try {
    while (progress.next < plans.length && (o.deadline === undefined || clock.now() + (progress.next > chunkStart ? (o.gapMs ?? 1000) : 0) < o.deadline)) {
      const plan = plans[progress.next]!;
      let report: SourceReport;
      let nm = false;
      // Progress is saved every SAVE_EVERY profiles: the first ones of a chunk may be done already.
      const existing = progress.next < chunkStart + SAVE_EVERY ? await store.get(manifestKey(plan.profile, runId, 'dblp')) : undefined;
      if (existing) report = JSON.parse(new TextDecoder().decode(existing.body)) as SourceReport; // an invocation stopped after writing it
      else if (!plan.sources.dblp.enabled) report = await skippedSource('dblp', plan.profile, runId, store, clock);
      else {
        const r = await harvestDblpPerson(plan, runId, { store, http: o.http, clock, ...(o.baseUrl ? { baseUrl: o.baseUrl } : {}) });
        report = r.report;
        nm = r.notModified;
        bytesWritten += r.bytes;
      }
      if (nm) notModified++;
      if (report.status === 'degraded') degraded++;
      outcomes[plan.profile] = { status: report.status, notModified: nm, arxivIds: report.arxivIds ?? [] };
      progress.next++;
      // Progress every SAVE_EVERY profiles: a killed invocation redoes none (their manifests are found), asks again for none.
      if ((progress.next - chunkStart) % SAVE_EVERY === 0) {
        const put = await store.put(dblpProgressKey(runId), `${JSON.stringify(progress)}\n`, { contentType: 'application/json', ...(etag ? { ifMatch: etag } : { ifNoneMatch: '*' as const }) });
        etag = put.etag;
      }
    }
  } finally {
    if (lease?.held) await lease.release();
  }
  progress.chunks++;
  const chunk = `${dblpChunkPrefix(runId)}chunk-${String(progress.chunks).padStart(4, '0')}.json`;
  const chunkBody = `${JSON.stringify({ runId, from: chunkStart, to: progress.next, profiles: outcomes })}\n`;
  try {
    await store.put(chunk, chunkBody, { contentType: 'application/json; charset=utf-8', cacheControl: RUN_SCOPED_CACHE_CONTROL, ifNoneMatch: '*' });
  } catch (e) {
    if (!(e instanceof PreconditionFailedError)) throw e;
  }
  await store.put(dblpProgressKey(runId), `${JSON.stringify(progress)}\n`, { contentType: 'application/json', ...(etag ? { ifMatch: etag } : { ifNoneMatch: '*' as const }) });
  bytesWritten += Buffer.byteLength(chunkBody);
  return {
    runId,
    status: progress.next >= plans.length ? 'done' : 'partial',
    chunk,
    profiles: progress.next - chunkStart,
    remaining: plans.length - progress.next,
    requests: o.http.log.length - firstRequest,
    notModified,
    degraded,
    bytesWritten,
  };
}

/** Every chunk outcome of a run, by profile (what the id_list gap step reads). */
export async function readDblpOutcomes(store: Store, runId: string): Promise<Map<string, DblpChunkOutcome>> {
  const out = new Map<string, DblpChunkOutcome>();
  for (const key of await store.list(dblpChunkPrefix(runId))) {
    const obj = await store.get(key);
    if (!obj) continue;
    const doc = JSON.parse(new TextDecoder().decode(obj.body)) as { profiles: Record<string, DblpChunkOutcome> };
    for (const [p, v] of Object.entries(doc.profiles)) out.set(p, v);
  }
  return out;
}
