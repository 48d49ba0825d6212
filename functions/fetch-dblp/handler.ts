/** Step Functions task: fetch dblp for one profile into raw/. */
import { fetchDblpStage } from '../../src/harvest/fetch-dblp-stage.ts';
import { realClock } from '../../src/sources/clock.ts';
import { fetchStep } from '../shared/fetch-step.ts';
import { sourceUrls, store } from '../shared/runtime.ts';

export const handler = (event: unknown) => fetchStep('dblp', event, (plan, runId, http) => fetchDblpStage(plan, runId, store, realClock, http, sourceUrls.dblp));
