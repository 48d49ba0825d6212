/**
 * Step Functions task, the run's first: the profiles to run, found in the
 * bucket at the run's start (src/pipeline/records/profile-manifest.ts), so a
 * profile pushed, paused or removed since the last deploy needs none. The
 * execution's input may name some profiles only ({"profiles": [...]}, e.g. to
 * re-run one); the schedule's input names none. Returns names and reasons only.
 */
import { discoverProfiles, selectProfiles } from '../../src/pipeline/records/profile-manifest.ts';
import { lambdaRuntime, StepEventError, type StepRuntime } from '../shared/runtime.ts';

export interface DiscoverStepResult {
  /** The Map's items: profile ids. */
  readonly profiles: readonly string[];
  /** Paused, incomplete or invalid profiles (and names asked for that are not active), with why. */
  readonly skipped: ReadonlyArray<{ readonly profile: string; readonly reason: string }>;
}

const PROFILE_ID = /^[a-z0-9][a-z0-9-]*$/;

/** The execution's input: {} or {profiles: [id…]}. */
function parseInput(event: unknown): readonly string[] | undefined {
  const e = (event ?? {}) as { profiles?: unknown };
  if (typeof event !== 'object' || event === null || Array.isArray(event)) throw new StepEventError(`execution input: expected an object such as {} or {"profiles": ["<id>"]}, got ${JSON.stringify(event)}`);
  if (e.profiles === undefined) return undefined;
  if (!Array.isArray(e.profiles) || e.profiles.length === 0 || !e.profiles.every((p): p is string => typeof p === 'string' && PROFILE_ID.test(p))) {
    throw new StepEventError(`execution input.profiles: expected a non-empty list of profile ids, got ${JSON.stringify(e.profiles)}`);
  }
  return e.profiles;
}

export async function discoverStep(rt: StepRuntime, event: unknown): Promise<DiscoverStepResult> {
  const only = parseInput(event);
  const manifest = selectProfiles(await discoverProfiles(rt.store), only);
  rt.log('discovered', { profiles: manifest.profiles.length, skipped: manifest.skipped, ...(only ? { asked: only } : {}) });
  return { profiles: manifest.profiles.map((p) => p.profile), skipped: manifest.skipped };
}

export const handler = (event: unknown) => discoverStep(lambdaRuntime(), event);
