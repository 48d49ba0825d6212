/**
 * Issue 12's accuracy at department scale, with dblp read from its daily dump
 * (issue 24): the same synthetic department as fleet-accuracy.test.ts, its dblp
 * data served as dblp.xml.gz, the night's dblp step choosing the dump
 * (dumpAbove 0), then each profile's real reconciliation from its holdings.
 * No homonym's paper is proposed at high confidence, a paper of two colleagues
 * is proposed to both, each new paper reaches its owner, and a dblp namesake's
 * paper ("<name> 0002") never reaches the profile.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_DECISIONS } from '../../src/canonical/decisions.ts';
import { harvestArxiv } from '../../src/harvest/harvest-arxiv.ts';
import { harvestDblpNight } from '../../src/harvest/harvest-dblp-night.ts';
import type { CandidateItem } from '../../src/model/report.ts';
import { reconcileStage } from '../../src/reconcile/reconcile-stage.ts';
import { VirtualClock } from '../../src/sources/clock.ts';
import { PoliteHttp } from '../../src/sources/http/polite-http.ts';
import { fetchStreamGet } from '../../src/sources/http/stream-get.ts';
import { manifestKey, type SourceReport } from '../../src/sources/source-report.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { DTD_EXCERPT } from '../helpers/dblp-dump-dataset.ts';
import { dumpSiteRoute } from '../helpers/dblp-dump-server.ts';
import { itProposesByTheFleetsTruth } from '../helpers/fleet-accuracy.ts';
import { buildFleet } from '../helpers/fleet-builder.ts';
import { fleetDataset } from '../helpers/fleet-dump.ts';
import { atomRoute, oaiRoute } from '../helpers/fleet-servers.ts';
import { installFleet } from '../helpers/fleet-store.ts';
import { startLoopback, type LoopbackServer } from '../helpers/loopback-server.ts';

const fleet = buildFleet({ profiles: 16, noise: 400, newPapers: 3, sharedPapers: 3, newVersions: 2, homonyms: 4 });
const namesakes = [...new Set(fleet.truth.homonyms.map((t) => t.profile))];
const { dataset, namesakeRecords } = fleetDataset(fleet, namesakes);
const servers: LoopbackServer[] = [];
const candidates = new Map<string, readonly CandidateItem[]>();
const dblpReports = new Map<string, SourceReport>();
let dblpRequests = 0;
let dblpPath = '';


beforeAll(async () => {
  const clock = new VirtualClock(Date.parse(`${fleet.night}T03:15:00Z`));
  const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-fleet-dump-')));
  await installFleet(store, fleet);
  const oai = await startLoopback(oaiRoute(fleet.delta, 500));
  const api = await startLoopback(atomRoute(fleet));
  const dblp = await startLoopback(dumpSiteRoute({ dataset, dtd: DTD_EXCERPT, dumpDate: 'Fri, 27 Nov 2026 22:10:00 GMT' }));
  servers.push(oai, api, dblp);
  const http = (gap: number) => new PoliteHttp({ userAgent: 'profile-sync/0.1 (mailto:dept@example.org)', minIntervalMs: gap, clock, timeoutMs: 5000 });
  const plans = fleet.profiles.map((p) => p.plan);
  expect((await harvestArxiv({ store, http: http(3000), clock, runId: fleet.runId, plans, oaiUrl: `${oai.baseUrl}/oai`, apiUrl: `${api.baseUrl}/api/query` })).status).toBe('done');
  const night = await harvestDblpNight({ store, http: http(1000), dumpHttp: fetchStreamGet({ userAgent: 'profile-sync/0.1' }), dumpAbove: 0, clock, runId: fleet.runId, plans, baseUrl: dblp.baseUrl, dumpUrl: `${dblp.baseUrl}/xml/dblp.xml.gz`, dtdUrl: `${dblp.baseUrl}/xml/dblp.dtd` });
  expect(night.status).toBe('done');
  dblpPath = night.path;
  dblpRequests = dblp.requests.length;
  for (const p of fleet.profiles) {
    const m = await store.get(manifestKey(p.input.profile, fleet.runId, 'dblp'));
    dblpReports.set(p.input.profile, JSON.parse(new TextDecoder().decode(m!.body)) as SourceReport);
    const out = await reconcileStage({ input: p.input, decisions: NO_DECISIONS, store, runId: fleet.runId, now: new Date(clock.now()) });
    candidates.set(p.input.profile, out.report.candidates);
  }
}, 120_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('accuracy at department scale with dblp from its daily dump', () => {
  it('read every profile from the dump in two dblp requests', () => {
    expect(dblpPath).toBe('dump');
    expect(dblpRequests).toBe(2);
    for (const [profile, r] of dblpReports) {
      expect(r.status, profile).toBe('ok');
      expect(r.dumpOf, profile).toBeDefined();
      expect(r.records, profile).toBeGreaterThan(0);
    }
  });

  itProposesByTheFleetsTruth(fleet, candidates);

  it("a dblp namesake's paper never reaches the profile", () => {
    expect(namesakeRecords.size).toBeGreaterThan(0);
    for (const [profile, key] of namesakeRecords) {
      expect(dblpReports.get(profile)?.details?.['homonyms'], profile).toEqual([expect.objectContaining({ name: expect.stringMatching(/ 0002$/) })]);
      for (const c of candidates.get(profile) ?? []) expect(JSON.stringify(c), profile).not.toContain(key);
    }
  });
});
