/**
 * One small document for the whole fleet (harvest/_arxiv/index.json): each
 * profile's held arXiv IDs and the run of its first backfill. The nightly
 * harvester reads it once instead of every profile's holdings, to match known
 * IDs and to know whose backfill is still to do. Kept by the arXiv harvester
 * (the only writer, under the lease) beside the holdings it summarises.
 */
import { PreconditionFailedError, type Store } from '../store/store.ts';

export const ID_INDEX_KEY = 'harvest/_arxiv/index.json';

export interface IdIndexEntry {
  readonly ids: readonly string[];
  /** Run of the profile's first completed backfill. */
  readonly backfill?: string;
  /** IDs an id_list lookup did not find, with the run that asked (not asked again for 30 days). */
  readonly missing?: Readonly<Record<string, string>>;
}

export type IdIndex = ReadonlyMap<string, IdIndexEntry>;

export async function readIdIndex(store: Store): Promise<{ index: Map<string, IdIndexEntry>; etag?: string }> {
  const obj = await store.get(ID_INDEX_KEY);
  if (!obj) return { index: new Map() };
  let doc: { schemaVersion?: unknown; profiles?: unknown };
  try {
    doc = JSON.parse(new TextDecoder().decode(obj.body)) as typeof doc;
  } catch (e) {
    throw new Error(`${ID_INDEX_KEY}: invalid JSON: ${(e as Error).message}`);
  }
  if (doc.schemaVersion !== 1 || doc.profiles === null || typeof doc.profiles !== 'object') throw new Error(`${ID_INDEX_KEY}: expected {schemaVersion: 1, profiles: {…}}`);
  const index = new Map<string, IdIndexEntry>();
  for (const [profile, e] of Object.entries(doc.profiles as Record<string, { ids?: unknown; backfill?: unknown; missing?: unknown }>)) {
    if (!Array.isArray(e.ids) || !e.ids.every((x) => typeof x === 'string')) throw new Error(`${ID_INDEX_KEY}: profiles.${profile}.ids: expected an array of arXiv IDs`);
    const missing = e.missing !== null && typeof e.missing === 'object' ? (e.missing as Record<string, string>) : undefined;
    index.set(profile, { ids: e.ids as string[], ...(typeof e.backfill === 'string' ? { backfill: e.backfill } : {}), ...(missing ? { missing } : {}) });
  }
  return { index, etag: obj.etag };
}

/** Adds IDs (and backfill runs) per profile; re-reads and retries when another writer got there first. */
export async function updateIdIndex(store: Store, changes: ReadonlyMap<string, { ids: readonly string[]; backfill?: string; missing?: Readonly<Record<string, string>> }>): Promise<number> {
  if (changes.size === 0) return 0;
  for (let attempt = 0; ; attempt++) {
    const { index, etag } = await readIdIndex(store);
    for (const [profile, c] of changes) {
      const prev = index.get(profile);
      const ids = [...new Set([...(prev?.ids ?? []), ...c.ids])].sort();
      const backfill = prev?.backfill ?? c.backfill;
      const missing = Object.fromEntries(Object.entries({ ...(prev?.missing ?? {}), ...(c.missing ?? {}) }).filter(([id]) => !ids.includes(id)));
      index.set(profile, { ids, ...(backfill ? { backfill } : {}), ...(Object.keys(missing).length > 0 ? { missing } : {}) });
    }
    const profiles = Object.fromEntries([...index].sort(([a], [b]) => (a < b ? -1 : 1)));
    const body = `${JSON.stringify({ schemaVersion: 1, profiles })}\n`;
    try {
      await store.put(ID_INDEX_KEY, body, { contentType: 'application/json; charset=utf-8', ...(etag ? { ifMatch: etag } : { ifNoneMatch: '*' as const }) });
      return Buffer.byteLength(body);
    } catch (e) {
      if (!(e instanceof PreconditionFailedError) || attempt >= 2) throw e;
    }
  }
}
