/**
 * Step Functions task: one chunk of the night's dblp harvest (about ten
 * minutes of person pages, one per profile, under the dblp lease;
 * src/harvest/harvest-dblp.ts). "partial" means profiles remain, or another run
 * holds dblp's lease: the workflow calls it again with the same event. Keys and
 * counts only.
 */
import { harvestDblpChunk } from '../../src/harvest/harvest-dblp.ts';
import { DBLP_CHUNK_MS, harvestFrame, unlessLeaseBusy } from '../shared/harvest-step.ts';
import { invocationRuntime, type InvocationContext, type StepRuntime } from '../shared/runtime.ts';

export async function harvestDblpStep(rt: StepRuntime, event: unknown) {
  const { run, store, items, http, gapMs, deadline } = await harvestFrame(rt, event, 'dblp', DBLP_CHUNK_MS);
  const result = await unlessLeaseBusy(run.runId, () => harvestDblpChunk({ store, http, clock: rt.clock, runId: run.runId, plans: items, deadline, gapMs, ...(rt.sourceUrls.dblp ? { baseUrl: rt.sourceUrls.dblp } : {}) }));
  rt.log('harvested dblp', { ...result });
  return result;
}

export const handler = (event: unknown, context?: InvocationContext) => harvestDblpStep(invocationRuntime(context), event);
