/** Step Functions task: fetch arXiv for one profile into raw/. */
import { fetchArxivStage } from '../../src/pipeline/fetch-arxiv-stage.ts';
import { readPreviousProfile } from '../../src/publish/read-profile.ts';
import { realClock } from '../../src/sources/clock.ts';
import { fetchStep } from '../shared/fetch-step.ts';
import { store } from '../shared/runtime.ts';

export const handler = (event: unknown) =>
  fetchStep('arxiv', event, async (input, runId, http) => {
    // The arXiv IDs the last published profile knew (canonical ones and those found through dblp).
    const previous = await readPreviousProfile(store, input.profile);
    const known = (previous?.publications ?? []).flatMap((w) => (w.ids.arxiv ? [w.ids.arxiv] : []));
    return fetchArxivStage(input, runId, store, realClock, http, known);
  });
