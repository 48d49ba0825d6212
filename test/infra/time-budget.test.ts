/**
 * Issue 19 #10: the steps' time budgets come from one place
 * (functions/shared/time-budget.ts): the template's Lambda timeouts are its,
 * and a harvest step splits the same time between the wait for a source's
 * lease, the window in which requests start and one request's worst case,
 * so that neither a request nor a lease wait outlives the Lambda; a step has
 * minutes of requests per call, not one.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requestWorstCaseMs } from '../../functions/shared/harvest-step.ts';
import { DBLP_CHUNK_MS, harvestBudget, STEP_TIMEOUT_SECONDS, TimeBudgetError, WRITE_MARGIN_MS } from '../../functions/shared/time-budget.ts';
import { stageCanonical } from '../../lib/canonical-staging.ts';
import { LeaseBusyError, SourceLease } from '../../src/harvest/source-lease.ts';
import { VirtualClock } from '../../src/sources/clock.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { DATA } from '../helpers/paths.ts';
import { synthesizeWorkflow, type SynthesizedWorkflow } from '../workflow/synthesized-workflow.ts';

let workflow: SynthesizedWorkflow;
beforeAll(async () => {
  workflow = await synthesizeWorkflow(await stageCanonical(DATA, ['sanghyuk-chun']));
}, 180_000);

/** The harvest steps, the spacing their source asks for at least (arXiv 3 s, dblp 1 s), their own chunk limit. */
const HARVESTS = [
  { step: 'harvestArxiv', gapMs: 3000, chunkMs: Infinity },
  { step: 'harvestDblp', gapMs: 1000, chunkMs: DBLP_CHUNK_MS },
  { step: 'closeGaps', gapMs: 3000, chunkMs: Infinity },
] as const;

describe('step time budgets', () => {
  it("the template's Lambda timeouts are the budget's, and the workflow waits a minute longer than each", () => {
    for (const [step, id] of Object.entries(workflow.functions)) expect(workflow.timeouts[id], step).toBe(STEP_TIMEOUT_SECONDS[step as keyof typeof STEP_TIMEOUT_SECONDS]);
  });

  it('in each harvest step neither the lease wait nor a request started in the window can outlive the Lambda, and the window holds minutes of requests', () => {
    for (const { step, gapMs, chunkMs } of HARVESTS) {
      const timeoutMs = workflow.timeouts[workflow.functions[step]]! * 1000;
      const worst = requestWorstCaseMs(gapMs);
      const budget = harvestBudget(timeoutMs, worst, chunkMs);
      // The first request starts once the lease is held; later ones until the deadline.
      expect(budget.leaseWaitMs + 5000 + worst + WRITE_MARGIN_MS, `${step}: lease wait (and its last look), then a request`).toBeLessThanOrEqual(timeoutMs);
      expect(budget.requestWindowMs + worst + WRITE_MARGIN_MS, `${step}: a request started at the deadline`).toBeLessThanOrEqual(timeoutMs);
      expect(budget.requestWindowMs, `${step}: minutes of requests per call`).toBeGreaterThanOrEqual(5 * 60_000);
    }
  });

  it('less time left: the lease wait and the window shrink with it; no time for one request is an error, not an overrun', () => {
    const worst = requestWorstCaseMs(3000);
    const tight = harvestBudget(worst + WRITE_MARGIN_MS + 30_000, worst);
    expect(tight).toEqual({ leaseWaitMs: 25_000, requestWindowMs: 30_000 }); // the wait keeps one look at the lease (5 s) in hand
    expect(() => harvestBudget(worst + WRITE_MARGIN_MS - 1, worst)).toThrow(TimeBudgetError);
  });

  it("a step waiting for another run's lease gives up within its budget's lease wait (the clock of the invocation)", async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-budget-')));
    const clock = new VirtualClock(Date.UTC(2026, 10, 28, 3, 15));
    const worst = requestWorstCaseMs(3000);
    const timeoutMs = workflow.timeouts[workflow.functions.closeGaps]! * 1000;
    const budget = harvestBudget(timeoutMs, worst);
    const lease = (holder: string, maxWaitMs: number) => new SourceLease({ store, clock, source: 'arxiv', holder, gapMs: 3000, requestBudgetMs: worst, ttlMs: 60 * 60_000, maxWaitMs });
    await lease('another-run/20261128T030000Z/invocation-1', 0).acquire();
    const started = clock.now();
    await expect(lease('this-run/20261128T031500Z/invocation-2', budget.leaseWaitMs).acquire()).rejects.toThrow(LeaseBusyError);
    const waited = clock.now() - started;
    expect(waited).toBeGreaterThanOrEqual(budget.leaseWaitMs);
    expect(waited + worst + WRITE_MARGIN_MS).toBeLessThanOrEqual(timeoutMs);
  });
});
