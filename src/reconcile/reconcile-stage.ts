/**
 * The reconcile stage's I/O around the pure reconcile(): reads this run's raw
 * documents and manifests, falls back to the last good snapshot of a source
 * that failed or shrank suspiciously, reads the previous published profile,
 * and hands everything to reconcile().
 */
import type { DblpPerson, DblpRecord } from '../sources/dblp/dblp-record.ts';
import type { ArxivRecord } from '../sources/arxiv/arxiv-record.ts';
import { parseArxivFeed } from '../sources/arxiv/parse-feed.ts';
import { parseDblpPerson, parseDblpXml } from '../sources/dblp/parse-xml.ts';
import { dataTimeOf, type DataTime, type SourceName, type SourceReport } from '../sources/source-report.ts';
import type { Decisions } from '../canonical/decisions.ts';
import { reconcile, type ReconcileOutput } from './reconcile.ts';
import type { PublishedProfile } from '../model/profile.ts';
import { readPreviousProfile } from '../model/read-profile.ts';
import type { SourceHealth } from '../model/report.ts';
import type { Store } from '../store/store.ts';
import type { ProfileInput } from '../canonical/profile-input.ts';
import { holdingsInput } from './holdings-input.ts';

export interface ReconcileStageOptions {
  readonly input: ProfileInput;
  readonly decisions: Decisions;
  readonly store: Store;
  readonly runId: string;
  readonly now: Date;
  /**
   * The profile published now, when the caller has read it (readPreviousProfile; undefined: none), so that one read
   * serves reconcile and publish. Not given: read here.
   */
  readonly previous?: PublishedProfile | undefined;
}

interface Parsed {
  readonly arxiv: ArxivRecord[];
  readonly person?: DblpPerson;
  /** dblp records given on their own (reconcile --dblp with rec/<key>.xml). */
  readonly dblpRecords: DblpRecord[];
  /** Entries or records left out of the documents, each saying why. */
  readonly problems: readonly string[];
}

const decode = (b: Uint8Array) => new TextDecoder().decode(b);

async function readManifest(store: Store, key: string): Promise<SourceReport | undefined> {
  const obj = await store.get(key);
  if (!obj) return undefined;
  try {
    return JSON.parse(decode(obj.body)) as SourceReport;
  } catch {
    return undefined;
  }
}

/** Parses a manifest's documents; throws with a readable message when one does not parse. */
async function parseDocuments(store: Store, report: SourceReport): Promise<Parsed> {
  const arxiv: ArxivRecord[] = [];
  const problems: string[] = [];
  let person: DblpPerson | undefined;
  const dblpRecords: DblpRecord[] = [];
  const name = (key: string) => key.split('/').pop() ?? key;
  for (const d of report.documents) {
    const obj = await store.get(d.key);
    if (!obj) throw new Error(`${d.key} is listed in the manifest but missing from the store`);
    if (report.source === 'arxiv') {
      const feed = parseArxivFeed(obj.body, d.key);
      if (feed.kind === 'feed') {
        arxiv.push(...feed.records);
        problems.push(...feed.problems.map((p) => `${name(d.key)}: ${p}`));
      }
    } else if (d.purpose === 'person') {
      person = parseDblpPerson(obj.body, d.key);
      problems.push(...person.problems.map((p) => `${name(d.key)}: ${p}`));
    } else if (d.purpose === 'dblp-records') {
      const doc = parseDblpXml(obj.body, d.key);
      if (doc.kind === 'records') {
        dblpRecords.push(...doc.records);
        problems.push(...doc.problems.map((p) => `${name(d.key)}: ${p}`));
      }
    }
  }
  const records = arxiv.length + (person?.records.length ?? 0) + dblpRecords.length;
  const authors = [...arxiv, ...(person?.records ?? []), ...dblpRecords].reduce((n, r) => n + r.authors.length, 0);
  if (records > MAX_RECORDS_PER_PROFILE || authors > MAX_AUTHORS_PER_PROFILE) {
    throw new Error(`${report.source}: ${records.toLocaleString('en-US')} records with ${authors.toLocaleString('en-US')} authors over this run's documents, more than one profile's reconcile takes (${MAX_RECORDS_PER_PROFILE.toLocaleString('en-US')} records, ${MAX_AUTHORS_PER_PROFILE.toLocaleString('en-US')} authors): not used`);
  }
  return { arxiv, problems, dblpRecords, ...(person ? { person } : {}) };
}

/** The most one profile's reconcile takes from one source in a run (all its documents together). */
export const MAX_RECORDS_PER_PROFILE = 20_000;
export const MAX_AUTHORS_PER_PROFILE = 300_000;

