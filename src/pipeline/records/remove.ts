/**
 * `profile-sync remove`: takes a profile out of the nightly run without a
 * deploy. It writes canonical/<profile>/removed.json first (the run skips the
 * profile from then on, and a deploy never seeds it again), then deletes the
 * records, each only at the version last pulled (If-Match), so a decision
 * recorded since on another laptop is not thrown away unseen (--force: at the
 * store's current versions). public/ and reports/ stay: the website keeps the
 * last published profile, and the bucket's versioning keeps the records for
 * 30 days. A profile is added again by `push --force`.
 */
import { FETCH_PLAN_FILE, RECORD_FILES, REMOVED_MARKER, type CanonicalHome, type RecordText } from '../../canonical/canonical-home.ts';
import { describeChanges } from '../../canonical/record-changes.ts';
import { readPulledState, type RecordsJob } from './pulled-state.ts';
import { changeBlock, NoSuchProfile, RecordsConflict, changeList } from './records-conflict.ts';
import { removedNote } from './pull.ts';

export type RemoveOptions = RecordsJob;

export async function removeProfile(o: RemoveOptions): Promise<{ readonly removed: readonly string[] }> {
  const current = new Map<string, RecordText>();
  for (const file of [...RECORD_FILES, FETCH_PLAN_FILE]) {
    const r = await o.home.read(o.profile, file);
    if (r) current.set(file, r);
  }
  if (!current.has('cv.json')) throw new NoSuchProfile(`no profile "${o.profile}" at ${o.home.description}${await removedNote(o.home, o.profile)}`);
  const base = (await readPulledState(o.dataDir, o.profile)).stores[o.home.description]?.files;
  if (!o.force) {
    if (!base) throw new RecordsConflict(`remove ${o.profile}: you never pulled it from ${o.home.description}; pull first (so you keep a copy), or remove --force. Nothing was removed.`);
    const changed: string[] = [];
    const lines: string[] = [];
    for (const f of RECORD_FILES) {
      const now = current.get(f);
      const was = base[f];
      if ((was?.etag ?? undefined) === now?.etag) continue;
      const when = now?.lastModified ? ` at ${now.lastModified.toISOString()}` : '';
      const changes = describeChanges(f, was?.text, now?.text);
      changed.push(changeBlock(`${f} changed in the store${when}:`, changes));
      lines.push(`remove ${o.profile}: ${f} changed in ${o.home.description}${when} since your pull (${changeList(changes)}); nothing was removed: pull and look first, or remove --force`);
    }
    if (changed.length > 0) throw new RecordsConflict(`remove ${o.profile}: ${o.home.description}${o.profile}/ changed since your pull:\n${changed.join('\n')}\nNothing was removed. Pull and look first, or remove --force.`, lines);
  }
  const guardOf = (file: string) => (o.force ? current.get(file)!.etag : (base?.[file as (typeof RECORD_FILES)[number]]?.etag ?? current.get(file)!.etag));
  const marker = `${JSON.stringify({ profile: o.profile, removedAt: o.now.toISOString(), files: Object.fromEntries([...current].map(([f, r]) => [f, r.etag])) }, null, 2)}\n`;
  const old = await o.home.read(o.profile, REMOVED_MARKER);
  const markerEtag = await o.home.write(o.profile, REMOVED_MARKER, marker, old ? { ifMatch: old.etag } : { create: true });
  try {
    await o.home.remove(o.profile, 'cv.json', guardOf('cv.json'));
  } catch (e) {
    await o.home.remove(o.profile, REMOVED_MARKER, markerEtag).catch(() => undefined); // the profile stays as it was
    throw e;
  }
  const removed = ['cv.json'];
  for (const file of ['config.json', 'decisions.json', FETCH_PLAN_FILE]) {
    if (!current.has(file)) continue;
    await o.home.remove(o.profile, file, guardOf(file));
    removed.push(file);
  }
  return { removed };
}
