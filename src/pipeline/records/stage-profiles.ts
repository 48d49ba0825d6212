/**
 * What a deploy stages for seeding, done from the CLI: each profile's records
 * of data/profiles, validated, with its derived fetch plan, written under a
 * staging prefix of the store (then seeded create-only by seed-canonical.ts).
 */
import { join } from 'node:path';
import { FETCH_PLAN_FILE, RECORD_FILES } from '../../canonical/canonical-home.ts';
import { loadProfileInput } from '../../canonical/profile-input.ts';
import { readUtf8FileIfExists } from '../../input/read-if-exists.ts';
import type { Store } from '../../store/store.ts';
import { fetchPlanText } from './push.ts';

/** Writes the staged objects, adding each key to `keys` as written (to remove after seeding, even after a failure). */
export async function stageProfiles(dataDir: string, profiles: readonly string[], store: Store, prefix: string, keys: string[]): Promise<void> {
  for (const profile of profiles) {
    const input = await loadProfileInput(dataDir, profile); // InputError: nothing staged for a broken profile
    const files: Array<[string, string]> = [];
    for (const file of RECORD_FILES) {
      const text = await readUtf8FileIfExists(join(dataDir, 'profiles', profile, file));
      if (text !== undefined) files.push([file, text]);
    }
    files.push([FETCH_PLAN_FILE, fetchPlanText(input, `${prefix}${profile}/${FETCH_PLAN_FILE}`)]);
    for (const [file, text] of files) {
      const key = `${prefix}${profile}/${file}`;
      await store.put(key, text, { contentType: 'application/json; charset=utf-8', cacheControl: 'no-cache' });
      keys.push(key);
    }
  }
}
