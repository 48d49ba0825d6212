/**
 * A run's publish record, reports/<profile>/<run>/published.json, and the
 * copies of the public objects it lists, reports/<profile>/<run>/public/….
 * Both are run-scoped (create-only) and written before any public object, so:
 *   - a step retried after a partial publish resumes from the record instead
 *     of reconciling again against a profile it half-replaced itself;
 *   - `profile-sync rollback --to <run>` restores exactly what that run published.
 */
import { createHash } from 'node:crypto';
import { PreconditionFailedError, RUN_SCOPED_CACHE_CONTROL, type Store, type StoredObject } from '../store/store.ts';

export const PUBLISH_RECORD_VERSION = 1;
/** Public objects change at most nightly; a short cache keeps the website fresh. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=300';
const JSON_TYPE = 'application/json; charset=utf-8';

export interface RecordedObject {
  /** The public key, e.g. public/<profile>/profile.json. */
  readonly key: string;
  /** The run's copy, e.g. reports/<profile>/<run>/public/profile.json. */
  readonly snapshot: string;
  readonly contentType: string;
  readonly bytes: number;
  readonly sha256: string;
  /** Whether the run's bytes differed from the public object when the run published. */
  readonly changed: boolean;
}

export interface PublishRecord {
  readonly recordVersion: number;
  readonly profile: string;
  readonly runId: string;
  readonly generatedAt: string;
  readonly report: { readonly json: string; readonly markdown: string; readonly html: string };
  readonly pendingReview: number;
  /** Each source's health, as the report gives it (reasons for the owner's notice). */
  readonly sources: ReadonlyArray<{ readonly source: string; readonly status: string; readonly reasons?: readonly string[] }>;
  /** In publishing order: the formats first, the profile last. */
  readonly objects: readonly RecordedObject[];
}

export interface AppliedObject {
  readonly key: string;
  readonly bytes: number;
  /** False when the public object already held these bytes. */
  readonly written: boolean;
}

export const publishRecordKey = (profile: string, runId: string) => `reports/${profile}/${runId}/published.json`;

