/**
 * Issue 24, wired: the synthesized workflow, executed (local-cloud.ts), reads
 * dblp from its daily dump in the Fargate task when the night's profiles with
 * dblp on are above the deploy setting (person pages otherwise: the Choice's default); the
 * task's exit code is its answer (0 done; non-zero retried, then caught: dblp
 * failed for the night, every profile still published, degraded). Every call
 * of the dump night — the task's in the bucket, the state machine's RunTask,
 * PassRole, the .sync managed rule and DescribeTasks — is evaluated against
 * the template's policies.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DUMP_TASK_RETRY } from '../../lib/workflow.ts';
import { manifestKey, type SourceReport } from '../../src/sources/source-report.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { DTD_EXCERPT } from '../helpers/dblp-dump-dataset.ts';
import { dumpSiteRoute } from '../helpers/dblp-dump-server.ts';
import { buildFleet } from '../helpers/fleet-builder.ts';
import { fleetDataset } from '../helpers/fleet-dump.ts';
import { atomRoute, oaiRoute } from '../helpers/fleet-servers.ts';
import { installFleet } from '../helpers/fleet-store.ts';
import { startLoopback, type LoopbackServer } from '../helpers/loopback-server.ts';
import { WATCHDOG } from '../helpers/watchdog.ts';
import { prefixOf } from '../infra/iam/recorded-calls.ts';
import { accessTable } from '../infra/iam/stack-access.ts';
import { workflowIam, type WorkflowIam } from '../infra/iam/workflow-iam.ts';
import { LocalCloud } from './local-cloud.ts';
import { synthesizeWorkflow, type SynthesizedWorkflow } from './synthesized-workflow.ts';
import { stagedWorld } from './world.ts';

vi.setConfig({ ...WATCHDOG.workflow });

const fleet = buildFleet({ profiles: 5, noise: 20, newPapers: 1, sharedPapers: 1, newVersions: 0, homonyms: 1 });
const START = `${fleet.night}T03:15:00.000Z`;
const profiles = fleet.profiles.map((p) => p.input.profile);
/**
 * Below the fleet (5 profiles with dblp on): the dump. (At or above it the Choice's default, the person-page
 * Lambda, runs: every other executed night — test/infra/iam-workflow.test.ts, the fault matrix — takes that way
 * at the default setting, and iam-workflow asserts the task is not among the callers.)
 */
const DUMP_ABOVE = 3;

let dumpNight: SynthesizedWorkflow;
const servers: { oai?: LoopbackServer; api?: LoopbackServer; dump?: LoopbackServer } = {};

beforeAll(async () => {
  dumpNight = await synthesizeWorkflow(await stagedWorld(), { dblpDumpAbove: DUMP_ABOVE });
  servers.oai = await startLoopback(oaiRoute(fleet.delta, 500));
  servers.api = await startLoopback(atomRoute(fleet));
  servers.dump = await startLoopback(dumpSiteRoute({ dataset: fleetDataset(fleet).dataset, dtd: DTD_EXCERPT, dumpDate: 'Fri, 27 Nov 2026 22:10:00 GMT' }));
}, 240_000);
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s?.close()));
});

const sourceUrls = (dblp: LoopbackServer) => ({ arxiv: `${servers.api!.baseUrl}/api/query`, arxivOai: `${servers.oai!.baseUrl}/oai`, dblp: dblp.baseUrl });
async function freshStore(): Promise<FsStore> {
  const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-dump-night-')));
  await installFleet(store, fleet);
  return store;
}
const dblpReport = async (store: FsStore, profile: string, runId: string) => JSON.parse(new TextDecoder().decode((await store.get(manifestKey(profile, runId, 'dblp')))!.body)) as SourceReport;
const requestsTo = (s: LoopbackServer) => s.requests.map((r) => r.url.split('?')[0]);

describe('the deploy setting reaches the Choice and the task', () => {
  it('the dblp branch compares the run\'s profiles with dblp on with the setting; the container gets the same number', () => {
    const harvest = (dumpNight.definition['States'] as Record<string, { Branches?: Array<{ StartAt: string; States: Record<string, Record<string, unknown>> }> }>)['Harvest']!;
    const dblp = harvest.Branches!.find((b) => b.StartAt === 'DblpFromDump?')!;
    const choice = dblp.States['DblpFromDump?'] as { Choices: Array<{ Variable: string; NumericGreaterThan: number; Next: string }>; Default: string };
    expect(choice.Choices).toEqual([{ Variable: '$.discovered.dblpProfiles', NumericGreaterThan: DUMP_ABOVE, Next: 'HarvestDblpDumpTask' }]);
    expect(choice.Default).toBe('HarvestDblpStepRounds');
    expect(dumpNight.dumpTask!.environment['DBLP_DUMP_ABOVE']).toBe(String(DUMP_ABOVE));
    const task = dblp.States['HarvestDblpDumpTask'] as { Resource: string; TimeoutSeconds: number; Retry: Array<{ ErrorEquals: string[]; MaxAttempts: number }>; Catch: Array<{ ErrorEquals: string[] }> };
    expect(task.Resource).toBe('arn:aws:states:::ecs:runTask.sync');
    // The execution's own threshold travels with it (RunTask runs the family's latest revision, which a deploy may change).
    const overrides = (task as unknown as { Parameters: { Overrides: { ContainerOverrides: Array<{ Environment: Array<{ Name: string; Value?: string }> }> } } }).Parameters.Overrides.ContainerOverrides[0]!.Environment;
    expect(overrides.find((e) => e.Name === 'DBLP_DUMP_ABOVE')?.Value).toBe(String(DUMP_ABOVE));
    expect(task.Retry[0]!.ErrorEquals).toContain('States.TaskFailed');
    expect(task.Retry[0]!.MaxAttempts).toBe(DUMP_TASK_RETRY.maxAttempts);
    expect(task.Catch[0]!.ErrorEquals).toEqual(['States.ALL']);
  });
});

