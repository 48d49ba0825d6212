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
import { mapLimit } from '../../harvest/profile-manifest.ts';
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
  // Each profile's two small reads, 32 profiles at a time (a department: tens of thousands of GETs), results in order.
  const verdicts = await mapLimit([...folders].sort(([a], [b]) => (a < b ? -1 : 1)), 32, async ([profile, files]): Promise<{ profile: string; fetchPlan?: string; reason?: string } | undefined> => {
    if (files.has(REMOVED_MARKER)) {
      // removed: not a profile any more
      return files.has('cv.json') ? { profile, reason: 'removed (removed.json), but records remain: run profile-sync remove again' } : undefined;
    }
    if (!files.has('cv.json')) return { profile, reason: 'incomplete: no cv.json (push the profile)' };
    try {
      const config = await home.read(profile, 'config.json');
      if (!config) throw new Error('no config.json (push the profile)');
      if (loadConfig(home.where(profile, 'config.json'), config.text, profile).paused === true) return { profile, reason: 'paused (config.json)' };
      const plan = await home.read(profile, FETCH_PLAN_FILE);
      if (!plan) throw new Error(`no ${FETCH_PLAN_FILE} (push the profile: push derives it)`);
      parseFetchPlan(plan.text, home.where(profile, FETCH_PLAN_FILE));
      return { profile, fetchPlan: home.key(profile, FETCH_PLAN_FILE) };
    } catch (e) {
      return { profile, reason: `invalid: ${(e as Error).message.split('\n').slice(0, 3).join(' ')}` };
    }
  });
  const profiles: Array<{ profile: string; fetchPlan: string }> = [];
  const skipped: Array<{ profile: string; reason: string }> = [];
  for (const v of verdicts) {
    if (v?.fetchPlan !== undefined) profiles.push({ profile: v.profile, fetchPlan: v.fetchPlan });
    else if (v?.reason !== undefined) skipped.push({ profile: v.profile, reason: v.reason });
  }
  return { profiles, skipped };
}

/**
 * A run asked for some profiles only (`{"profiles": [...]}` as the execution's
 * input, e.g. to re-run one): those of the manifest, in its order; a name
 * asked for that is not active is skipped with its reason (or as unknown).
 * Without a list, the manifest as it is.
 */
export function selectProfiles(manifest: ProfileManifest, only: readonly string[] | undefined): ProfileManifest {
  if (only === undefined) return manifest;
  const wanted = new Set(only);
  const skipped = manifest.skipped.filter((s) => wanted.has(s.profile));
  const known = new Set([...manifest.profiles.map((p) => p.profile), ...skipped.map((s) => s.profile)]);
  for (const name of [...wanted].sort()) if (!known.has(name)) skipped.push({ profile: name, reason: `not in the store: no canonical/${name}/ records (never pushed, or removed)` });
  return { profiles: manifest.profiles.filter((p) => wanted.has(p.profile)), skipped };
}
