/**
 * The common frame of the run-level harvest steps (harvest-arxiv,
 * harvest-dblp, close-gaps): the run from the event, every profile's fetch
 * plan from the run's fleet document, a client that sends under the source's
 * lease (one harvester per source for the whole deployment, spaced across
 * invocations, retries and overlapping runs), and a deadline well inside the
 * invocation's time left.
 */
import type { FetchPlan } from '../../src/harvest/fetch-plan.ts';
import { LeasedHttp } from '../../src/harvest/leased-http.ts';
import { VirtualClock } from '../../src/sources/clock.ts';
import { PoliteHttp } from '../../src/sources/http/polite-http.ts';
import { DBLP_MIRROR_HOSTS } from '../../src/sources/dblp/fetch-dblp.ts';
import { LeaseBusyError } from '../../src/harvest/source-lease.ts';
import { readFleetDocument } from '../../src/harvest/profile-manifest.ts';
import { userAgentFor } from '../../src/harvest/user-agent.ts';
import type { Store } from '../../src/store/store.ts';
import { claimedHarvestStore, parseRunEvent, type RunEvent, type StepRuntime } from './runtime.ts';
import { harvestBudget, type HarvestBudget } from './time-budget.ts';

export type HarvestSource = 'arxiv' | 'dblp';

/** arXiv asks for 3 s between requests, dblp for 1 s; a profile's config may ask for more, never less. */
export const FLOOR_SECONDS: Readonly<Record<HarvestSource, number>> = { arxiv: 3, dblp: 1 };
export { DBLP_CHUNK_MS, WRITE_MARGIN_MS } from './time-budget.ts';
/** Without Lambda's context (a local call): as if a full 15 minutes were left. */
const DEFAULT_REMAINING_MS = 15 * 60_000;

export interface HarvestFrame {
  readonly run: RunEvent;
  /** The store as the run's owner writes it (a retry finishes what it began; another execution is refused). */
  readonly store: Store;
  /** Every active profile's plan (the arXiv delta is matched against all). */
  readonly plans: readonly FetchPlan[];
  /** The run's own profiles: all of them, or those a re-run asked for (their dblp pages, their gaps). */
  readonly items: readonly FetchPlan[];
  readonly http: LeasedHttp;
  /** The spacing the client keeps (ms). */
  readonly gapMs: number;
  /** Clock time after which no new request starts. */
  readonly deadline: number;
  /** How the invocation's time left was split (functions/shared/time-budget.ts). */
  readonly budget: HarvestBudget;
}

/** The harvest client's options: spacing `minIntervalMs`, 30 s per attempt, dblp's redirects to its mirrors (PoliteHttp's other defaults). */
const clientOptions = (contact: string, minIntervalMs: number, clock: StepRuntime['clock'], source?: HarvestSource) => ({
  userAgent: userAgentFor(contact),
  minIntervalMs,
  clock,
  timeoutMs: 30_000,
  ...(source === 'dblp' ? { redirectHosts: DBLP_MIRROR_HOSTS } : {}),
});

/** One request's longest through the harvest client: every attempt timing out, the longest waits between them, and the spacing before it. */
export function requestWorstCaseMs(minIntervalMs: number): number {
  return new PoliteHttp(clientOptions('profile-sync', minIntervalMs, new VirtualClock(0))).worstCaseMs + minIntervalMs;
}

export async function harvestFrame(rt: StepRuntime, event: unknown, source: HarvestSource, budgetMs = Infinity): Promise<HarvestFrame> {
  const run = parseRunEvent(event);
  const store = await claimedHarvestStore(rt, run);
  const { plans, items } = await readFleetDocument(store, run.runId);
  const seconds = Math.max(FLOOR_SECONDS[source], ...plans.map((p) => (source === 'arxiv' ? p.sources.arxiv.minIntervalSeconds : p.sources.dblp.minIntervalSeconds)));
  const contact = rt.contact ?? plans[0]?.contact ?? 'profile-sync';
  const started = rt.clock.now();
  const remainingMs = rt.remainingMs?.() ?? DEFAULT_REMAINING_MS;
  const options = clientOptions(contact, seconds * 1000, rt.clock, source);
  // No request (nor the wait for the lease before the first) may outlive the invocation: one budget for both.
  const budget = harvestBudget(remainingMs, requestWorstCaseMs(options.minIntervalMs), budgetMs);
  const http = new LeasedHttp(
    options,
    // The holder names the execution and the invocation; a retry of this execution's step takes over the lease
    // its ended predecessor left (no wait for the expiry), another execution waits for it.
    { store, source, holder: `${run.execution}/${run.runId}/${rt.invocationId ?? 'local'}`, inheritsFrom: `${run.execution}/`, maxWaitMs: budget.leaseWaitMs },
  );
  return { run, store, plans, items, http, gapMs: seconds * 1000, deadline: started + budget.requestWindowMs, budget };
}

/**
 * Another run's harvester holds the source (an overlapping manual run): not a failure. The step
 * answers "partial" having sent nothing, and the workflow calls it again; each call waits up to
 * its budget's leaseWaitMs for the lease, so the loop is paced, and the holder's lease ends by release or expiry.
 */
export async function unlessLeaseBusy<T>(runId: string, work: () => Promise<T>): Promise<T | { runId: string; status: 'partial'; leaseBusy: string }> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof LeaseBusyError) return { runId, status: 'partial', leaseBusy: e.message };
    throw e;
  }
}
