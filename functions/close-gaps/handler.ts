/**
 * Step Functions task, after both harvests: the arXiv IDs a profile knows
 * (its CV, dblp's CoRR records) that its holdings lack, asked with id_list in
 * batches across all profiles (src/harvest/arxiv-gaps.ts). None in a steady
 * state. "partial" means it stopped at its deadline with the rest to ask (or
 * another run holds arXiv's lease): the workflow calls it again. Keys and
 * counts only.
 */
import { closeArxivGaps } from '../../src/harvest/arxiv-gaps.ts';
import { harvestFrame, unlessLeaseBusy } from '../shared/harvest-step.ts';
import { invocationRuntime, type InvocationContext, type StepRuntime } from '../shared/runtime.ts';

export async function closeGapsStep(rt: StepRuntime, event: unknown) {
  const { run, store, items, http, deadline } = await harvestFrame(rt, event, 'arxiv');
  const result = await unlessLeaseBusy(run.runId, () => closeArxivGaps({ store, http, clock: rt.clock, runId: run.runId, plans: items, deadline, ...(rt.sourceUrls.arxiv ? { apiUrl: rt.sourceUrls.arxiv } : {}) }));
  rt.log('closed arxiv gaps', { ...result });
  return result;
}

export const handler = (event: unknown, context?: InvocationContext) => closeGapsStep(invocationRuntime(context), event);
