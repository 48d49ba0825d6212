/**
 * The nightly arXiv harvest, once for all profiles:
 *  1. the OAI-PMH delta by datestamp, from the watermark (harvest/_arxiv/watermark.json;
 *     the first night: the day before) to today, for the whole archive or the configured
 *     sets, paged through resumption tokens (oai-lists.ts);
 *  2. every delta record matched locally against every profile (match-delta.ts): new
 *     papers and new versions of known ones;
 *  3. first backfills (the per-profile author query) for profiles not yet backfilled,
 *     at most `maxBackfills` a night;
 *  4. the matches added to each profile's holdings (arxiv-holdings.ts) and the ID index;
 *  5. the run manifest (raw/_harvest/arxiv/<run>/manifest.json) and, when every list was
 *     read to its end, the watermark moved to today. A night that fails or is missed
 *     leaves the watermark where it was: the next run asks from there.
 * Requests depend on the size of the delta, not on the number of profiles (backfills aside).
 * Returns keys and counts only. Stops starting requests at `deadline` and says so
 * (status "partial"); calling it again with the same run id goes on.
 */
import { ARXIV_API } from '../sources/arxiv/arxiv-query.ts';
import { ARXIV_OAI, dayAfter, dayBefore, utcDate } from '../sources/arxiv/oai-query.ts';
import type { ArxivRecord } from '../sources/arxiv/arxiv-record.ts';
import { parseOaiPage } from '../sources/arxiv/parse-oai.ts';
import type { Clock } from '../sources/clock.ts';
import type { PoliteHttp, RequestLogEntry } from '../sources/http/polite-http.ts';
import { RUN_SCOPED_CACHE_CONTROL, type Store } from '../store/store.ts';
import { backfillProfile } from './arxiv-backfill.ts';
import { addToHoldings, runTimeOf, type HoldingEntry } from './arxiv-holdings.ts';
import { readIdIndex, updateIdIndex } from './arxiv-id-index.ts';
import type { FetchPlan } from './fetch-plan.ts';
import { LeasedHttp } from './leased-http.ts';
import { DeltaMatcher } from './match-delta.ts';
import { ProgressStore, runLists, type HarvestProgress } from './oai-lists.ts';
import { arxivHarvestManifestKey, WATERMARK_KEY } from './harvest-keys.ts';

export { arxivHarvestManifestKey, WATERMARK_KEY };

export interface ArxivHarvestOptions {
  readonly store: Store;
  /** A LeasedHttp in production: the lease is taken here and given back at the end. */
  readonly http: PoliteHttp;
  readonly clock: Clock;
  readonly runId: string;
  /** Every profile of the deployment (canonical/<profile>/fetch-plan.json). */
  readonly plans: readonly FetchPlan[];
  readonly oaiUrl?: string;
  /** The Atom API, for first backfills. */
  readonly apiUrl?: string;
  /** Set specs to harvest; default: the whole archive (one list: fewer requests than several sets, and no paper missed in an archive a profile has not published in yet). */
  readonly sets?: readonly string[];
  /** First backfills per night (each is a few requests of 3 s). Default 25. */
  readonly maxBackfills?: number;
  /** Clock time after which no new request starts. */
  readonly deadline?: number;
  /** The client's spacing (a request after the first starts at least this late): default 3 s. */
  readonly gapMs?: number;
  readonly userAgent?: string;
}

export interface ArxivHarvestResult {
  readonly runId: string;
  /** done: all read, watermark moved; degraded: a list failed (watermark kept); partial: stopped at the deadline, call again. */
  readonly status: 'done' | 'degraded' | 'partial';
  readonly manifest?: string;
  readonly from: string;
  readonly until: string;
  readonly requests: number;
  readonly pages: number;
  readonly records: number;
  readonly matchedRecords: number;
  readonly profilesChanged: number;
  readonly backfills: { readonly done: number; readonly pending: number; readonly failed: number };
  readonly bytesWritten: number;
}

interface Watermark {
  readonly datestamp: string;
  readonly runId: string;
}

