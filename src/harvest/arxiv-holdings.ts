/**
 * A profile's accumulated arXiv holdings (harvest/<profile>/arxiv.json): every
 * arXiv record that was matched to the profile, at its latest known version,
 * with where it came from. Harvest is per source now, and a night's OAI-PMH
 * delta carries only what changed, so this document is what reconciliation reads
 * for arXiv: the first backfill (the per-profile author query), each night's
 * matches, and the id_list lookups that close gaps all land here.
 *
 * It is derived data: the native bytes stay in raw/ (which expires after 90
 * days); each entry names the raw document and datestamp it was read from. It
 * only grows (a record is replaced by a newer version of itself, never removed),
 * so it cannot shrink on a quiet or failed night. Written with If-Match by the
 * arXiv harvester, the only writer (under the source lease).
 */
import type { ArxivRecord } from '../sources/arxiv/arxiv-record.ts';
import { PreconditionFailedError, type Store } from '../store/store.ts';

export const HOLDINGS_VERSION = 1;

export type HoldingVia = 'oai' | 'backfill' | 'id_list';

export interface HoldingEntry {
  readonly record: ArxivRecord;
  readonly via: HoldingVia;
  /** Store key of the native document the record was read from. */
  readonly raw: string;
  /** OAI-PMH datestamp of the record (oai only). */
  readonly datestamp?: string;
  readonly runId: string;
  /** Why it belongs to the profile: a known arXiv ID, the owner's name among the authors, or the profile's own author query. */
  readonly matched: 'id' | 'name' | 'author-query';
}

export interface ArxivHoldings {
  readonly schemaVersion: typeof HOLDINGS_VERSION;
  readonly profile: string;
  /** The run that last changed the holdings, and when (ISO). */
  readonly runId: string;
  readonly updatedAt: string;
  /** The first backfill (author query): absent until one completed. */
  readonly backfill?: { readonly runId: string; readonly at: string; readonly records: number };
  /** arXiv IDs asked for by id_list and not found, with the run that asked (not asked again for 30 days). */
  readonly notFound: Readonly<Record<string, string>>;
  readonly entries: Readonly<Record<string, HoldingEntry>>;
}

export const holdingsKey = (profile: string) => `harvest/${profile}/arxiv.json`;

export class HoldingsFormatError extends Error {
  override name = 'HoldingsFormatError';
}

/** The one reader of holdings documents: checks what reconciliation relies on and says what is wrong where. */
export function parseHoldings(text: string, document: string): ArxivHoldings {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new HoldingsFormatError(`${document}: invalid JSON: ${(e as Error).message}`);
  }
  const fail = (path: string, what: string): never => {
    throw new HoldingsFormatError(`${document}: ${path}: ${what}`);
  };
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObj(doc)) return fail('(document)', 'expected an object');
  if (doc['schemaVersion'] !== HOLDINGS_VERSION) fail('schemaVersion', `expected ${HOLDINGS_VERSION}`);
  for (const k of ['profile', 'runId', 'updatedAt']) if (typeof doc[k] !== 'string') fail(k, 'expected a string');
  const entries = doc['entries'];
  if (!isObj(entries)) return fail('entries', 'expected an object keyed by arXiv ID');
  for (const [id, e] of Object.entries(entries)) {
    if (!isObj(e) || !isObj(e['record'])) return fail(`entries.${id}`, 'expected {record, via, raw, runId, matched}');
    const r = e['record'];
    if (r['id'] !== id) fail(`entries.${id}.record.id`, `is ${JSON.stringify(r['id'])}, not the entry's key`);
    if (r['version'] !== undefined && typeof r['version'] !== 'number') fail(`entries.${id}.record.version`, 'expected a number when present');
    if (typeof r['title'] !== 'string') fail(`entries.${id}.record.title`, 'expected a string');
    if (!Array.isArray(r['authors'])) fail(`entries.${id}.record.authors`, 'expected an array');
    if (typeof e['raw'] !== 'string') fail(`entries.${id}.raw`, 'expected the store key of the native document');
  }
  if (!isObj(doc['notFound'])) fail('notFound', 'expected an object');
  return doc as unknown as ArxivHoldings;
}

