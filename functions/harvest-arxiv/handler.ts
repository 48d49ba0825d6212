/**
 * Step Functions task: the night's arXiv harvest for every profile at once
 * (src/harvest/harvest-arxiv.ts): the OAI-PMH delta since the watermark,
 * matched locally, and the first backfills. "partial" means it stopped at its
 * deadline, or another run holds arXiv's lease: the workflow calls it again with
 * the same event. Keys and counts only.
 */
import { harvestArxiv } from '../../src/harvest/harvest-arxiv.ts';
import { harvestFrame, unlessLeaseBusy } from '../shared/harvest-step.ts';
import { invocationRuntime, type InvocationContext, type StepRuntime } from '../shared/runtime.ts';

export async function harvestArxivStep(rt: StepRuntime, event: unknown) {
  const { run, store, plans, http, gapMs, deadline } = await harvestFrame(rt, event, 'arxiv');
  const result = await unlessLeaseBusy(run.runId, () => harvestArxiv({
    store,
    http,
    clock: rt.clock,
    runId: run.runId,
    plans,
    deadline,
    gapMs,
    ...(rt.sourceUrls.arxivOai ? { oaiUrl: rt.sourceUrls.arxivOai } : {}),
    ...(rt.sourceUrls.arxiv ? { apiUrl: rt.sourceUrls.arxiv } : {}),
  }));
  rt.log('harvested arxiv', { ...result });
  return result;
}

export const handler = (event: unknown, context?: InvocationContext) => harvestArxivStep(invocationRuntime(context), event);
