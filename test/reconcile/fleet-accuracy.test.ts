/**
 * Issue 12's accuracy at scale, through the per-source path: a synthetic
 * department (test/helpers/fleet-builder.ts) with homonyms (a profile's exact
 * name with other co-authors, in another field) and papers of two colleagues
 * in tonight's OAI-PMH delta; the real nightly harvest (arXiv once for all,
 * dblp per person page) on loopback servers, then each profile's real
 * reconciliation from its holdings. No homonym's paper is proposed at high
 * confidence; a paper of two colleagues is proposed to both; each new paper
 * reaches its owner.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_DECISIONS } from '../../src/canonical/decisions.ts';
import { harvestArxiv } from '../../src/harvest/harvest-arxiv.ts';
import { harvestDblpChunk } from '../../src/harvest/harvest-dblp.ts';
import type { CandidateItem } from '../../src/model/report.ts';
import { reconcileStage } from '../../src/reconcile/reconcile-stage.ts';
import { VirtualClock } from '../../src/sources/clock.ts';
import { PoliteHttp } from '../../src/sources/http/polite-http.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { itProposesByTheFleetsTruth } from '../helpers/fleet-accuracy.ts';
import { buildFleet } from '../helpers/fleet-builder.ts';
import { atomRoute, dblpRoute, oaiRoute } from '../helpers/fleet-servers.ts';
import { installFleet } from '../helpers/fleet-store.ts';
import { startLoopback, type LoopbackServer } from '../helpers/loopback-server.ts';

const fleet = buildFleet({ profiles: 16, noise: 400, newPapers: 3, sharedPapers: 3, newVersions: 2, homonyms: 4 });
const servers: LoopbackServer[] = [];
const candidates = new Map<string, readonly CandidateItem[]>();

/** The candidate of a profile's report that carries this arXiv ID. */

beforeAll(async () => {
  const start = Date.parse(`${fleet.night}T03:15:00Z`);
  const clock = new VirtualClock(start);
  const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-fleet-acc-')));
  await installFleet(store, fleet);
  const oai = await startLoopback(oaiRoute(fleet.delta, 500));
  const api = await startLoopback(atomRoute(fleet));
  const dblp = await startLoopback(dblpRoute(fleet.profiles));
  servers.push(oai, api, dblp);
  const http = (gap: number) => new PoliteHttp({ userAgent: 'profile-sync/0.1 (mailto:dept@example.org)', minIntervalMs: gap, clock, timeoutMs: 5000 });
  const plans = fleet.profiles.map((p) => p.plan);
  const arxiv = await harvestArxiv({ store, http: http(3000), clock, runId: fleet.runId, plans, oaiUrl: `${oai.baseUrl}/oai`, apiUrl: `${api.baseUrl}/api/query` });
  expect(arxiv.status).toBe('done');
  const dblpResult = await harvestDblpChunk({ store, http: http(1000), clock, runId: fleet.runId, plans, baseUrl: dblp.baseUrl });
  expect(dblpResult.status).toBe('done');
  for (const p of fleet.profiles) {
    const out = await reconcileStage({ input: p.input, decisions: NO_DECISIONS, store, runId: fleet.runId, now: new Date(clock.now()) });
    candidates.set(p.input.profile, out.report.candidates);
  }
}, 120_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('accuracy at department scale (per-source harvest, then reconciliation from holdings)', () => {
  itProposesByTheFleetsTruth(fleet, candidates);

  it("nobody else's paper reaches a profile: every candidate is the profile's by the fleet's truth", () => {
    const theirs = new Set([...fleet.truth.newPapers.map((t) => `${t.profile} ${t.id}`), ...fleet.truth.homonyms.map((t) => `${t.profile} ${t.id}`), ...fleet.truth.shared.flatMap((t) => t.profiles.map((p) => `${p} ${t.id}`))]);
    const tonight = new Set([...fleet.truth.newPapers, ...fleet.truth.homonyms, ...fleet.truth.shared].map((t) => t.id));
    for (const [profile, list] of candidates) {
      for (const c of list) {
        const id = [...tonight].find((x) => c.versions.some((v) => v.includes(x)));
        if (id) expect(theirs.has(`${profile} ${id}`), `${profile} got ${id}`).toBe(true);
      }
    }
  });
});
