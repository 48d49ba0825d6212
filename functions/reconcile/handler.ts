/**
 * Step Functions task, one Distributed Map child per profile: reconcile one
 * profile from canonical/, its arXiv holdings and the run's raw/ (no source
 * request), then publish public/ and reports/. A harvest step that failed for
 * good arrives as {source, failed} (in event.sources, or event.gaps for the
 * arXiv gap step) and is recorded as the profile's degraded source first, its
 * cause in the report. A retry after a partial publish resumes from the run's
 * publish record. Returns keys and counts only; the owner is told by the
 * notify step that follows.
 */
import { loadProfileFromStore } from '../../src/canonical/load-from-store.ts';
import { recordFailedSource } from '../../src/harvest/failed-source.ts';
import { readPreviousProfile } from '../../src/model/read-profile.ts';
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
}

export async function reconcileStep(rt: StepRuntime, event: unknown): Promise<ReconcileStepResult> {
  const step = parseStep(event);
  const e = event as { sources?: unknown; gaps?: unknown };
  const sources = [...parseSourceOutcomes(e.sources), ...parseSourceOutcomes(e.gaps === undefined ? undefined : [e.gaps], 'event.gaps')];
  const { profile, runId } = step;
  const store = await claimedRunStore(rt, step);
  let published = await resumePublish(store, profile, runId);
  if (!published) {
    const now = new Date(step.startTime);
    for (const source of ['arxiv', 'dblp'] as const) {
      const failures = sources.flatMap((s) => (s.source === source && 'failed' in s ? [s.failed] : []));
      if (failures.length) await recordFailedSource(store, source, profile, runId, failures, new Date(rt.clock.now()));
    }
    const input = await loadProfileFromStore(store, profile);
    const previous = await readPreviousProfile(store, profile);
    const { profile: doc, report } = await reconcileStage({ input, decisions: input.decisions, store, runId, now, previous });
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
  };
}

export const handler = (event: unknown) => reconcileStep(lambdaRuntime(), event);
