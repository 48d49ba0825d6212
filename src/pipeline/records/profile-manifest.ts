/**
 * The profiles of a run, found in the store at its start (no deploy needed to
 * add, pause or remove one): every canonical/<profile>/ holding a cv.json, a
 * valid config.json and a valid fetch-plan.json, without removed.json, and not
 * paused in its config. The manifest is small (names and keys), fit for a Step
 * Functions Map's items; what was skipped says why.
 */
import { FETCH_PLAN_FILE, REMOVED_MARKER, storeHome } from '../../canonical/canonical-home.ts';
import { loadConfig } from '../../canonical/load.ts';
import { parseFetchPlan } from '../../harvest/fetch-plan.ts';
import type { Store } from '../../store/store.ts';

export interface ProfileManifest {
  readonly profiles: ReadonlyArray<{ readonly profile: string; readonly fetchPlan: string }>;
  readonly skipped: ReadonlyArray<{ readonly profile: string; readonly reason: string }>;
}

export async function discoverProfiles(store: Store): Promise<ProfileManifest> {
  const home = storeHome(store);
  const folders = new Map<string, Set<string>>();
  for (const key of await store.list('canonical/')) {
    const m = /^canonical\/([a-z0-9][a-z0-9-]*)\/([^/]+)$/.exec(key);
    if (!m) continue;
    folders.set(m[1]!, (folders.get(m[1]!) ?? new Set()).add(m[2]!));
  }
  const profiles: Array<{ profile: string; fetchPlan: string }> = [];
  const skipped: Array<{ profile: string; reason: string }> = [];
  for (const [profile, files] of [...folders].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (files.has(REMOVED_MARKER)) {
      if (files.has('cv.json')) skipped.push({ profile, reason: 'removed (removed.json), but records remain: run profile-sync remove again' });
      continue; // removed: not a profile any more
    }
    if (!files.has('cv.json')) {
      skipped.push({ profile, reason: 'incomplete: no cv.json (push the profile)' });
      continue;
    }
    try {
      const config = await home.read(profile, 'config.json');
      if (!config) throw new Error('no config.json (push the profile)');
      if (loadConfig(home.where(profile, 'config.json'), config.text, profile).paused === true) {
        skipped.push({ profile, reason: 'paused (config.json)' });
        continue;
      }
      const plan = await home.read(profile, FETCH_PLAN_FILE);
      if (!plan) throw new Error(`no ${FETCH_PLAN_FILE} (push the profile: push derives it)`);
      parseFetchPlan(plan.text, home.where(profile, FETCH_PLAN_FILE));
      profiles.push({ profile, fetchPlan: home.key(profile, FETCH_PLAN_FILE) });
    } catch (e) {
      skipped.push({ profile, reason: `invalid: ${(e as Error).message.split('\n').slice(0, 3).join(' ')}` });
    }
  }
  return { profiles, skipped };
}
