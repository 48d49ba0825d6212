/**
 * Step Functions task: reconcile one profile from canonical/ and raw/, then
 * publish public/ and reports/. Returns keys and counts only.
 */
import { loadProfileFromStore } from '../../src/canonical/load-from-store.ts';
import { reconcileStage } from '../../src/reconcile/reconcile-stage.ts';
import { publicObjects, publishRun } from '../../src/publish/publish.ts';
import { readPreviousProfile } from '../../src/model/read-profile.ts';
import { logger, parseStep, store } from '../shared/runtime.ts';

export const handler = async (event: unknown) => {
  const { profile, runId, startTime } = parseStep(event);
  logger.appendKeys({ profile, runId });
  const input = await loadProfileFromStore(store, profile);
  const previous = await readPreviousProfile(store, profile);
  const { profile: doc, report } = await reconcileStage({ input, decisions: input.decisions, store, runId, now: new Date(startTime) });
  const published = await publishRun(store, report, publicObjects(profile, doc, previous));
  const s = report.summary;
  logger.info('reconciled', { summary: s, sources: report.sources.map((h) => ({ source: h.source, status: h.status })), profileChanged: published.profileChanged });
  return {
    profile,
    runId,
    report: `${store.description}reports/${profile}/${runId}/diff.html`,
    pendingReview: s.pendingReview,
    degradedSources: report.sources.filter((h) => h.status !== 'ok').map((h) => h.source),
    profileChanged: published.profileChanged,
  };
};
