/**
 * Step Functions task: reconcile one profile from canonical/ and raw/, then
 * publish public/ and reports/. A source whose fetch step failed for good
 * arrives as {source, failed} and is recorded as a degraded source first. A
 * retry after a partial publish resumes from the run's publish record. Returns
 * keys, counts and the owner's notice only.
 */
import { loadProfileFromStore } from '../../src/canonical/load-from-store.ts';
import { recordFailedSource } from '../../src/harvest/failed-source.ts';
import { readPreviousProfile } from '../../src/model/read-profile.ts';
import type { PublishRecord } from '../../src/publish/publish-record.ts';
import { publicObjects, publishRun, resumePublish } from '../../src/publish/publish.ts';
import { reconcileStage } from '../../src/reconcile/reconcile-stage.ts';
import { claimedRunStore, lambdaRuntime, parseStep, type StepRuntime } from '../shared/runtime.ts';
import { parseSourceOutcomes } from '../shared/step-failure.ts';

export interface ReconcileStepResult {
  readonly profile: string;
  readonly runId: string;
  readonly outcome: 'published' | 'published-degraded';
  readonly report: string;
  readonly pendingReview: number;
  readonly degradedSources: readonly string[];
  readonly profileChanged: boolean;
  /** True when an earlier attempt had recorded the publication and this one finished it. */
  readonly resumed: boolean;
  /** Whether the owner is to be told (items to review, or a source degraded). */
  readonly notify: boolean;
  readonly subject: string;
  readonly message: string;
}

const SUBJECT_MAX = 100; // SNS: at most 100 printable ASCII characters
const REASONS_MAX = 1500; // the notice stays small (the report has everything)

function notice(record: PublishRecord, reportUrl: string, profileChanged: boolean) {
  const degraded = record.sources.filter((s) => s.status === 'degraded');
  const lines = [`profile-sync, run ${record.runId} for ${record.profile}: ${degraded.length ? 'published, with degraded sources' : 'published'}${profileChanged ? ' (the profile changed)' : ' (the profile is unchanged)'}.`];
  const bucket = /^s3:\/\/([^/]+)\//.exec(reportUrl)?.[1];
  if (record.pendingReview > 0) lines.push(`${record.pendingReview} item(s) to review: ${reportUrl}`, `Answer with: npx profile-sync review -p ${record.profile}${bucket ? ` --bucket ${bucket}` : ''}`);
  for (const s of degraded) {
    const why = (s.reasons ?? []).join('; ') || 'see the report';
    lines.push(`${s.source} is degraded: ${why.length > REASONS_MAX ? `${why.slice(0, REASONS_MAX)}…` : why}`);
  }
  if (degraded.length) lines.push(`What is published keeps the last good data of ${degraded.map((s) => s.source).join(' and ')}. Report: ${reportUrl}`);
  const subject = (record.pendingReview > 0 ? `profile-sync: ${record.pendingReview} to review for ${record.profile}` : `profile-sync: ${record.profile}: ${degraded.map((s) => s.source).join(', ')} degraded`)
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, SUBJECT_MAX);
  return { notify: record.pendingReview > 0 || degraded.length > 0, subject, message: lines.join('\n') };
}

export async function reconcileStep(rt: StepRuntime, event: unknown): Promise<ReconcileStepResult> {
  const step = parseStep(event);
  const sources = parseSourceOutcomes((event as { sources?: unknown }).sources);
  const { profile, runId } = step;
  const store = await claimedRunStore(rt, step);
  let published = await resumePublish(store, profile, runId);
  if (!published) {
    const now = new Date(step.startTime);
    for (const s of sources) if ('failed' in s) await recordFailedSource(store, s.source, profile, runId, s.failed, new Date(rt.clock.now()));
    const input = await loadProfileFromStore(store, profile);
    const previous = await readPreviousProfile(store, profile);
    const { profile: doc, report } = await reconcileStage({ input, decisions: input.decisions, store, runId, now });
    published = await publishRun(store, report, publicObjects(profile, doc, previous));
  }
  const { record } = published;
  const base = store.description.endsWith('/') ? store.description : `${store.description}/`;
  const reportUrl = `${base}${record.report.html}`;
  const degradedSources = record.sources.filter((s) => s.status === 'degraded').map((s) => s.source);
  rt.log('reconciled', { profile, runId, resumed: published.resumed, pendingReview: record.pendingReview, sources: record.sources.map((s) => `${s.source}:${s.status}`), profileChanged: published.profileChanged });
  return {
    profile,
    runId,
    outcome: degradedSources.length ? 'published-degraded' : 'published',
    report: reportUrl,
    pendingReview: record.pendingReview,
    degradedSources,
    profileChanged: published.profileChanged,
    resumed: published.resumed,
    ...notice(record, reportUrl, published.profileChanged),
  };
}

export const handler = (event: unknown) => reconcileStep(lambdaRuntime(), event);
