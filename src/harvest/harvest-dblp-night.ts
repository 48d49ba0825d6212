/**
 * The night's dblp step for the whole fleet: the path is chosen once per run
 * (dblp-path.ts; kept in harvest/_dblp/progress-<run>-path.json so every call
 * of the run agrees), the dump is read when the path says so
 * (harvest-dblp-dump.ts), then the person pages of the profiles left to them
 * (the path's exceptions and whatever the dump handed back) in chunks
 * (harvest-dblp.ts): "partial" means call again, as before. Keys and counts only.
 */
import { RUN_SCOPED_CACHE_CONTROL, type Store } from '../store/store.ts';
import type { StreamGet } from '../sources/http/stream-get.ts';
import { readDblpState } from './dblp-person.ts';
import { chooseDblpPath, DEFAULT_DUMP_ABOVE, refreshRequests, type PageReason } from './dblp-path.ts';
import { dumpStateKey, harvestDblpDump, type DumpHarvestResult, type DumpState } from './harvest-dblp-dump.ts';
import { harvestDblpChunk, type DblpChunkOptions, type DblpChunkResult } from './harvest-dblp.ts';
import { LeasedHttp } from './leased-http.ts';

export const dblpPathKey = (runId: string) => `harvest/_dblp/progress-${runId}-path.json`;

interface PathDoc {
  readonly path: 'pages' | 'dump';
  readonly dump: readonly string[];
  readonly pages: readonly string[];
  readonly why: Readonly<Record<string, PageReason>>;
}

export interface DblpNightOptions extends DblpChunkOptions {
  /** Streams the dump (and its DTD). */
  readonly dumpHttp: StreamGet;
  /** Fleet size above which the dump is read (deploy setting; DEFAULT_DUMP_ABOVE). */
  readonly dumpAbove?: number;
  readonly dumpUrl?: string;
  readonly dtdUrl?: string;
  /** How often the lease is renewed during the dump's read (real time; default a third of its life). */
  readonly leaseRenewMs?: number;
}

export interface DblpNightResult extends DblpChunkResult {
  readonly path: 'pages' | 'dump';
  readonly dump?: DumpHarvestResult;
  readonly pageProfiles: number;
}

async function choosePath(o: DblpNightOptions): Promise<PathDoc> {
  const existing = await o.store.get(dblpPathKey(o.runId));
  if (existing) return JSON.parse(new TextDecoder().decode(existing.body)) as PathDoc;
  const knownPids = new Map<string, string>();
  for (const p of o.plans) {
    if (p.sources.dblp.enabled && p.sources.dblp.pid === undefined) {
      const pid = (await readDblpState(o.store, p.profile)).pid;
      if (pid !== undefined) knownPids.set(p.profile, pid);
    }
  }
  const enabled = o.plans.filter((p) => p.sources.dblp.enabled).length;
  const large = enabled > (o.dumpAbove ?? DEFAULT_DUMP_ABOVE);
  const state = large ? await readState(o.store) : undefined;
  const choice = chooseDblpPath({
    plans: o.plans,
    ...(o.dumpAbove !== undefined ? { dumpAbove: o.dumpAbove } : {}),
    knownPids,
    ...(large ? { refreshToday: await refreshRequests(o.store, o.plans.map((p) => p.profile), o.clock.now()) } : {}),
    ...(state?.forms ? { dumpPids: new Set(Object.keys(state.forms)) } : {}),
  });
  const doc: PathDoc = { path: choice.path, dump: choice.dump.map((p) => p.profile), pages: choice.pages.map((p) => p.profile), why: choice.why };
  await o.store.put(dblpPathKey(o.runId), `${JSON.stringify(doc)}\n`, { contentType: 'application/json; charset=utf-8', cacheControl: RUN_SCOPED_CACHE_CONTROL });
  return doc;
}

async function readState(store: Store): Promise<DumpState | undefined> {
  const obj = await store.get(dumpStateKey);
  try {
    return obj ? (JSON.parse(new TextDecoder().decode(obj.body)) as DumpState) : undefined;
  } catch {
    return undefined;
  }
}

export async function harvestDblpNight(o: DblpNightOptions): Promise<DblpNightResult> {
  const doc = await choosePath(o);
  let dump: DumpHarvestResult | undefined;
  if (doc.path === 'dump') {
    const names = new Set(doc.dump);
    // The dump's two requests go under the dblp lease too: one harvester of dblp for the whole deployment.
    const lease = o.http instanceof LeasedHttp ? o.http.lease : undefined;
    if (lease && !lease.held) await lease.acquire();
    try {
      const read = () => harvestDblpDump({ store: o.store, http: o.dumpHttp, clock: o.clock, runId: o.runId, plans: o.plans.filter((p) => names.has(p.profile)), ...(o.dumpUrl ? { dumpUrl: o.dumpUrl } : {}), ...(o.dtdUrl ? { dtdUrl: o.dtdUrl } : {}) });
      // The read streams for minutes (and waits on dblp's retries): the lease is renewed while it lasts.
      dump = lease ? await lease.keepDuring(read, o.leaseRenewMs) : await read();
    } finally {
      if (lease?.held) await lease.release();
    }
  }
  const toPages = new Set([...doc.pages, ...(dump?.personPages ?? [])]);
  const plans = o.plans.filter((p) => toPages.has(p.profile));
  const chunk = await harvestDblpChunk({ ...o, plans });
  return { ...chunk, path: doc.path, ...(dump ? { dump } : {}), pageProfiles: plans.length };
}