export async function readHoldings(store: Store, profile: string): Promise<{ holdings: ArxivHoldings; etag: string } | undefined> {
  const key = holdingsKey(profile);
  const obj = await store.get(key);
  if (!obj) return undefined;
  return { holdings: parseHoldings(new TextDecoder().decode(obj.body), key), etag: obj.etag };
}

/** Does `incoming` say more than `current` about the same paper? A later version wins; a known version beats an unknown one. */
function supersedes(incoming: HoldingEntry, current: HoldingEntry): boolean {
  const a = incoming.record.version;
  const b = current.record.version;
  if (a !== undefined && b !== undefined && a !== b) return a > b;
  if ((a === undefined) !== (b === undefined)) return a !== undefined;
  return incoming.runId >= current.runId; // same version: the later reading (metadata corrections, a journal-ref)
}

export interface HoldingsChange {
  readonly entries: readonly HoldingEntry[];
  readonly backfill?: ArxivHoldings['backfill'];
  readonly notFound?: readonly string[];
}

/** The holdings after adding `change` (pure); `changed` is false when nothing new was learnt. */
export function mergeHoldings(current: ArxivHoldings | undefined, profile: string, runId: string, at: string, change: HoldingsChange): { holdings: ArxivHoldings; changed: boolean; added: number; updated: number } {
  const entries: Record<string, HoldingEntry> = { ...(current?.entries ?? {}) };
  let added = 0;
  let updated = 0;
  for (const e of change.entries) {
    const have = entries[e.record.id];
    if (!have) {
      entries[e.record.id] = e;
      added++;
    } else if (supersedes(e, have) && JSON.stringify(e.record) !== JSON.stringify(have.record)) {
      entries[e.record.id] = { ...e, matched: have.matched === 'id' || e.matched === 'id' ? 'id' : e.matched };
      updated++;
    }
  }
  const notFound: Record<string, string> = { ...(current?.notFound ?? {}) };
  let missing = 0;
  for (const id of change.notFound ?? []) {
    if (entries[id] === undefined && notFound[id] === undefined) {
      notFound[id] = runId;
      missing++;
    }
  }
  for (const id of Object.keys(notFound)) if (entries[id] !== undefined) delete notFound[id];
  const backfill = change.backfill ?? current?.backfill;
  const changed = added + updated + missing > 0 || (change.backfill !== undefined && current?.backfill === undefined) || current === undefined;
  if (!changed && current) return { holdings: current, changed: false, added, updated };
  const sorted = Object.fromEntries(Object.keys(entries).sort().map((id) => [id, entries[id]!]));
  return {
    holdings: { schemaVersion: HOLDINGS_VERSION, profile, runId, updatedAt: at, ...(backfill ? { backfill } : {}), notFound, entries: sorted },
    changed: true,
    added,
    updated,
  };
}

/**
 * Reads, merges and writes back with If-Match (If-None-Match: * for the first write),
 * re-reading once when another writer got there first. Returns what changed and the bytes written.
 */
export async function addToHoldings(store: Store, profile: string, runId: string, at: string, change: HoldingsChange): Promise<{ changed: boolean; added: number; updated: number; bytes: number; holdings: ArxivHoldings }> {
  for (let attempt = 0; ; attempt++) {
    const current = await readHoldings(store, profile);
    const merged = mergeHoldings(current?.holdings, profile, runId, at, change);
    if (!merged.changed) return { ...merged, bytes: 0 };
    const body = `${JSON.stringify(merged.holdings)}\n`;
    try {
      await store.put(holdingsKey(profile), body, { contentType: 'application/json; charset=utf-8', ...(current ? { ifMatch: current.etag } : { ifNoneMatch: '*' as const }) });
      return { ...merged, bytes: Buffer.byteLength(body) };
    } catch (e) {
      if (!(e instanceof PreconditionFailedError) || attempt >= 2) throw e;
    }
  }
}

/** IDs asked for by id_list within the last `days` and not found: not asked again yet. */
export function recentlyNotFound(holdings: ArxivHoldings | undefined, runId: string, days = 30): Set<string> {
  const runTime = runTimeOf(runId);
  const out = new Set<string>();
  for (const [id, r] of Object.entries(holdings?.notFound ?? {})) if (runTime - runTimeOf(r) < days * 86_400_000) out.add(id);
  return out;
}

/** ms of a run id (20261128T031500Z). */
export function runTimeOf(runId: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(runId);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) : 0;
}
