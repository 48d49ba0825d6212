/**
 * Deploy-time seeding: a deploy stages each repository profile's records
 * (cv.json, config.json, decisions.json and the derived fetch-plan.json,
 * validated at synth) under a staging prefix; this copies into canonical/ the
 * profiles the store does not have yet, create-only (If-None-Match: *). It never
 * overwrites: a profile already in canonical/ (its records are the truth, edited
 * by review and push since) or removed (removed.json) is left as it is.
 * Retried, it converges: a file already holding the staged bytes counts as done.
 */
import { FETCH_PLAN_FILE, REMOVED_MARKER, storeHome } from '../../canonical/canonical-home.ts';
import { PreconditionFailedError, type Store } from '../../store/store.ts';

export interface SeedResult {
  readonly seeded: readonly string[];
  readonly kept: ReadonlyArray<{ readonly profile: string; readonly reason: string }>;
}

/** cv.json last: the run sees a profile only once its other records are there. */
const SEED_ORDER = ['config.json', 'decisions.json', FETCH_PLAN_FILE, 'cv.json'] as const;

export async function seedCanonical(store: Store, stagingPrefix: string): Promise<SeedResult> {
  const prefix = stagingPrefix.endsWith('/') ? stagingPrefix : `${stagingPrefix}/`;
  const home = storeHome(store);
  const staged = new Map<string, Set<string>>();
  for (const key of await store.list(prefix)) {
    const m = /^([a-z0-9][a-z0-9-]*)\/([^/]+)$/.exec(key.slice(prefix.length));
    if (m) staged.set(m[1]!, (staged.get(m[1]!) ?? new Set()).add(m[2]!));
  }
  const seeded: string[] = [];
  const kept: Array<{ profile: string; reason: string }> = [];
  for (const [profile, files] of [...staged].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!files.has('cv.json') || !files.has('config.json') || !files.has(FETCH_PLAN_FILE)) {
      kept.push({ profile, reason: 'staging is incomplete (cv.json, config.json and fetch-plan.json are needed)' });
      continue;
    }
    if (await store.get(home.key(profile, REMOVED_MARKER))) {
      kept.push({ profile, reason: 'removed (profile-sync remove); push --force adds it again' });
      continue;
    }
    if (await store.get(home.key(profile, 'cv.json'))) {
      kept.push({ profile, reason: 'already in the store (its records there are the truth)' });
      continue;
    }
    let ok = true;
    for (const file of SEED_ORDER) {
      if (!files.has(file)) continue;
      const body = (await store.get(`${prefix}${profile}/${file}`))?.body;
      if (!body) continue;
      try {
        await store.put(home.key(profile, file), body, { contentType: 'application/json; charset=utf-8', cacheControl: 'no-cache', ifNoneMatch: '*' });
      } catch (e) {
        if (!(e instanceof PreconditionFailedError)) throw e;
        const there = await store.get(home.key(profile, file));
        if (there && Buffer.from(there.body).equals(Buffer.from(body))) continue; // an earlier attempt wrote it
        kept.push({ profile, reason: `canonical/${profile}/${file} exists with other content; not overwritten (push the profile to complete it)` });
        ok = false;
        break;
      }
    }
    if (ok) seeded.push(profile);
  }
  return { seeded, kept };
}
