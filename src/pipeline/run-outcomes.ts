/**
 * The end of a nightly run: each profile's outcome, read from what the
 * Distributed Map's children left (map-results.ts), written to
 * runs/<run>/outcomes/<execution>.json (one entry a profile, however many), and a summary
 * small enough for the execution's output: counts, the harvest, and the first
 * failures with their cause. A child that failed as a whole (not caught in
 * its own states: a Step Functions error, a timeout) counts as a failed
 * profile with the child's error and cause. When the Map failed as a whole
 * (more children failed than tolerated), the summary reads whatever results
 * the ResultWriter left in the execution's results folder (manifest.json,
 * SUCCEEDED_n / FAILED_n / PENDING_n: the format of
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html).
 * Those results do not decide a profile's failure on their own: the AWS
 * pages found say what the files hold, not that they are complete when the
 * Map Run fails, and Step Functions aborts the children still running then
 * (MapRunExecutionCounts.aborted,
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_MapRunExecutionCounts.html),
 * some of which had already published. So a profile without a successful
 * child result (failed, aborted, pending, or no result at all) is "failed"
 * only if its own outcome object says this run did not publish it:
 * reports/<profile>/latest.json, which reconcile writes last, after every
 * public object of the run, names the run that published the profile.
 */
import { mapLimit } from '../harvest/profile-manifest.ts';
import { latestKey } from '../publish/publish-record.ts';
import type { Store } from '../store/store.ts';
import { parseMapRunManifest, parseResultFile, type ChildExecution } from './map-results.ts';

/** Profiles' latest.json read at once when the Map left them without a successful child. */
const LATEST_READS_AT_ONCE = 32;

export type ProfileOutcome = Readonly<Record<string, unknown>> & { readonly profile: string; readonly outcome: string };

export interface RunSummary {
  readonly runId: string;
  /** Every profile's outcome, in profile order. */
  readonly outcomes: string;
  readonly counts: { readonly profiles: number; readonly published: number; readonly publishedDegraded: number; readonly failed: number; readonly skipped: number };
  /** The first FAILURES_SHOWN failed profiles: {profile, step, error, cause}. */
  readonly failed: ReadonlyArray<ProfileOutcome>;
}

export const FAILURES_SHOWN = 20;
/** One file per execution: another execution with the same run id (refused) never overwrites the run's outcomes. */
export const outcomesKey = (runId: string, executionName: string) => `runs/${runId}/outcomes/${executionName}.json`;
const MAX_CAUSE = 600;

function profileOf(c: ChildExecution): string {
  const p = (c.input as { profile?: unknown } | undefined)?.profile;
  return typeof p === 'string' ? p : `(${c.name})`;
}

function outcomeOf(c: ChildExecution, mapError: { error: string; cause: string } | undefined): ProfileOutcome {
  const out = c.output as Partial<ProfileOutcome> | undefined;
  // Never started: the Map stopped first.
  if (c.status === 'PENDING') return { profile: profileOf(c), outcome: 'failed', step: 'EachProfile', error: mapError?.error ?? 'NotStarted', cause: `not started: ${mapError?.cause ?? 'the Map stopped before this profile ran'}` };
  if (c.status === 'SUCCEEDED' && out && typeof out.profile === 'string' && typeof out.outcome === 'string') return out as ProfileOutcome;
  const cause = c.cause ?? (c.status === 'SUCCEEDED' ? 'the child execution gave no outcome' : 'no cause given');
  return { profile: profileOf(c), outcome: 'failed', step: 'EachProfile', error: c.error ?? `child execution ${c.status}`, cause: cause.length > MAX_CAUSE ? `${cause.slice(0, MAX_CAUSE)}…` : cause };
}