/** The latest earlier run whose manifest for this source says ok. */
async function lastGood(store: Store, profile: string, source: SourceName, runId: string): Promise<SourceReport | undefined> {
  const keys = (await store.list(`raw/${profile}/`)).filter((k) => k.endsWith(`/${source}-manifest.json`));
  const runs = keys.map((k) => k.split('/')[2]!).filter((r) => r < runId).sort().reverse();
  for (const r of runs) {
    const m = await readManifest(store, `raw/${profile}/${r}/${source}-manifest.json`);
    if (m?.status === 'ok' && m.records > 0) return m;
  }
  return undefined;
}

async function sourceInput(o: ReconcileStageOptions, source: SourceName) {
  const { profile } = o.input;
  const report = await readManifest(o.store, `raw/${profile}/${o.runId}/${source}-manifest.json`);
  if (source === 'arxiv' && (!report || report.details?.['failure'] !== undefined)) {
    // Harvested per source (one OAI-PMH delta for all profiles): the profile's holdings. A harvest
    // step that failed for good left its cause in a failed-step manifest: degraded, the holdings stand.
    const held = await holdingsInput(o.store, profile, o.runId, o.now, o.input.config.sources.arxiv.enabled);
    if (held && report) {
      const status: SourceHealth['status'] = held.health.status === 'skipped' ? 'skipped' : 'degraded';
      return { ...held, health: { ...held.health, status, reasons: [...report.reasons, ...held.health.reasons] } };
    }
    if (held) return held;
  }
  const reasons = [...(report?.reasons ?? [`no ${source} manifest for run ${o.runId}`])];
  let status: SourceHealth['status'] = report?.status ?? 'degraded';
  let parsed: Parsed | undefined;
  if (report && report.status === 'ok') {
    try {
      parsed = await parseDocuments(o.store, report);
    } catch (e) {
      status = 'degraded';
      reasons.push((e as Error).message);
    }
  }
  const good = await lastGood(o.store, profile, source, o.runId);
  const tolerance = o.input.config.publishing.shrinkTolerance;
  if (parsed && report && good && report.records < good.records * (1 - tolerance)) {
    status = 'degraded';
    reasons.push(`returned ${report.records} records, ${Math.round((1 - report.records / good.records) * 100)}% fewer than the last good snapshot (${good.records} in run ${good.runId}): not believed`);
    parsed = undefined;
  }
  let usedSnapshot: SourceHealth['usedSnapshot'];
  let time: DataTime = report ? dataTimeOf(report) : {};
  let synthetic = report?.synthetic;
  let dataFrom = o.runId;
  if (!parsed && good && status !== 'skipped') {
    try {
      parsed = await parseDocuments(o.store, good);
      time = dataTimeOf(good);
      synthetic = good.synthetic;
      dataFrom = good.runId;
      usedSnapshot = { runId: good.runId, ...(time.fetchedAt ? { fetchedAt: time.fetchedAt } : {}), ageHours: Math.round((o.now.getTime() - Date.parse(good.finishedAt)) / 36e5) };
      reasons.push(`using the last good snapshot from run ${good.runId}`);
    } catch (e) {
      reasons.push(`the last good snapshot (run ${good.runId}) is unreadable too: ${(e as Error).message}`);
    }
  }
  // Entries the parser left out: said once (a live fetch may have said it already, as "<purpose>: <problem>").
  for (const p of parsed?.problems ?? []) {
    const problem = p.slice(p.indexOf(': ') + 2);
    if (!reasons.some((r) => r.endsWith(problem))) reasons.push(p);
  }
  const health: SourceHealth = {
    source,
    status,
    mode: report?.mode ?? 'live',
    requests: report?.requests.length ?? 0,
    statuses: (report?.requests ?? []).flatMap((r) => (r.status !== undefined ? [r.status] : [])),
    records: report?.records ?? 0,
    reasons,
    ...(usedSnapshot ? { usedSnapshot } : {}),
    dataFrom: parsed ? dataFrom : 'none',
    ...(parsed ? time : {}),
    ...(parsed && synthetic?.length ? { synthetic } : {}),
  };
  return { health, parsed, time, available: parsed !== undefined };
}

export async function reconcileStage(o: ReconcileStageOptions): Promise<ReconcileOutput> {
  const arxiv = await sourceInput(o, 'arxiv');
  const dblp = await sourceInput(o, 'dblp');
  const previous = 'previous' in o ? o.previous : await readPreviousProfile(o.store, o.input.profile);
  return reconcile({
    cv: o.input.cv,
    config: o.input.config,
    decisions: o.decisions,
    arxiv: { health: arxiv.health, records: arxiv.parsed?.arxiv ?? [], time: arxiv.time, available: arxiv.available },
    dblp: { health: dblp.health, ...(dblp.parsed?.person ? { person: dblp.parsed.person } : {}), ...(dblp.parsed && 'dblpRecords' in dblp.parsed && dblp.parsed.dblpRecords.length > 0 ? { records: dblp.parsed.dblpRecords } : {}), time: dblp.time, available: dblp.available },
    ...(previous ? { previous } : {}),
    run: { runId: o.runId, generatedAt: o.now.toISOString() },
  });
}
