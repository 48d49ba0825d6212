/**
 * Step Functions task, the run's first: the profiles to run, found in the
 * bucket at the run's start (src/pipeline/records/profile-manifest.ts), so a
 * profile pushed, paused or removed since the last deploy needs none; written
 * as the run's manifest (runs/<run>/profiles.json, the Distributed Map's items)
 * and fleet (runs/<run>/fleet.json, every fetch plan, what the harvesters read).
 * The execution's input may name some profiles only ({"profiles": [...]}, e.g.
 * to re-run one); the schedule's input names none. Returns keys and counts:
 * the skipped profiles are listed in full in the manifest's neighbour
 * runs/<run>/skipped.json, and at most SKIPPED_SHOWN of them here.
 */
import { writeProfileManifest } from '../../src/harvest/profile-manifest.ts';
import { discoverProfiles, selectProfiles } from '../../src/pipeline/records/profile-manifest.ts';
import { RUN_SCOPED_CACHE_CONTROL } from '../../src/store/store.ts';
import { claimedHarvestStore, lambdaRuntime, parseRunEvent, StepEventError, type StepRuntime } from '../shared/runtime.ts';

export interface DiscoverStepResult {
  readonly runId: string;
  /** The Map's item list: its key in the store, and in the bucket (the ItemReader's Key). */
  readonly manifest: string;
  readonly manifestObject: string;
  readonly profiles: number;
  /** Of them, those with dblp on: the Choice between person pages and dblp's daily dump compares it with the deploy setting. */
  readonly dblpProfiles: number;
  /** Paused, incomplete or invalid profiles (and names asked for that are not active), with why: the first SKIPPED_SHOWN. */
  readonly skipped: ReadonlyArray<{ readonly profile: string; readonly reason: string }>;
  readonly skippedCount: number;
}

/** Skipped profiles carried in the execution's state (each a line or two; the rest are in runs/<run>/skipped.json). */
export const SKIPPED_SHOWN = 20;
const PROFILE_ID = /^[a-z0-9][a-z0-9-]*$/;
export const skippedKey = (runId: string) => `runs/${runId}/skipped.json`;

/** The execution's input: {} or {profiles: [id…]}. */
function parseInput(input: unknown): readonly string[] | undefined {
  const e = (input ?? {}) as { profiles?: unknown };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new StepEventError(`execution input: expected an object such as {} or {"profiles": ["<id>"]}, got ${JSON.stringify(input)}`);
  if (e.profiles === undefined) return undefined;
  if (!Array.isArray(e.profiles) || e.profiles.length === 0 || !e.profiles.every((p): p is string => typeof p === 'string' && PROFILE_ID.test(p))) {
    throw new StepEventError(`execution input.profiles: expected a non-empty list of profile ids, got ${JSON.stringify(e.profiles)}`);
  }
  return e.profiles;
}

/** event: {input: <the execution's input>, startTime, execution}. */
export async function discoverStep(rt: StepRuntime, event: unknown): Promise<DiscoverStepResult> {
  const run = parseRunEvent(event);
  const only = parseInput((event as { input?: unknown } | null)?.input ?? {});
  // The run is claimed first: another execution with the same run id (the same start second) stops here,
  // before it writes anything (RunClaimedError: the run fails, and the run-failed rule tells the operator).
  const store = await claimedHarvestStore(rt, run);
  const all = await discoverProfiles(store);
  const found = selectProfiles(all, only);
  // The fleet is every active profile (tonight's arXiv delta is matched against all of them); the items, those asked for.
  const written = await writeProfileManifest(store, run.runId, run.startTime, all.profiles.map((p) => p.profile), only ? found.profiles.map((p) => p.profile) : undefined);
  const asked = new Set(found.profiles.map((p) => p.profile));
  const skipped = [...found.skipped, ...written.skipped.filter((x) => asked.has(x.profile))];
  // Run-scoped and deterministic, like the manifest: a retry writes the same bytes or finds them.
  if (!(await store.get(skippedKey(run.runId)))) await store.put(skippedKey(run.runId), `${JSON.stringify(skipped)}\n`, { contentType: 'application/json; charset=utf-8', cacheControl: RUN_SCOPED_CACHE_CONTROL, ifNoneMatch: '*' });
  rt.log('discovered', { runId: run.runId, profiles: written.profiles, skipped, ...(only ? { asked: only } : {}) });
  return { runId: run.runId, manifest: written.manifest, manifestObject: `${rt.keyPrefix ?? ''}${written.manifest}`, profiles: written.profiles, dblpProfiles: written.dblpProfiles, skipped: skipped.slice(0, SKIPPED_SHOWN), skippedCount: skipped.length };
}

export const handler = (event: unknown) => discoverStep(lambdaRuntime(), event);
