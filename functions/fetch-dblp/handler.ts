/** Step Functions task: fetch dblp for one profile into raw/. */
import { fetchDblpStage } from '../../src/harvest/fetch-dblp-stage.ts';
import { fetchStep } from '../shared/fetch-step.ts';
import { lambdaRuntime, type StepRuntime } from '../shared/runtime.ts';

export const fetchDblpStep = (rt: StepRuntime, event: unknown) => fetchStep(rt, 'dblp', event, (plan, runId, http, store) => fetchDblpStage(plan, runId, store, rt.clock, http, rt.sourceUrls.dblp));

export const handler = (event: unknown) => fetchDblpStep(lambdaRuntime(), event);
