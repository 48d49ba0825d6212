/** Step Functions task: fetch arXiv for one profile into raw/. */
import { fetchArxivStage } from '../../src/harvest/fetch-arxiv-stage.ts';
import { previousArxivIds } from '../../src/harvest/previous-arxiv-ids.ts';
import { realClock } from '../../src/sources/clock.ts';
import { fetchStep } from '../shared/fetch-step.ts';
import { sourceUrls, store } from '../shared/runtime.ts';

// The arXiv IDs the last published profile knew (canonical ones and those found through dblp) join the id_list.
export const handler = (event: unknown) =>
  fetchStep('arxiv', event, async (plan, runId, http) => fetchArxivStage(plan, runId, store, realClock, http, await previousArxivIds(store, plan.profile), sourceUrls.arxiv));
