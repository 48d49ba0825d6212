/**
 * `profile-sync pull`: the store's canonical records of a profile into
 * data/profiles/<profile>/ (for editing and git history), remembering the
 * ETags pulled (.pulled.json) for the next push. Local edits are never lost:
 * a file edited locally whose bucket copy did not change is kept as it is;
 * decisions.json changed on both sides is merged by item; cv.json or
 * config.json changed on both sides stops the pull (nothing written) unless
 * --force, which keeps the local copy as .<file>.before-pull.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RECORD_FILES, REMOVED_MARKER, type CanonicalHome, type RecordFile, type RecordText } from '../../canonical/canonical-home.ts';
import { describeChanges } from '../../canonical/record-changes.ts';
import { readUtf8FileIfExists } from '../../input/read-if-exists.ts';
import { writeFileAtomic } from '../../store/atomic-file.ts';
import { mergeDecisions } from './merge-decisions.ts';
import { readPulledState, writePulledState, type PulledFile, type RecordsJob } from './pulled-state.ts';
import { changeBlock, changeList, NoSuchProfile, RecordsConflict } from './records-conflict.ts';

export type PullOptions = RecordsJob;

export interface PullResult {
  /** Files written from the store. */
  readonly written: readonly RecordFile[];
  /** Local edits kept (the store's copy did not change since the last pull): push them. */
  readonly keptLocal: readonly RecordFile[];
  /** decisions.json merged by item: push it. */
  readonly merged: readonly RecordFile[];
  /** Local copies replaced under --force, saved beside as .<file>.before-pull. */
  readonly backedUp: readonly string[];
}

type Plan = { file: RecordFile; remote: RecordText | undefined; action: 'write' | 'keep' | 'merge' | 'same'; text?: string };

/** True when going from the store's copy to the local one only removes (works, decisions): the local copy adds nothing. */
function holdsNothingMore(file: RecordFile, remote: string, local: string): boolean {
  return describeChanges(file, remote, local).every((line) => /^(work|decision) removed: /.test(line));
}

export async function removedNote(home: CanonicalHome, profile: string): Promise<string> {
  const marker = await home.read(profile, REMOVED_MARKER);
  if (!marker) return '';
  const at = /"removedAt"\s*:\s*"([^"]+)"/.exec(marker.text)?.[1];
  return ` (removed${at ? ` at ${at}` : ''} by profile-sync remove)`;
}

