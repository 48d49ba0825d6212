/**
 * `profile-sync push`: validates a profile's local records (the same
 * validation as sync), derives and validates its fetch plan, and uploads what
 * changed to the store's canonical/<profile>/, each file only on the version
 * last pulled (If-Match; If-None-Match: * for a file the store does not have).
 * When the store changed since the pull, nothing is written and the refusal
 * says what changed there and when; --force replaces the store's current
 * version (still conditionally: a write racing the push itself is refused).
 *
 * Order: config.json, decisions.json, fetch-plan.json, cv.json last, so a new
 * profile appears to the run (which looks for cv.json) only once complete.
 */
import { join } from 'node:path';
import { FETCH_PLAN_FILE, guardFor, REMOVED_MARKER, type CanonicalHome, type RecordFile, type RecordText, type WriteGuard } from '../../canonical/canonical-home.ts';
import { loadProfileInput } from '../../canonical/profile-input.ts';
import { describeChanges } from '../../canonical/record-changes.ts';
import { fetchPlanFor, parseFetchPlan } from '../../harvest/fetch-plan.ts';
import { readUtf8FileIfExists } from '../../input/read-if-exists.ts';
import { readPulledState, writePulledState, type PulledBase, type RecordsJob } from './pulled-state.ts';
import { changeBlock, RecordsConflict, changeList } from './records-conflict.ts';

export type PushOptions = RecordsJob;

export interface PushResult {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  /** The store had no records of this profile before. */
  readonly created: boolean;
  /** The pushed config.json pauses the profile: the nightly run skips it. */
  readonly paused: boolean;
  /** The profile had been removed (profile-sync remove) and is back. */
  readonly readded: boolean;
}

const PUSH_ORDER: readonly RecordFile[] = ['config.json', 'decisions.json', 'cv.json'];

/** The fetch plan the run's fetchers read, derived from validated records and checked by its own parser. */
export function fetchPlanText(input: Awaited<ReturnType<typeof loadProfileInput>>, where: string): string {
  const text = `${JSON.stringify(fetchPlanFor(input), null, 2)}\n`;
  parseFetchPlan(text, where);
  return text;
}

export async function pushProfile(o: PushOptions): Promise<PushResult> {
  const dir = join(o.dataDir, 'profiles', o.profile);
  const input = await loadProfileInput(o.dataDir, o.profile); // InputError names file, field and line
  const planText = fetchPlanText(input, o.home.where(o.profile, FETCH_PLAN_FILE));
  const state = await readPulledState(o.dataDir, o.profile);
  const base: PulledBase['files'] | undefined = state.stores[o.home.description]?.files;

  const marker = await o.home.read(o.profile, REMOVED_MARKER);
  if (marker && !o.force) {
    const at = /"removedAt"\s*:\s*"([^"]+)"/.exec(marker.text)?.[1] ?? 'an earlier time';
    throw new RecordsConflict(`push ${o.profile}: the profile was removed from ${o.home.description} at ${at} (profile-sync remove). Nothing was written; push --force adds it again.`);
  }

  const uploads: Array<{ file: string; text: string; guard: WriteGuard }> = [];
  const unchanged: string[] = [];
  const stale: string[] = [];
  /** One line per stale file, for stderr. */
  const staleLines: string[] = [];
  let created = false;
  const files = { ...(base ?? {}) };
  for (const file of PUSH_ORDER) {
    const local = await readUtf8FileIfExists(join(dir, file));
    const remote: RecordText | undefined = await o.home.read(o.profile, file);
    if (file === 'cv.json') created = remote === undefined;
    if (local === undefined || local === remote?.text) {
      unchanged.push(file);
      if (local !== undefined) files[file] = remote ? { etag: remote.etag, text: remote.text } : null; // in step with the store
      continue;
    }
    const was = base?.[file];
    const isStale = was === undefined ? remote !== undefined : was === null ? remote !== undefined : remote?.etag !== was.etag;
    if (isStale && !o.force) {
      const when = remote?.lastModified ? ` at ${remote.lastModified.toISOString()}` : '';
      const changes = was === undefined ? describeChanges(file as RecordFile, local, remote?.text) : describeChanges(file as RecordFile, was?.text, remote?.text);
      stale.push(
        was === undefined
          ? changeBlock(`${file}: the store has one${when} that you never pulled:`, changes.map((l) => `(store vs yours) ${l}`))
          : changeBlock(`${file} changed in the store${when}:`, changes),
      );
      staleLines.push(
        was === undefined
          ? `${file}: ${o.home.description} has one${when} that you never pulled (store vs yours: ${changeList(changes)})`
          : `${file} changed in ${o.home.description}${when} since your pull (${changeList(changes)})`,
      );
      continue;
    }
    uploads.push({ file, text: local, guard: guardFor(remote) });
  }
  if (stale.length > 0) {
    // Say everything the store changed since the pull, also in files this push leaves alone.
    for (const file of PUSH_ORDER) {
      if (stale.some((b) => b.startsWith(`  ${file}`))) continue;
      const was = base?.[file];
      const remote = await o.home.read(o.profile, file);
      if (was === undefined || (was === null ? remote === undefined : remote?.etag === was.etag)) continue;
      const when = remote?.lastModified ? ` at ${remote.lastModified.toISOString()}` : '';
      const changes = describeChanges(file, was?.text, remote?.text);
      stale.push(changeBlock(`${file} changed in the store${when} (this push leaves it as it is):`, changes));
      staleLines.push(`${file} changed in ${o.home.description}${when} since your pull (${changeList(changes)})`);
    }
    throw new RecordsConflict(
      `push ${o.profile}: ${o.home.description}${o.profile}/ changed since your pull${state.stores[o.home.description] ? ` (${state.stores[o.home.description]!.pulledAt})` : ''}:\n${stale.join('\n')}\n` +
        'Nothing was pushed. Run `profile-sync pull` to bring these changes in (your local edits are kept; decisions are merged by item), then push again; or push --force to overwrite them.',
      staleLines.map((l) => `push ${o.profile}: ${l}; nothing was pushed: pull (your edits are kept, decisions merged by item), then push again`),
    );
  }

  const written: string[] = [];
  const record = async () => writePulledState(o.dataDir, o.profile, { ...state, stores: { ...state.stores, [o.home.description]: { pulledAt: state.stores[o.home.description]?.pulledAt ?? o.now.toISOString(), files } } });
  try {
    for (const u of uploads.filter((x) => x.file !== 'cv.json')) {
      files[u.file as RecordFile] = { etag: await o.home.write(o.profile, u.file, u.text, u.guard), text: u.text };
      written.push(u.file);
    }
    const plan = await o.home.read(o.profile, FETCH_PLAN_FILE);
    if (plan?.text !== planText) {
      await o.home.write(o.profile, FETCH_PLAN_FILE, planText, guardFor(plan));
      written.push(FETCH_PLAN_FILE);
    } else unchanged.push(FETCH_PLAN_FILE);
    for (const u of uploads.filter((x) => x.file === 'cv.json')) {
      files['cv.json'] = { etag: await o.home.write(o.profile, u.file, u.text, u.guard), text: u.text };
      written.push(u.file);
    }
    if (marker) await o.home.remove(o.profile, REMOVED_MARKER, marker.etag);
  } finally {
    await record(); // what was written is remembered even when a later write lost its condition
  }
  return { written, unchanged, created, paused: input.config.paused === true, readded: marker !== undefined };
}
