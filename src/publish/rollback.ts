/**
 * Rolls a profile's public objects back to what an earlier run published,
 * from that run's publish record and copies (reports/<profile>/<run>/…), on
 * the folder store and on S3 alike. Writes are conditional on what was read
 * (a run publishing meanwhile makes the rollback fail, not lose), in the
 * publishing order (the profile last), and the rollback is recorded under
 * reports/<profile>/rollbacks/.
 */
import { PreconditionFailedError, RUN_SCOPED_CACHE_CONTROL, type Store } from '../store/store.ts';
import { applyPublicObjects, extraInFolders, publishRecordKey, readPublishRecord, recordedBodies, type PublishRecord } from './publish-record.ts';
import { mirroredFolders } from './public-files.ts';

export class RollbackError extends Error {
  override name = 'RollbackError';
}

/** The run asked for has no publish record (a usage error: the message lists the runs that have one). */
export class UnknownRunError extends RollbackError {
  override name = 'UnknownRunError';
}

export interface RollbackItem {
  readonly key: string;
  readonly bytes: number;
  /** restored: rewritten with the run's bytes; unchanged: already held them; removed: a Hugo Blox bundle or landing page of a work the run did not have. */
  readonly action: 'restored' | 'unchanged' | 'removed';
}

export interface RollbackResult {
  readonly profile: string;
  readonly to: string;
  /** The run's publish date (its report's generatedAt). */
  readonly generatedAt: string;
  readonly dryRun: boolean;
  readonly items: readonly RollbackItem[];
  /** Public objects the run did not publish (newer formats): left as they are. */
  readonly untouched: readonly string[];
  /** Where the rollback was recorded (none on a dry run). */
  readonly note?: string;
}

/** Runs of a profile that can be rolled back to, newest first. */
export async function restorableRuns(store: Store, profile: string): Promise<string[]> {
  const keys = await store.list(`reports/${profile}/`);
  return keys.filter((k) => /^reports\/[^/]+\/[^/]+\/published\.json$/.test(k)).map((k) => k.split('/')[2]!).sort().reverse();
}

async function recordOf(store: Store, profile: string, runId: string): Promise<PublishRecord> {
  const record = await readPublishRecord(store, profile, runId);
  if (record) return record;
  const runs = await restorableRuns(store, profile);
  const offer = runs.length === 0 ? `no run of ${profile} in ${store.description} has a publish record` : `runs that can be restored, newest first: ${runs.slice(0, 10).join(', ')}${runs.length > 10 ? ', …' : ''}`;
  throw new UnknownRunError(`run ${runId} of ${profile} has no publish record (${store.description}reports/${profile}/${runId}/published.json): ${offer}`);
}

/** A key inside `folder` with no empty, "." or ".." segment (so it stays there on every store). */
function isInside(key: string, folder: string): boolean {
  return key.startsWith(folder) && !key.slice(folder.length).split('/').some((s) => s === '' || s === '.' || s === '..');
}

/**
 * Defence in depth: a rollback of A writes only inside public/A/ and reads copies only inside
 * reports/A/, whatever its publish record lists (a record is data in the store, and may have been
 * written by anyone who could write there). One object outside refuses the whole rollback.
 */
function checkConfined(record: PublishRecord, profile: string, where: string): void {
  for (const [i, o] of record.objects.entries()) {
    if (!isInside(o.key, `public/${profile}/`)) throw new RollbackError(`${where}: objects[${i}].key ${JSON.stringify(o.key)} is not inside public/${profile}/: refusing the rollback (nothing was written)`);
    if (!isInside(o.snapshot, `reports/${profile}/`)) throw new RollbackError(`${where}: objects[${i}].snapshot ${JSON.stringify(o.snapshot)} is not inside reports/${profile}/: refusing the rollback (nothing was written)`);
  }
}

export async function rollback(store: Store, profile: string, runId: string, options: { readonly dryRun?: boolean; readonly at: Date }): Promise<RollbackResult> {
  const record = await recordOf(store, profile, runId);
  checkConfined(record, profile, `${store.description}${publishRecordKey(profile, runId)}`);
  const bodies = await recordedBodies(store, record);
  const recorded = bodies.map((b) => b.key);
  const extra = await extraInFolders(store, mirroredFolders(profile), recorded, false);
  const untouched = (await store.list(`public/${profile}/`)).filter((k) => !recorded.includes(k) && !extra.includes(k));
  const removedItems = (keys: readonly string[]): RollbackItem[] => keys.map((key) => ({ key, bytes: 0, action: 'removed' }));
  let items: RollbackItem[];
  if (options.dryRun) {
    items = [];
    for (const b of bodies) {
      const current = await store.get(b.key);
      const same = current !== undefined && Buffer.from(current.body).equals(Buffer.from(b.body));
      items.push({ key: b.key, bytes: b.body.byteLength, action: same ? 'unchanged' : 'restored' });
    }
    return { profile, to: runId, generatedAt: record.generatedAt, dryRun: true, items: [...items, ...removedItems(extra)], untouched };
  }
  items = (await applyPublicObjects(store, bodies)).map((a) => ({ key: a.key, bytes: a.bytes, action: a.written ? 'restored' : 'unchanged' }));
  items.push(...removedItems(await extraInFolders(store, mirroredFolders(profile), recorded, true)));
  const stamp = options.at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  // Two rollbacks in one second get two notes: the second takes the next free suffix.
  for (let n = 1; ; n++) {
    const note = `reports/${profile}/rollbacks/${stamp}-to-${runId}${n === 1 ? '' : `-${n}`}.json`;
    const result: RollbackResult = { profile, to: runId, generatedAt: record.generatedAt, dryRun: false, items, untouched, note };
    try {
      await store.put(note, `${JSON.stringify({ ...result, at: options.at.toISOString() }, null, 2)}\n`, { contentType: 'application/json; charset=utf-8', cacheControl: RUN_SCOPED_CACHE_CONTROL, ifNoneMatch: '*' });
      return result;
    } catch (e) {
      if (!(e instanceof PreconditionFailedError) || n >= 20) throw e;
    }
  }
}
