/**
 * The one place the steps' time is decided: each Lambda's timeout (lib/
 * profile-sync-stack.ts gives the functions these, the workflow waits a
 * minute longer) and how a harvest step spends its invocation, so that no
 * request and no wait for a source's lease outlives the Lambda:
 *
 *   time left = lease wait or request window  +  one request's worst case  +  the writes after it
 *
 * A request starts only inside the window (the deadline), the first one only
 * after the lease is held, and the wait for the lease is bounded by the same
 * spare time; one request's worst case is the client's (every attempt timing
 * out, the longest waits between them) plus the spacing before it.
 */
import type { WorkflowStepName } from './step-names.ts';

/** Each step's Lambda timeout, seconds. */
export const STEP_TIMEOUT_SECONDS: Readonly<Record<WorkflowStepName, number>> = {
  discover: 10 * 60,
  harvestArxiv: 15 * 60,
  harvestDblp: 15 * 60,
  // Lambda's longest: one id_list request's worst case is 8 minutes (4 attempts of 30 s, 3 waits of up to 2 minutes).
  closeGaps: 15 * 60,
  reconcile: 3 * 60,
  notify: 60,
  summarize: 5 * 60,
};

/**
 * The dblp dump task's own limit (an ECS Fargate task, not a Lambda: functions/harvest-dblp-dump/task.ts):
 * the dump's read, 5–10 minutes measured and projected, and at most ~200 refresh pages, with room.
 */
export const DUMP_TASK_SECONDS = 2 * 3600;
/** The RunTask state waits this much longer than the task's own limit: the task's start (image pull, network) and stop. */
export const DUMP_TASK_STATE_MARGIN_SECONDS = 10 * 60;

/** Kept in hand after the last request's worst case: the writes after it. */
export const WRITE_MARGIN_MS = 60_000;
/** The longest a step waits for another run's harvester to give a source's lease back (less when less time is left). */
export const MAX_LEASE_WAIT_MS = 4 * 60_000;
/** A lease wait overshoots its limit by at most one look at the lease (SourceLease polls at most every 5 s). */
const LEASE_POLL_MS = 5_000;
/** A dblp chunk: about ten minutes of pages, then "partial" and the workflow calls again. */
export const DBLP_CHUNK_MS = 10 * 60_000;

export interface HarvestBudget {
  /** How long the first request may wait for the lease. */
  readonly leaseWaitMs: number;
  /** From now, how long new requests may start (the deadline); at least 1 ms, so a loop of "partial" always moves on. */
  readonly requestWindowMs: number;
}

export class TimeBudgetError extends Error {
  override name = 'TimeBudgetError';
}

/**
 * A harvest invocation's budget: `remainingMs` the invocation's time left, `requestWorstCaseMs` one
 * request's longest (the client's worst case and the spacing before it), `chunkMs` a step's own limit.
 */
export function harvestBudget(remainingMs: number, requestWorstCaseMs: number, chunkMs = Infinity): HarvestBudget {
  const spare = remainingMs - requestWorstCaseMs - WRITE_MARGIN_MS;
  if (spare < 1) throw new TimeBudgetError(`${Math.round(remainingMs / 1000)} s left cannot hold one request (worst case ${Math.round(requestWorstCaseMs / 1000)} s) and the writes after it (${WRITE_MARGIN_MS / 1000} s)`);
  return { leaseWaitMs: Math.max(0, Math.min(MAX_LEASE_WAIT_MS, spare - LEASE_POLL_MS)), requestWindowMs: Math.max(1, Math.min(spare, chunkMs)) };
}
