/** Step Functions task: fetch arXiv for one profile into raw/. */
import { fetchArxivStage } from '../../src/harvest/fetch-arxiv-stage.ts';
import { previousArxivIds } from '../../src/harvest/previous-arxiv-ids.ts';
import { fetchStep } from '../shared/fetch-step.ts';
import { lambdaRuntime, type StepRuntime } from '../shared/runtime.ts';

// The arXiv IDs the last published profile knew (canonical ones and those found through dblp) join the id_list.
export const fetchArxivStep = (rt: StepRuntime, event: unknown) =>
  fetchStep(rt, 'arxiv', event, async (plan, runId, http, store) => fetchArxivStage(plan, runId, store, rt.clock, http, await previousArxivIds(store, plan.profile), rt.sourceUrls.arxiv));

export const handler = (event: unknown) => fetchArxivStep(lambdaRuntime(), event);