/** reports/<profile>/latest.json, when it names `runId`: the profile's outcome as reconcile gave it (published, or degraded with its sources). */
export async function publishedBy(store: Store, profile: string, runId: string): Promise<ProfileOutcome | undefined> {
  const obj = await store.get(latestKey(profile));
  if (!obj) return undefined;
  let latest: { runId?: unknown; profileChanged?: unknown; pendingReview?: unknown; sources?: Array<{ source?: unknown; status?: unknown }> };
  try {
    latest = JSON.parse(new TextDecoder().decode(obj.body)) as typeof latest;
  } catch {
    return undefined;
  }
  if (latest.runId !== runId) return undefined;
  const degradedSources = (Array.isArray(latest.sources) ? latest.sources : []).filter((x) => x.status === 'degraded').map((x) => String(x.source));
  return { profile, runId, outcome: degradedSources.length ? 'published-degraded' : 'published', degradedSources, ...(typeof latest.profileChanged === 'boolean' ? { profileChanged: latest.profileChanged } : {}), ...(typeof latest.pendingReview === 'number' ? { pendingReview: latest.pendingReview } : {}), from: latestKey(profile) };
}

async function read(store: Store, key: string): Promise<string> {
  const obj = await store.get(key);
  if (!obj) throw new Error(`${store.description}${key} is missing`);
  return new TextDecoder().decode(obj.body);
}

/**
 * `manifestKey`: the ResultWriter's manifest (the Map's ResultWriterDetails.Key),
 * or undefined when the Map itself failed: then the manifests in `resultsFolder`
 * (what the Map wrote before it failed; none when it never started), and every
 * profile of the run's item list without a result counts as failed with `mapError`.
 */
export async function summarizeRun(o: { store: Store; runId: string; executionName: string; manifestKey?: string; resultsFolder?: string; items: readonly string[]; skipped: number; mapError?: { error: string; cause: string } }): Promise<RunSummary> {
  const children: ChildExecution[] = [];
  const folder = o.resultsFolder?.replace(/\/?$/, '/');
  const manifests = o.manifestKey ? [o.manifestKey] : folder ? (await o.store.list(folder)).filter((k) => k.endsWith('/manifest.json')) : [];
  for (const manifestKey of manifests) {
    const manifest = parseMapRunManifest(await read(o.store, manifestKey), manifestKey);
    for (const key of [...manifest.succeeded, ...manifest.failed, ...manifest.pending]) children.push(...parseResultFile(await read(o.store, key), key));
  }
  const byProfile = new Map<string, ProfileOutcome>();
  for (const c of children) {
    const outcome = outcomeOf(c, o.mapError);
    // A redriven child appears again: a success stands over an earlier failure.
    const had = byProfile.get(outcome.profile);
    if (!had || had.outcome === 'failed') byProfile.set(outcome.profile, outcome);
  }
  for (const profile of o.items) {
    if (!byProfile.has(profile)) byProfile.set(profile, { profile, outcome: 'failed', step: 'EachProfile', error: o.mapError?.error ?? 'NoResult', cause: o.mapError?.cause ?? 'the run recorded no result for this profile' });
  }
  // The profile's own record decides: published by this run (its child aborted or failed after it published).
  // Read a few at once: a Map that failed early leaves thousands of profiles to ask within the summary's time.
  const unresolved = [...byProfile].filter(([, had]) => had.outcome === 'failed');
  await mapLimit(unresolved, LATEST_READS_AT_ONCE, async ([profile, had]) => {
    const published = await publishedBy(o.store, profile, o.runId);
    if (published) byProfile.set(profile, { ...published, child: { step: had['step'], error: had['error'], cause: had['cause'] } });
  });
  const outcomes = [...byProfile.values()].sort((a, b) => (a.profile < b.profile ? -1 : a.profile > b.profile ? 1 : 0));
  const key = outcomesKey(o.runId, o.executionName);
  // The same execution summarised again (a retry, a redrive) writes its outcomes again: the latest stand.
  await o.store.put(key, `${JSON.stringify(outcomes, null, 1)}\n`, { contentType: 'application/json; charset=utf-8' });
  const count = (what: string) => outcomes.filter((x) => x.outcome === what).length;
  const failed = outcomes.filter((x) => x.outcome === 'failed');
  return {
    runId: o.runId,
    outcomes: key,
    counts: { profiles: outcomes.length, published: count('published'), publishedDegraded: count('published-degraded'), failed: failed.length, skipped: o.skipped },
    failed: failed.slice(0, FAILURES_SHOWN),
  };
}
