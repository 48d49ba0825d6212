/**
 * The main job: for each profile, load and validate the canonical records,
 * then publish. A profile whose records are broken publishes nothing and is
 * reported; the other profiles go on.
 */
import { InputError, formatIssue } from '../input/input-error.ts';
import { buildProfile, publishCanonicalWork } from '../publish/build-profile.ts';
import { publishProfile, type PublishedKey } from '../publish/publish.ts';
import type { Store } from '../store/store.ts';
import { listProfiles, loadProfileInput } from './profile-sources.ts';

export interface SyncOptions {
  readonly dataDir: string;
  readonly store: Store;
  /** Profiles to sync; all under data/profiles when empty. */
  readonly profiles: readonly string[];
  readonly runId: string;
  readonly now: Date;
  /** Progress lines for a person (stderr in the CLI). */
  readonly progress?: (line: string) => void;
}

export type ProfileOutcome =
  | { readonly profile: string; readonly status: 'published'; readonly publications: number; readonly talks: number; readonly keys: readonly PublishedKey[] }
  | { readonly profile: string; readonly status: 'invalid'; readonly errors: readonly string[] };

export interface SyncResult {
  readonly runId: string;
  readonly store: string;
  readonly profiles: readonly ProfileOutcome[];
}

export async function runSync(options: SyncOptions): Promise<SyncResult> {
  const say = options.progress ?? (() => undefined);
  const names = options.profiles.length > 0 ? [...options.profiles] : await listProfiles(options.dataDir);
  const outcomes: ProfileOutcome[] = [];
  for (const profile of names) {
    say(`[${profile}] load canonical records`);
    let input;
    try {
      input = await loadProfileInput(options.dataDir, profile);
    } catch (e) {
      if (!(e instanceof InputError) && (e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      const errors = e instanceof InputError ? e.issues.map(formatIssue) : [(e as Error).message];
      for (const line of errors) say(`[${profile}] ${line}`);
      say(`[${profile}] invalid canonical records: nothing published`);
      outcomes.push({ profile, status: 'invalid', errors });
      continue;
    }
    const works = input.cv.publications.map(publishCanonicalWork);
    const profileDoc = buildProfile(input.cv, works, { runId: options.runId, generatedAt: options.now.toISOString() });
    say(`[${profile}] publish ${works.length} publications, ${input.cv.talks.length} talks`);
    const keys = await publishProfile(options.store, profile, profileDoc);
    outcomes.push({ profile, status: 'published', publications: works.length, talks: input.cv.talks.length, keys });
  }
  return { runId: options.runId, store: options.store.description, profiles: outcomes };
}
