/**
 * ECS Fargate task (the state machine's RunTask .sync): the night's dblp step
 * for a fleet above the dump setting (src/harvest/harvest-dblp-night.ts): the
 * path chosen once per run, dblp's daily dump streamed (two requests), then
 * the person pages left to it (refreshes asked, new pids). A task, not a
 * Lambda: reading the dump is ~6 min measured and projected, up to ~10 min on a
 * slow download, too close to Lambda's 15 minutes (docs/architecture.md, "dblp
 * from its daily dump"). The event is the run's (as the Lambda steps get it),
 * in PROFILE_SYNC_EVENT; keys and counts are logged and printed.
 */
import { pathToFileURL } from 'node:url';
import { DEFAULT_DUMP_ABOVE } from '../../src/harvest/dblp-path.ts';
import { harvestDblpNight } from '../../src/harvest/harvest-dblp-night.ts';
import { userAgentFor } from '../../src/harvest/user-agent.ts';
import { fetchStreamGet } from '../../src/sources/http/stream-get.ts';
import { harvestFrame, unlessLeaseBusy } from '../shared/harvest-step.ts';
import { env, lambdaRuntime, type StepRuntime } from '../shared/runtime.ts';

/** The task's own time limit (the state machine's TimeoutSeconds for the RunTask state is longer). */
export const DUMP_TASK_MS = 2 * 3600_000;

export async function harvestDblpDumpStep(rt: StepRuntime, event: unknown, dumpAbove = DEFAULT_DUMP_ABOVE) {
  const { run, store, items, http, gapMs } = await harvestFrame(rt, event, 'dblp');
  const contact = rt.contact ?? items[0]?.contact ?? 'profile-sync';
  const base = rt.sourceUrls.dblp;
  const result = await unlessLeaseBusy(run.runId, () =>
    harvestDblpNight({
      store,
      http,
      dumpHttp: fetchStreamGet({ userAgent: userAgentFor(contact) }),
      clock: rt.clock,
      runId: run.runId,
      plans: items,
      gapMs,
      dumpAbove,
      ...(base ? { baseUrl: base, dumpUrl: `${base}/xml/dblp.xml.gz`, dtdUrl: `${base}/xml/dblp.dtd` } : {}),
    }),
  );
  rt.log('harvested dblp', { ...result });
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const base = lambdaRuntime();
  const started = base.clock.now();
  const rt: StepRuntime = { ...base, remainingMs: () => DUMP_TASK_MS - (base.clock.now() - started) };
  const result = await harvestDblpDumpStep(rt, JSON.parse(env('PROFILE_SYNC_EVENT')) as unknown, Number(process.env['DBLP_DUMP_ABOVE'] ?? DEFAULT_DUMP_ABOVE));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
