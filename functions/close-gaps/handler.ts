/**
 * Step Functions task, after both harvests: the arXiv IDs a profile knows
 * (its CV, dblp's CoRR records) that its holdings lack, asked with id_list in
 * batches across all profiles (src/harvest/arxiv-gaps.ts). None in a steady
 * state. Keys and counts only.
 */
import { closeArxivGaps, type GapResult } from '../../src/harvest/arxiv-gaps.ts';
import { harvestFrame } from '../shared/harvest-step.ts';
import { invocationRuntime, type InvocationContext, type StepRuntime } from '../shared/runtime.ts';

export async function closeGapsStep(rt: StepRuntime, event: unknown): Promise<GapResult> {
  const { run, store, plans, http } = await harvestFrame(rt, event, 'arxiv');
  const result = await closeArxivGaps({ store, http, clock: rt.clock, runId: run.runId, plans, ...(rt.sourceUrls.arxiv ? { apiUrl: rt.sourceUrls.arxiv } : {}) });
  rt.log('closed arxiv gaps', { ...result });
  return result;
}

export const handler = (event: unknown, context?: InvocationContext) => closeGapsStep(invocationRuntime(context), event);
