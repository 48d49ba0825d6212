/**
 * ECS Fargate task (the state machine's HarvestDblpDumpTask, RunTask .sync):
 * the night's dblp step for a fleet above the dump setting
 * (src/harvest/harvest-dblp-night.ts): the path chosen once per run, dblp's
 * daily dump streamed (two requests), then the person pages left to it
 * (refreshes asked, new pids). A task, not a Lambda: reading the dump is ~6 min
 * measured and projected, up to ~10 min on a slow download, too close to
 * Lambda's 15 minutes (docs/architecture.md, "dblp from its daily dump").
 *
 * The event is the run's ({startTime, execution}, as the Lambda steps get
 * it), in PROFILE_SYNC_EVENT. Step Functions cannot read a task's output, so
 * the exit code is the answer: 0 when dblp is done for the run (a failed read
 * is done too: every profile is then degraded with where it failed, and the
 * previous holdings stay), 75 when time ran out with profiles left or the
 * lease still busy (the state's Retry runs the task again; what was harvested
 * is kept), 1 on an error (the same Retry, then the Catch: dblp failed for the
 * night). Keys and counts are logged and printed.
 */
import { pathToFileURL } from 'node:url';
import { DEFAULT_DUMP_ABOVE } from '../../src/harvest/dblp-path.ts';
import { harvestDblpNight } from '../../src/harvest/harvest-dblp-night.ts';
import { userAgentFor } from '../../src/harvest/user-agent.ts';
import { fetchStreamGet, retryingStreamGet } from '../../src/sources/http/stream-get.ts';
import { FLOOR_SECONDS, harvestFrame, requestWorstCaseMs, unlessLeaseBusy } from '../shared/harvest-step.ts';
import { env, lambdaRuntime, type StepRuntime } from '../shared/runtime.ts';
import { DUMP_TASK_SECONDS, WRITE_MARGIN_MS } from '../shared/time-budget.ts';

/** The task's own time limit (the state machine's TimeoutSeconds for the RunTask state is longer: time-budget.ts). */
export const DUMP_TASK_MS = DUMP_TASK_SECONDS * 1000;
/** Exit code when profiles remain (time ran out, or another run holds dblp's lease): EX_TEMPFAIL. */
export const EXIT_AGAIN = 75;
/** Between calls while another run holds dblp's lease or pages remain. */
const AGAIN_WAIT_MS = 60_000;

export async function harvestDblpDumpStep(rt: StepRuntime, event: unknown, dumpAbove = DEFAULT_DUMP_ABOVE) {
  // The deadline bounds the person pages after the dump (no new page starts after it): the task ends in its time.
  const { run, store, items, http, gapMs, deadline } = await harvestFrame(rt, event, 'dblp');
  const contact = rt.contact ?? items[0]?.contact ?? 'profile-sync';
  const base = rt.sourceUrls.dblp;
  const result = await unlessLeaseBusy(run.runId, () =>
    harvestDblpNight({
      store,
      http,
      // dblp busy or failing for now (429, 5xx, a dropped connection): asked again, on the run's clock.
      dumpHttp: retryingStreamGet(fetchStreamGet({ userAgent: userAgentFor(contact) }), { clock: rt.clock }),
      clock: rt.clock,
      runId: run.runId,
      plans: items,
      gapMs,
      deadline,
      dumpAbove,
      ...(base ? { baseUrl: base, dumpUrl: `${base}/xml/dblp.xml.gz`, dtdUrl: `${base}/xml/dblp.dtd` } : {}),
    }),
  );
  rt.log('harvested dblp', { ...result });
  return result;
}

/**
 * The task's whole run: the step again while it answers "partial" and time is left (a chunk of
 * pages ended at its deadline, or another run held the lease); the exit code as above.
 */
export async function runDumpTask(rt: StepRuntime, event: unknown, dumpAbove = DEFAULT_DUMP_ABOVE): Promise<{ exitCode: 0 | typeof EXIT_AGAIN; result: Awaited<ReturnType<typeof harvestDblpDumpStep>> }> {
  for (;;) {
    const result = await harvestDblpDumpStep(rt, event, dumpAbove);
    if (result.status !== 'partial') return { exitCode: 0, result };
    // Another call needs the wait, one person page's worst case and the writes after it (functions/shared/time-budget.ts).
    if ((rt.remainingMs?.() ?? 0) < AGAIN_WAIT_MS + requestWorstCaseMs(FLOOR_SECONDS.dblp * 1000) + WRITE_MARGIN_MS) return { exitCode: EXIT_AGAIN, result };
    await rt.clock.sleep(AGAIN_WAIT_MS);
  }
}

/** DBLP_DUMP_ABOVE from the task definition (the deploy setting); a wrong value stops the task with what it got. */
export function dumpAboveFrom(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_DUMP_ABOVE;
  if (!/^\d+$/.test(value)) throw new Error(`DBLP_DUMP_ABOVE: expected a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const base = lambdaRuntime();
    const started = base.clock.now();
    const rt: StepRuntime = { ...base, remainingMs: () => DUMP_TASK_MS - (base.clock.now() - started) };
    const { exitCode, result } = await runDumpTask(rt, JSON.parse(env('PROFILE_SYNC_EVENT')) as unknown, dumpAboveFrom(process.env['DBLP_DUMP_ABOVE']));
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exitCode = exitCode;
  } catch (e) {
    process.stderr.write(`profile-sync dblp dump task failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  }
}
