/**
 * The dblp night as the Fargate task runs it (functions/harvest-dblp-dump/task.ts):
 * the run's event, the run's fleet document, the claimed store, the dump path
 * chosen for a fleet above the setting, two dblp requests, every profile's
 * manifest written; a second call of the same run asks dblp nothing again.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_AGAIN, harvestDblpDumpStep, runDumpTask } from '../../functions/harvest-dblp-dump/task.ts';
import { leaseKey } from '../../src/harvest/source-lease.ts';
import type { StepRuntime } from '../../functions/shared/runtime.ts';
import { writeProfileManifest } from '../../src/harvest/profile-manifest.ts';
import { runIdFor } from '../../src/pipeline/run-id.ts';
import { VirtualClock } from '../../src/sources/clock.ts';
import { manifestKey, type SourceReport } from '../../src/sources/source-report.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { DTD_EXCERPT } from '../helpers/dblp-dump-dataset.ts';
import { dumpSiteRoute } from '../helpers/dblp-dump-server.ts';
import { buildFleet } from '../helpers/fleet-builder.ts';
import { fleetDataset } from '../helpers/fleet-dump.ts';
import { installFleet } from '../helpers/fleet-store.ts';
import { startLoopback, type LoopbackServer } from '../helpers/loopback-server.ts';

const fleet = buildFleet({ profiles: 6, noise: 20, newPapers: 1, sharedPapers: 1, newVersions: 0, homonyms: 0 });
const startTime = '2026-11-28T03:15:00.000Z';
const event = { startTime, execution: 'arn:aws:states:us-east-1:111122223333:execution:Workflow:nightly-1' };
let server: LoopbackServer;
const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-dump-task-')));

beforeAll(async () => {
  server = await startLoopback(dumpSiteRoute({ dataset: fleetDataset(fleet).dataset, dtd: DTD_EXCERPT, dumpDate: 'Fri, 27 Nov 2026 22:10:00 GMT' }));
  await installFleet(store, fleet);
  await writeProfileManifest(store, runIdFor(new Date(startTime)), startTime);
});
afterAll(async () => {
  await server.close();
});

describe('the dblp dump task', () => {
  const rt = (): StepRuntime => ({ store, clock: new VirtualClock(Date.parse(startTime)), log: () => undefined, sourceUrls: { dblp: server.baseUrl }, remainingMs: () => 3600_000, contact: 'dept@example.org' });

  it('reads the dump for a fleet above the setting and writes every profile its manifest, in two requests', async () => {
    const result = await harvestDblpDumpStep(rt(), event, 2);
    expect(result).toMatchObject({ status: 'done', path: 'dump' });
    expect(server.requests.map((r) => r.url)).toEqual(['/xml/dblp.dtd', '/xml/dblp.xml.gz']);
    for (const p of fleet.profiles) {
      const m = await store.get(manifestKey(p.input.profile, runIdFor(new Date(startTime)), 'dblp'));
      expect(m, p.input.profile).toBeDefined();
      expect((JSON.parse(new TextDecoder().decode(m!.body)) as SourceReport).status).toBe('ok');
    }
    expect(server.requests.every((r) => /profile-sync.*dept@example\.org/.test(String(r.headers['user-agent'])))).toBe(true);
  });

  it('called again for the same run (a retry), it asks dblp nothing', async () => {
    const before = server.requests.length;
    expect(await harvestDblpDumpStep(rt(), event, 2)).toMatchObject({ status: 'done' });
    expect(server.requests.length).toBe(before);
  });

  it('another run holding dblp\'s lease all along: the task asks again a minute apart while its time allows, then exits 75 (the state retries it), having asked dblp nothing', async () => {
    const busy = new FsStore(mkdtempSync(join(tmpdir(), 'ps-dump-task-busy-')));
    await installFleet(busy, fleet);
    await writeProfileManifest(busy, runIdFor(new Date(startTime)), startTime);
    const until = Date.parse(startTime) + 6 * 3600_000;
    await busy.put(leaseKey('dblp'), JSON.stringify({ schemaVersion: 1, source: 'dblp', holder: 'arn:…:execution:Workflow:manual-run/20261128T020000Z/x', acquiredAt: until - 7 * 3600_000, expiresAt: until, released: false, requests: 3 }), { contentType: 'application/json' });
    const clock = new VirtualClock(Date.parse(startTime));
    const started = clock.now();
    const before = server.requests.length;
    const rt: StepRuntime = { store: busy, clock, log: () => undefined, sourceUrls: { dblp: server.baseUrl }, remainingMs: () => 30 * 60_000 - (clock.now() - started), contact: 'dept@example.org' };
    const { exitCode, result } = await runDumpTask(rt, event, 2);
    expect(exitCode).toBe(EXIT_AGAIN);
    expect(result).toMatchObject({ status: 'partial', leaseBusy: expect.stringMatching(/dblp lease is held by .*manual-run/) });
    expect(clock.now() - started).toBeLessThanOrEqual(30 * 60_000);
    expect(clock.now() - started).toBeGreaterThan(15 * 60_000); // it kept asking while another call could still end in time
    expect(server.requests.length).toBe(before);
  });
});