export async function pullProfile(o: PullOptions): Promise<PullResult> {
  const dir = join(o.dataDir, 'profiles', o.profile);
  const state = await readPulledState(o.dataDir, o.profile);
  const base = state.stores[o.home.description]?.files ?? {};
  const remotes = new Map<RecordFile, RecordText | undefined>();
  for (const file of RECORD_FILES) remotes.set(file, await o.home.read(o.profile, file));
  if (!remotes.get('cv.json')) throw new NoSuchProfile(`no profile "${o.profile}" at ${o.home.description}${await removedNote(o.home, o.profile)}`);

  const plans: Plan[] = [];
  const conflicts: string[] = [];
  const lines: string[] = [];
  const keepsYours = (file: string) => `nothing was written; pull --force takes the store's copy and keeps yours as .${file}.before-pull (carry your edits over, then push)`;
  for (const file of RECORD_FILES) {
    const remote = remotes.get(file);
    const local = await readUtf8FileIfExists(join(dir, file));
    const was: PulledFile | undefined = base[file];
    const remoteUnchanged = was !== undefined && (was === null ? remote === undefined : remote?.etag === was.etag);
    const localUnchanged = local === undefined ? was === undefined || was === null : was !== undefined && was !== null && local === was.text;
    if (local === remote?.text) plans.push({ file, remote, action: 'same' });
    else if (local === undefined || localUnchanged) plans.push({ file, remote, action: 'write' });
    // A first pull from this store has no earlier version to compare with: the local copy is protected only
    // where it holds something the store's copy lacks (a work, a decision, a changed field), not where it
    // merely lacks what the store gained since it was seeded (a review's accepted paper).
    else if (was === undefined && remote !== undefined && holdsNothingMore(file, remote.text, local)) plans.push({ file, remote, action: 'write' });
    else if (remoteUnchanged) plans.push({ file, remote, action: 'keep' });
    else if (file === 'decisions.json') {
      const m = mergeDecisions(join(dir, file), was?.text, local, remote?.text);
      if (m.conflicts.length > 0 && !o.force) {
        conflicts.push(changeBlock(`${file}: the same items were decided differently here and in the store:`, m.conflicts));
        lines.push(`${file}: decided differently here and in ${o.home.description}: ${changeList(m.conflicts)}; ${keepsYours(file)}`);
      }
      // A merge that comes out as the store's own text has nothing to push: the local copy just takes it.
      else if (m.conflicts.length === 0 && m.text !== undefined && m.text === remote?.text) plans.push({ file, remote, action: 'write' });
      else plans.push({ file, remote, action: m.conflicts.length > 0 ? 'write' : 'merge', ...(m.text !== undefined ? { text: m.text } : {}) });
    } else if (o.force) plans.push({ file, remote, action: 'write' });
    else {
      const theirs = describeChanges(file, was?.text, remote?.text);
      const yours = describeChanges(file, was?.text ?? remote?.text, local);
      conflicts.push(
        changeBlock(`${file} changed in the store${remote?.lastModified ? ` (at ${remote.lastModified.toISOString()})` : ''}:`, theirs),
        changeBlock(`and here (${join(dir, file)}):`, yours),
      );
      if (was === undefined) {
        // A first pull has no earlier version: say what each copy has that the other lacks, not "removed".
        const onlyTheirs = yours.filter((l) => /^(work|decision) removed: /.test(l)).map((l) => l.replace(' removed: ', ' '));
        const onlyYours = yours.filter((l) => !/^(work|decision) removed: /.test(l));
        lines.push(`${file}: your copy (never pulled from ${o.home.description}) has what the store's lacks (${changeList(onlyYours)})${onlyTheirs.length > 0 ? `, and the store's has ${changeList(onlyTheirs)}` : ''}; ${keepsYours(file)}`);
      } else lines.push(`${file}: changed here (${changeList(yours)}) and in ${o.home.description}${remote?.lastModified ? ` at ${remote.lastModified.toISOString()}` : ''} (${changeList(theirs)}); ${keepsYours(file)}`);
    }
  }
  if (conflicts.length > 0) {
    throw new RecordsConflict(
      `pull ${o.profile}: both your local copy and ${o.home.description} changed since the last pull:\n${conflicts.join('\n')}\n` +
        'Nothing was written. pull --force writes the store\'s version and keeps yours as .<file>.before-pull: carry your edits over, then push.',
      lines.map((l) => `pull ${o.profile}: ${l}`),
    );
  }

  await mkdir(dir, { recursive: true });
  const written: RecordFile[] = [];
  const keptLocal: RecordFile[] = [];
  const merged: RecordFile[] = [];
  const backedUp: string[] = [];
  for (const p of plans) {
    if (p.action === 'keep') keptLocal.push(p.file);
    if (p.action === 'merge' && p.text !== undefined) {
      await writeFileAtomic(join(dir, p.file), p.text);
      merged.push(p.file);
    }
    if (p.action === 'write' && p.remote) {
      const local = await readUtf8FileIfExists(join(dir, p.file));
      const was = base[p.file];
      if (local !== undefined && !(was && local === was.text)) {
        const backup = join(dir, `.${p.file}.before-pull`);
        await writeFile(backup, local);
        backedUp.push(backup);
      }
      await writeFileAtomic(join(dir, p.file), p.remote.text);
      written.push(p.file);
    }
  }
  const files = Object.fromEntries(RECORD_FILES.map((f) => [f, remotes.get(f) ? { etag: remotes.get(f)!.etag, text: remotes.get(f)!.text } : null]));
  await writePulledState(o.dataDir, o.profile, { ...state, stores: { ...state.stores, [o.home.description]: { pulledAt: o.now.toISOString(), files } } });
  return { written, keptLocal, merged, backedUp };
}
