/**
 * Step Functions task, the run's last: every profile's outcome from the
 * Distributed Map's exported results, written to runs/<run>/outcomes/<execution name>.json;
 * returns counts, the harvest's outcome and the first failures (the
 * execution's output stays a few KiB at any number of profiles). When the
 * Map failed beyond its tolerance, the results it left (format:
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html)
 * and each profile's reports/<profile>/latest.json decide: children running
 * then were aborted by Step Functions
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_MapRunExecutionCounts.html),
 * some after they published (src/pipeline/run-outcomes.ts).
 */
import { profilesManifestKey } from '../../src/harvest/profile-manifest.ts';
import { mapResultsFolder } from '../../src/pipeline/map-results.ts';
import { summarizeRun, type RunSummary } from '../../src/pipeline/run-outcomes.ts';
import { causeMessage, parseSourceOutcomes, type SourceOutcome } from '../shared/step-failure.ts';
import { lambdaRuntime, parseRunEvent, StepEventError, type StepRuntime } from '../shared/runtime.ts';

export interface SummarizeStepResult extends RunSummary {
  readonly harvest: readonly SourceOutcome[];
  readonly skipped: ReadonlyArray<{ readonly profile: string; readonly reason: string }>;
}

interface SummarizeEvent {
  readonly discovered?: { readonly skipped?: ReadonlyArray<{ profile: string; reason: string }>; readonly skippedCount?: number };
  /** The Map's result ({ResultWriterDetails: {Bucket, Key}}), or what its Catch caught ({failed: {Error, Cause}}): then the results the Map wrote before it failed are read from its folder. */
  readonly map?: { readonly ResultWriterDetails?: { readonly Key?: unknown }; readonly failed?: { readonly Error?: unknown; readonly Cause?: unknown } };
  readonly harvest?: unknown;
  readonly gaps?: unknown;
}

export async function summarizeStep(rt: StepRuntime, event: unknown): Promise<SummarizeStepResult> {
  const run = parseRunEvent(event);
  const e = event as SummarizeEvent;
  const objectKey = e.map?.ResultWriterDetails?.Key;
  if (objectKey !== undefined && typeof objectKey !== 'string') throw new StepEventError(`event.map.ResultWriterDetails.Key: expected the result manifest's key, got ${JSON.stringify(objectKey)}`);
  const prefix = rt.keyPrefix ?? '';
  const manifestKey = objectKey === undefined ? undefined : objectKey.startsWith(prefix) ? objectKey.slice(prefix.length) : objectKey;
  const itemsObj = await rt.store.get(profilesManifestKey(run.runId));
  const items = itemsObj ? (JSON.parse(new TextDecoder().decode(itemsObj.body)) as Array<{ profile: string }>).map((i) => i.profile) : [];
  const failed = e.map?.failed;
  const executionName = run.execution.slice(run.execution.lastIndexOf(':') + 1);
  const summary = await summarizeRun({
    store: rt.store,
    runId: run.runId,
    executionName,
    ...(manifestKey ? { manifestKey } : { resultsFolder: mapResultsFolder(executionName) }),
    items,
    skipped: e.discovered?.skippedCount ?? 0,
    ...(failed ? { mapError: { error: typeof failed.Error === 'string' ? failed.Error : 'Error', cause: causeMessage(failed.Cause) } } : {}),
  });
  const harvest = [...parseSourceOutcomes(e.harvest, 'event.harvest'), ...parseSourceOutcomes(e.gaps === undefined ? undefined : [e.gaps], 'event.gaps')];
  rt.log('run summary', { ...summary.counts, runId: run.runId });
  return { ...summary, harvest, skipped: e.discovered?.skipped ?? [] };
}

export const handler = (event: unknown) => summarizeStep(lambdaRuntime(), event);