describe('a night above the setting: dblp from its daily dump, in the Fargate task', () => {
  let store: FsStore;
  let cloud: LocalCloud;
  let iam: WorkflowIam;
  let out: Awaited<ReturnType<LocalCloud['run']>>;
  beforeAll(async () => {
    store = await freshStore();
    iam = workflowIam(dumpNight);
    servers.dump!.requests.length = 0;
    cloud = new LocalCloud({ workflow: dumpNight, store, sourceUrls: sourceUrls(servers.dump!), ...iam.recording });
    out = await cloud.run(START, 'nightly-dump');
  }, 240_000);

  it('runs the task once, which asks dblp two things (the DTD and the dump) and no person page; every profile is published', async () => {
    expect(cloud.invocations.filter((i) => i.functionId === dumpNight.dumpTask!.id)).toEqual([{ functionId: dumpNight.dumpTask!.id, profile: '(run)', outcome: 'ok' }]);
    expect(cloud.invocations.some((i) => i.functionId === dumpNight.functions.harvestDblp)).toBe(false);
    expect(requestsTo(servers.dump!)).toEqual(['/xml/dblp.dtd', '/xml/dblp.xml.gz']);
    expect(Object.fromEntries(out.profiles.map((o) => [o.profile, o.outcome]))).toEqual(Object.fromEntries(profiles.map((p) => [p, 'published'])));
    for (const p of profiles) {
      const r = await dblpReport(store, p, fleet.runId);
      expect(r.status, p).toBe('ok');
      expect(r.dumpOf, p).toBeDefined();
    }
  });

  it('every call of that night is allowed by the template: the task role in the bucket, RunTask and PassRole by the state machine', async () => {
    const log = iam.log;
    const violations = await iam.violations();
    const taskCalls = log.calls.filter((c) => c.caller === dumpNight.dumpTask!.id);
    expect(accessTable(taskCalls, (k) => prefixOf(k, profiles))).toMatch(/harvest\//);
    expect(log.calls.some((c) => c.caller === 'Workflow' && c.call.startsWith('ecs:RunTask'))).toBe(true);
    expect(log.calls.filter((c) => c.caller === 'Workflow' && c.call.startsWith('iam:PassRole'))).toHaveLength(2);
    expect(log.calls.filter((c) => c.caller === 'Workflow' && c.call.startsWith('events:')).map((c) => c.call.split(' ')[0])).toEqual(['events:PutRule', 'events:PutTargets', 'events:DescribeRule']);
    expect(violations).toEqual([]);
  });
});

describe("the task's exit code is its answer", () => {
  it('exit 75 (time ran out, lease busy) is retried and the retry finishes the night', async () => {
    const store = await freshStore();
    let calls = 0;
    const cloud = new LocalCloud({
      workflow: dumpNight,
      store,
      sourceUrls: sourceUrls(servers.dump!),
      stubs: { [dumpNight.dumpTask!.id]: async () => ({ exitCode: ++calls === 1 ? 75 : 0 }) },
    });
    const out = await cloud.run(START, 'nightly-again');
    expect(calls).toBe(2);
    expect(cloud.invocations.filter((i) => i.functionId === dumpNight.dumpTask!.id).map((i) => i.outcome)).toEqual(['error', 'ok']);
    expect(out.summary.harvest).toContainEqual(expect.objectContaining({ source: 'dblp', status: 'done' }));
  });

  it('a task failing every attempt is caught: dblp failed for the night with the cause, every profile still published, degraded', async () => {
    const store = await freshStore();
    const cloud = new LocalCloud({
      workflow: dumpNight,
      store,
      sourceUrls: sourceUrls(servers.dump!),
      stubs: {
        [dumpNight.dumpTask!.id]: async () => {
          throw new Error('dblp.xml.gz: gzip stream cut short after 1,048,576 compressed bytes');
        },
      },
    });
    const out = await cloud.run(START, 'nightly-task-fails');
    expect(cloud.invocations.filter((i) => i.functionId === dumpNight.dumpTask!.id)).toHaveLength(1 + DUMP_TASK_RETRY.maxAttempts);
    const dblp = (out.summary.harvest as ReadonlyArray<{ source: string; failed?: { step: string; error: string; message: string } }>).find((h) => h.source === 'dblp')!;
    expect(dblp.failed).toMatchObject({ step: 'HarvestDblpDumpTask', error: 'States.TaskFailed' });
    // What AWS gives: the stopped task (its network attachments first), read into one line; the error itself is in the task's log.
    expect(dblp.failed!.message).toMatch(/^ECS task [0-9a-f]{32} stopped \(EssentialContainerExited: Essential container in task exited\): container dblp-dump exit 1 \(an error: the task's log has it\); its log stream ends in \/[0-9a-f]{32}$/);
    expect(out.profiles.map((o) => o.outcome)).toEqual(profiles.map(() => 'published-degraded'));
    for (const o of out.profiles) expect(o['degradedSources'], o.profile).toContain('dblp');
  });
});