export function snapshotKey(profile: string, runId: string, publicKey: string): string {
  const base = `public/${profile}/`;
  if (!publicKey.startsWith(base)) throw new Error(`${publicKey} is not a public object of ${profile}`);
  return `reports/${profile}/${runId}/public/${publicKey.slice(base.length)}`;
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

export class PublishRecordError extends Error {
  override name = 'PublishRecordError';
}

/** The one reader of published.json: undefined when the run has none. */
export async function readPublishRecord(store: Store, profile: string, runId: string): Promise<PublishRecord | undefined> {
  const key = publishRecordKey(profile, runId);
  const obj = await store.get(key);
  if (!obj) return undefined;
  let doc: Partial<PublishRecord>;
  try {
    doc = JSON.parse(new TextDecoder().decode(obj.body)) as Partial<PublishRecord>;
  } catch (e) {
    throw new PublishRecordError(`${store.description}${key}: invalid JSON: ${(e as Error).message}`);
  }
  if (doc.recordVersion !== PUBLISH_RECORD_VERSION || doc.profile !== profile || doc.runId !== runId || !Array.isArray(doc.objects)) {
    throw new PublishRecordError(`${store.description}${key}: not a version-${PUBLISH_RECORD_VERSION} publish record of ${profile} run ${runId}`);
  }
  for (const [i, o] of doc.objects.entries()) {
    if (typeof o?.key !== 'string' || typeof o.snapshot !== 'string' || typeof o.sha256 !== 'string' || typeof o.contentType !== 'string') {
      throw new PublishRecordError(`${store.description}${key}: objects[${i}]: expected key, snapshot, contentType and sha256`);
    }
  }
  return doc as PublishRecord;
}

export interface PublicBody {
  readonly key: string;
  readonly body: Uint8Array;
  readonly contentType: string;
}

/**
 * A copy older than this is written again rather than referenced: reports/ expire after 365
 * days (lib/), and a record must never point at a copy that may be gone.
 */
export const SNAPSHOT_REUSE_DAYS = 300;

const runDate = (runId: string) => Date.parse(`${runId.slice(0, 4)}-${runId.slice(4, 6)}-${runId.slice(6, 8)}T00:00:00Z`);

/** The publish record of the run latest.json points at (the one this run follows), if it can be read. */
async function previousRecord(store: Store, profile: string, runId: string): Promise<PublishRecord | undefined> {
  try {
    const latest = await store.get(latestKey(profile));
    const prior = latest ? (JSON.parse(new TextDecoder().decode(latest.body)) as { runId?: unknown }).runId : undefined;
    return typeof prior === 'string' && prior !== runId ? await readPublishRecord(store, profile, prior) : undefined;
  } catch {
    return undefined; // no reuse, only more copies: never an error
  }
}

/**
 * The public objects as they are now, each read once: what the record says changed, and the version each
 * conditional write of applyPublicObjects is made against (one GET per object a run, not two).
 */
export type CurrentObjects = ReadonlyMap<string, StoredObject | undefined>;

export async function readCurrent(store: Store, objects: readonly PublicBody[]): Promise<CurrentObjects> {
  const current = new Map<string, StoredObject | undefined>();
  for (const o of objects) current.set(o.key, await store.get(o.key));
  return current;
}

/**
 * Writes the run's copies of its public objects and then the record (both create-only). An
 * object whose bytes equal what the previous run recorded points at that copy instead of
 * writing another (a quiet night writes no copy at all), unless the copy is old. `current`: the
 * objects as the run read them (readCurrent), for what changed.
 */
export async function writePublishRecord(store: Store, header: Omit<PublishRecord, 'recordVersion' | 'objects'>, objects: readonly PublicBody[], current: CurrentObjects): Promise<PublishRecord> {
  const previous = await previousRecord(store, header.profile, header.runId);
  const now = runDate(header.runId);
  const reusable = new Map(
    (previous?.objects ?? [])
      .filter((o) => now - runDate(o.snapshot.split('/')[2] ?? '') < SNAPSHOT_REUSE_DAYS * 86_400_000)
      .map((o) => [`${o.key}\u0000${o.sha256}`, o.snapshot] as const),
  );
  const recorded: RecordedObject[] = [];
  for (const o of objects) {
    const published = current.has(o.key) ? current.get(o.key) : await store.get(o.key);
    const hash = sha256(o.body);
    const earlier = reusable.get(`${o.key}\u0000${hash}`);
    const snapshot = earlier ?? snapshotKey(header.profile, header.runId, o.key);
    if (!earlier) await store.put(snapshot, o.body, { contentType: o.contentType, cacheControl: RUN_SCOPED_CACHE_CONTROL, ifNoneMatch: '*' });
    recorded.push({ key: o.key, snapshot, contentType: o.contentType, bytes: o.body.byteLength, sha256: hash, changed: !published || !same(published.body, o.body) });
  }
  const record: PublishRecord = { recordVersion: PUBLISH_RECORD_VERSION, ...header, objects: recorded };
  await store.put(publishRecordKey(header.profile, header.runId), `${JSON.stringify(record, null, 2)}\n`, { contentType: JSON_TYPE, cacheControl: RUN_SCOPED_CACHE_CONTROL, ifNoneMatch: '*' });
  return record;
}

/** The bodies of a record's objects, read from the run's copies and checked against their hashes. */
export async function recordedBodies(store: Store, record: PublishRecord): Promise<PublicBody[]> {
  const out: PublicBody[] = [];
  for (const o of record.objects) {
    const copy = await store.get(o.snapshot);
    if (!copy) throw new PublishRecordError(`${store.description}${o.snapshot} is listed in run ${record.runId}'s publish record but missing`);
    if (sha256(copy.body) !== o.sha256) throw new PublishRecordError(`${store.description}${o.snapshot} does not match the sha256 its publish record gives: refusing to publish it`);
    out.push({ key: o.key, body: copy.body, contentType: o.contentType });
  }
  return out;
}

/**
 * Puts each public object whose bytes differ, in order, conditionally on the
 * version read (If-Match its ETag, or If-None-Match when new): a writer that
 * got there first makes this fail with PreconditionFailedError, never lose.
 * `read`: versions already read (readCurrent); an object not in it is read here.
 */
export async function applyPublicObjects(store: Store, objects: readonly PublicBody[], read: CurrentObjects = new Map()): Promise<AppliedObject[]> {
  const applied: AppliedObject[] = [];
  for (const o of objects) {
    const current = read.has(o.key) ? read.get(o.key) : await store.get(o.key);
    if (current && same(current.body, o.body)) {
      applied.push({ key: o.key, bytes: o.body.byteLength, written: false });
      continue;
    }
    try {
      await store.put(o.key, o.body, { contentType: o.contentType, cacheControl: PUBLIC_CACHE_CONTROL, ...(current ? { ifMatch: current.etag } : { ifNoneMatch: '*' as const }) });
    } catch (e) {
      // A lost condition whose object now holds exactly these bytes was our own write (an SDK retry after
      // S3 stored the object but answered 500): the state is the one wanted. Anything else was another writer.
      if (!(e instanceof PreconditionFailedError)) throw e;
      const now = await store.get(o.key);
      if (!now || !same(now.body, o.body)) throw e;
    }
    applied.push({ key: o.key, bytes: o.body.byteLength, written: true });
  }
  return applied;
}

/**
 * The keys under each of `folders` that are not in `keep` (a folder the record holds nothing in
 * is left alone: the run did not publish that export). With `remove`, each is deleted
 * conditionally on the version read, so a writer that changed it meanwhile makes this fail.
 */
export async function extraInFolders(store: Store, folders: readonly string[], keep: readonly string[], remove: boolean): Promise<string[]> {
  const kept = new Set(keep);
  const extra: string[] = [];
  for (const folder of folders) {
    if (!keep.some((k) => k.startsWith(folder))) continue;
    for (const key of await store.list(folder)) {
      if (kept.has(key)) continue;
      extra.push(key);
      if (!remove) continue;
      const current = await store.get(key);
      if (current) await store.delete(key, { ifMatch: current.etag });
    }
  }
  return extra;
}

/** reports/<profile>/latest.json: points readers at the report that describes the published profile. */
export const latestKey = (profile: string) => `reports/${profile}/latest.json`;

/** Writes latestKey(profile), the run's pointer: its report, its sources' status, what changed. */
export async function writeLatest(store: Store, record: PublishRecord): Promise<AppliedObject> {
  const profileKey = `public/${record.profile}/profile.json`;
  const latest = `${JSON.stringify(
    {
      profile: record.profile,
      runId: record.runId,
      generatedAt: record.generatedAt,
      report: record.report,
      pendingReview: record.pendingReview,
      profileChanged: record.objects.some((o) => o.key === profileKey && o.changed),
      sources: record.sources.map((s) => ({ source: s.source, status: s.status })),
    },
    null,
    2,
  )}\n`;
  const key = latestKey(record.profile);
  await store.put(key, latest, { contentType: JSON_TYPE, cacheControl: 'no-cache' });
  return { key, bytes: Buffer.byteLength(latest), written: true };
}