async function readJson<T>(store: Store, key: string): Promise<T | undefined> {
  const obj = await store.get(key);
  return obj ? (JSON.parse(new TextDecoder().decode(obj.body)) as T) : undefined;
}

export async function harvestArxiv(o: ArxivHarvestOptions): Promise<ArxivHarvestResult> {
  const done = await readJson<{ result?: ArxivHarvestResult }>(o.store, arxivHarvestManifestKey(o.runId));
  if (done?.result) return { ...done.result, requests: 0 }; // a retry after success: nothing to do
  const lease = o.http instanceof LeasedHttp ? o.http.lease : undefined;
  if (lease && !lease.held) await lease.acquire();
  try {
    return await harvest(o);
  } finally {
    if (lease?.held) await lease.release();
  }
}

async function harvest(o: ArxivHarvestOptions): Promise<ArxivHarvestResult> {
  const { store, clock, runId } = o;
  const firstRequest = o.http.log.length;
  const startedAt = new Date(clock.now()).toISOString();
  // Whole days only: a datestamp is the day a record changed, so yesterday is complete by now and today is not.
  // Each day is asked for once, the night after; a missed night widens the next window.
  const until = dayBefore(utcDate(runTimeOf(runId) || clock.now()));
  const watermark = await readJson<Watermark>(store, WATERMARK_KEY);
  const from = watermark ? dayAfter(watermark.datestamp) : until;
  const fresh: HarvestProgress = {
    runId,
    from,
    until,
    metadataPrefix: 'arXivRaw',
    // Nothing to ask when the watermark is already yesterday (a second run the same day).
    lists: (o.sets && o.sets.length > 0 ? o.sets : [null]).map((set) => ({ set, pages: [], next: from > until ? ('done' as const) : ('start' as const), restarts: 0 })),
  };
  const progress = await ProgressStore.open(store, fresh);
  const base = { runId, from: progress.progress.from, until: progress.progress.until };
  const complete = await runLists(progress, { store, http: o.http, clock, baseUrl: o.oaiUrl ?? ARXIV_OAI, gapMs: o.gapMs ?? 3000, ...(o.userAgent ? { userAgent: o.userAgent } : {}), ...(o.deadline !== undefined ? { deadline: o.deadline } : {}) });
  const lists = progress.progress.lists;
  const pages = lists.reduce((n, l) => n + l.pages.length, 0);
  const requests = () => o.http.log.length - firstRequest;
  if (!complete) return { ...base, status: 'partial', requests: requests(), pages, records: 0, matchedRecords: 0, profilesChanged: 0, backfills: { done: 0, pending: 0, failed: 0 }, bytesWritten: 0 };

  // 2. The delta, each record at its latest reading.
  const delta = new Map<string, { record: ArxivRecord; raw: string; datestamp: string }>();
  let deleted = 0;
  const problems: string[] = [];
  for (const key of lists.flatMap((l) => l.pages)) {
    let page = progress.parsed.get(key);
    if (!page) {
      const obj = await store.get(key);
      if (!obj) throw new Error(`${key} is listed in the harvest progress but missing from the store`);
      page = parseOaiPage(new TextDecoder().decode(obj.body), key);
    }
    if (page.kind !== 'records') continue;
    problems.push(...page.problems.map((p) => `${key}: ${p}`));
    for (const r of page.records) {
      if (r.deleted) deleted++;
      if (!r.record) continue;
      const have = delta.get(r.record.id);
      if (!have || (have.record.version ?? 0) <= (r.record.version ?? 0)) delta.set(r.record.id, { record: r.record, raw: key, datestamp: r.datestamp });
    }
  }
  const { index } = await readIdIndex(store);
  const matcher = new DeltaMatcher(o.plans, new Map([...index].map(([p, e]) => [p, e.ids])));
  const additions = new Map<string, HoldingEntry[]>();
  let matchedRecords = 0;
  for (const { record, raw, datestamp } of delta.values()) {
    const matches = matcher.match(record);
    if (matches.length > 0) matchedRecords++;
    for (const m of matches) {
      const list = additions.get(m.profile) ?? [];
      list.push({ record, via: 'oai', raw, datestamp, runId, matched: m.via });
      additions.set(m.profile, list);
    }
  }

  // 3. First backfills, oldest-configured first, as many as the night allows.
  const backfilled = new Map<string, string>();
  const waiting = o.plans.filter((p) => p.sources.arxiv.enabled && index.get(p.profile)?.backfill === undefined).sort((a, b) => (a.profile < b.profile ? -1 : 1));
  const max = o.maxBackfills ?? 25;
  let failed = 0;
  let tried = 0;
  const backfillReasons: string[] = [];
  for (const plan of waiting) {
    if (tried >= max || (o.deadline !== undefined && clock.now() >= o.deadline)) break;
    tried++;
    const b = await backfillProfile(plan, runId, { store, http: o.http, clock, apiUrl: o.apiUrl ?? ARXIV_API });
    additions.set(plan.profile, [...(additions.get(plan.profile) ?? []), ...b.entries]);
    if (b.complete) backfilled.set(plan.profile, runId);
    else {
      failed++;
      backfillReasons.push(`${plan.profile}: backfill incomplete (retried next night): ${b.report.reasons.join('; ')}`);
    }
  }

  // 4. Holdings and the index.
  const at = new Date(clock.now()).toISOString();
  let profilesChanged = 0;
  let bytesWritten = 0;
  const indexChanges = new Map<string, { ids: string[]; backfill?: string }>();
  for (const profile of [...new Set([...additions.keys(), ...backfilled.keys()])].sort()) {
    const entries = additions.get(profile) ?? [];
    const bf = backfilled.get(profile);
    const r = await addToHoldings(store, profile, runId, at, { entries, ...(bf ? { backfill: { runId, at, records: entries.filter((e) => e.via === 'backfill').length } } : {}) });
    if (r.changed) profilesChanged++;
    bytesWritten += r.bytes;
    indexChanges.set(profile, { ids: entries.map((e) => e.record.id), ...(bf ? { backfill: bf } : {}) });
  }
  bytesWritten += await updateIdIndex(store, indexChanges);

  // 5. Manifest and watermark.
  const failedLists = lists.filter((l) => l.next === 'failed');
  const status = failedLists.length > 0 ? 'degraded' : 'done';
  const result: ArxivHarvestResult = {
    ...base,
    status,
    manifest: arxivHarvestManifestKey(runId),
    requests: requests(),
    pages,
    records: delta.size,
    matchedRecords,
    profilesChanged,
    backfills: { done: backfilled.size, pending: waiting.length - backfilled.size, failed },
    bytesWritten,
  };
  const log: RequestLogEntry[] = o.http.log.slice(firstRequest);
  const manifest = {
    source: 'arxiv',
    kind: 'oai-pmh-harvest',
    runId,
    status,
    from: base.from,
    until: base.until,
    lists: lists.map((l) => ({ set: l.set ?? 'all', pages: l.pages, restarts: l.restarts, state: typeof l.next === 'string' ? l.next : 'token', ...(l.failure ? { failure: l.failure } : {}) })),
    records: delta.size,
    deleted,
    matchedRecords,
    profiles: [...additions.keys()].sort(),
    reasons: [...failedLists.map((l) => `list ${l.set ?? 'all'}: ${l.failure ?? 'failed'}`), ...backfillReasons, ...problems],
    requests: log,
    startedAt,
    finishedAt: new Date(clock.now()).toISOString(),
    result,
  };
  // The watermark first: a retry after a crash here finds the run's from/until in its progress document.
  if (status === 'done' && base.from <= base.until && (!watermark || watermark.datestamp < base.until)) {
    await store.put(WATERMARK_KEY, `${JSON.stringify({ datestamp: base.until, runId })}\n`, { contentType: 'application/json; charset=utf-8' });
  }
  const body = `${JSON.stringify(manifest, null, 2)}\n`;
  await store.put(arxivHarvestManifestKey(runId), body, { contentType: 'application/json; charset=utf-8', cacheControl: RUN_SCOPED_CACHE_CONTROL, ifNoneMatch: '*' });
  bytesWritten += Buffer.byteLength(body);
  return { ...result, bytesWritten };
}
