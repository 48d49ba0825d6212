/**
 * The run's list of profiles, written once at the start of a nightly run:
 *  - runs/<run>/profiles.json: a JSON array of {profile, startTime}, the items a
 *    Step Functions Distributed Map reads (ItemReader on S3); each child's payload
 *    is one such item, a few dozen bytes;
 *  - runs/<run>/fleet.json: every profile's fetch plan (name forms, known arXiv IDs,
 *    dblp pid), the one document the harvesters read instead of a thousand.
 * Profiles are found in the store (canonical/<profile>/fetch-plan.json, written at
 * deploy) unless given. A run of some profiles only (`items`, e.g. a re-run of one)
 * still carries every given profile in the fleet: the night's arXiv delta is
 * matched against all of them (it is read once a day, and the watermark moves for
 * all), while the Map's items, the dblp pages and the id_list gaps are those of
 * `items`. A plan that does not parse is left out and reported; the others go on.
 * Returns keys and counts only.
 */
import { RUN_SCOPED_CACHE_CONTROL, type Store } from '../store/store.ts';
import { parseFetchPlan, type FetchPlan } from './fetch-plan.ts';

export const profilesManifestKey = (runId: string) => `runs/${runId}/profiles.json`;
export const fleetKey = (runId: string) => `runs/${runId}/fleet.json`;
const PLAN = /^canonical\/([a-z0-9][a-z0-9-]*)\/fetch-plan\.json$/;

export async function listProfilesInStore(store: Store): Promise<string[]> {
  return (await store.list('canonical/')).flatMap((k) => PLAN.exec(k)?.[1] ?? []).sort();
}

/** Runs fn over items with at most `limit` at a time, results in order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export interface ProfileManifestResult {
  readonly manifest: string;
  readonly fleet: string;
  readonly profiles: number;
  /** The run's profiles with dblp on: the fleet size that chooses how dblp is read (src/harvest/dblp-path.ts). */
  readonly dblpProfiles: number;
  readonly skipped: ReadonlyArray<{ readonly profile: string; readonly reason: string }>;
  readonly bytesWritten: number;
}

export async function writeProfileManifest(store: Store, runId: string, startTime: string, profiles?: readonly string[], items?: readonly string[]): Promise<ProfileManifestResult> {
  const names = profiles ? [...profiles].sort() : await listProfilesInStore(store);
  const skipped: Array<{ profile: string; reason: string }> = [];
  const plans = (
    await mapLimit(names, 32, async (profile) => {
      const key = `canonical/${profile}/fetch-plan.json`;
      const obj = await store.get(key);
      if (!obj) {
        skipped.push({ profile, reason: `${key} is missing (deploy writes it)` });
        return undefined;
      }
      try {
        return parseFetchPlan(new TextDecoder().decode(obj.body), key);
      } catch (e) {
        skipped.push({ profile, reason: (e as Error).message });
        return undefined;
      }
    })
  ).filter((p): p is FetchPlan => p !== undefined);
  const only = items ? new Set(items) : undefined;
  const run = only ? plans.filter((p) => only.has(p.profile)) : plans;
  const itemsText = `${JSON.stringify(run.map((p) => ({ profile: p.profile, startTime })))}\n`;
  const fleet = `${JSON.stringify({ runId, plans, ...(only ? { items: run.map((p) => p.profile) } : {}) })}\n`;
  // Run-scoped and deterministic: a retried step writes the same bytes (create-only, a lost race is the same document).
  for (const [key, body] of [
    [profilesManifestKey(runId), itemsText],
    [fleetKey(runId), fleet],
  ] as const) {
    const have = await store.get(key);
    if (!have) await store.put(key, body, { contentType: 'application/json; charset=utf-8', cacheControl: RUN_SCOPED_CACHE_CONTROL, ifNoneMatch: '*' });
  }
  return { manifest: profilesManifestKey(runId), fleet: fleetKey(runId), profiles: run.length, dblpProfiles: run.filter((p) => p.sources.dblp.enabled).length, skipped: skipped.sort((a, b) => (a.profile < b.profile ? -1 : 1)), bytesWritten: Buffer.byteLength(itemsText) + Buffer.byteLength(fleet) };
}

/** Every profile's fetch plan for the run (the arXiv delta is matched against all of them). */
export async function readFleet(store: Store, runId: string): Promise<FetchPlan[]> {
  return (await readFleetDocument(store, runId)).plans;
}

/** The fleet and the run's own profiles (all of them, unless the run was asked for some only). */
export async function readFleetDocument(store: Store, runId: string): Promise<{ plans: FetchPlan[]; items: FetchPlan[] }> {
  const key = fleetKey(runId);
  const obj = await store.get(key);
  if (!obj) throw new Error(`${store.description}${key} is missing: write the profile manifest first`);
  const doc = JSON.parse(new TextDecoder().decode(obj.body)) as { plans?: unknown; items?: unknown };
  if (!Array.isArray(doc.plans)) throw new Error(`${key}: expected {plans: [...]}`);
  const plans = doc.plans.map((p, i) => parseFetchPlan(JSON.stringify(p), `${key} plans[${i}]`));
  if (doc.items === undefined) return { plans, items: plans };
  if (!Array.isArray(doc.items) || !doc.items.every((x): x is string => typeof x === 'string')) throw new Error(`${key}: items: expected a list of profile ids`);
  const only = new Set(doc.items);
  return { plans, items: plans.filter((p) => only.has(p.profile)) };
}
