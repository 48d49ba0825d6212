/**
 * Accuracy at department scale, end to end through the per-source harvest:
 * a synthetic fleet whose night brings homonyms' papers (a profile's exact
 * name, other co-authors, another field), papers of two colleagues, new papers
 * and new versions; the real harvesters (OAI-PMH delta, dblp pages, id_list
 * gaps) against loopback servers, then each profile reconciled from its
 * holdings. No homonym's paper comes out high; a paper of two profiles is
 * proposed to both.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfileFromStore } from '../../src/canonical/load-from-store.ts';
import { closeArxivGaps } from '../../src/harvest/arxiv-gaps.ts';
import { harvestArxiv } from '../../src/harvest/harvest-arxiv.ts';
import { harvestDblpChunk } from '../../src/harvest/harvest-dblp.ts';
import type { ReconcileOutput } from '../../src/reconcile/reconcile.ts';
import { reconcileStage } from '../../src/reconcile/reconcile-stage.ts';
import { VirtualClock } from '../../src/sources/clock.ts';
import { PoliteHttp } from '../../src/sources/http/polite-http.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { buildFleet } from '../helpers/fleet-builder.ts';
import { atomRoute, dblpRoute, oaiRoute } from '../helpers/fleet-servers.ts';
import { installFleet } from '../helpers/fleet-store.ts';
import { startLoopback, type LoopbackServer } from '../helpers/loopback-server.ts';

const fleet = buildFleet({ profiles: 30, noise: 300, newPapers: 4, sharedPapers: 4, newVersions: 3, homonyms: 6, seed: 11 });
const outputs = new Map<string, ReconcileOutput>();
let server: LoopbackServer;

beforeAll(async () => {
  const clock = new VirtualClock(Date.parse('2026-11-28T03:15:00Z'));
  const oai = oaiRoute(fleet.delta);
  const dblp = dblpRoute(fleet.profiles);
  const atom = atomRoute(fleet);
  server = await startLoopback((req) => (req.url.startsWith('/oai') ? oai(req) : req.url.startsWith('/pid/') ? dblp(req) : atom(req)));
  const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-fleet-')));
  await installFleet(store, fleet);
  const plans = fleet.profiles.map((p) => p.plan);
  const http = (gap: number) => new PoliteHttp({ userAgent: 'profile-sync/0.1 (mailto:dept@example.org)', minIntervalMs: gap, clock, timeoutMs: 5000 });
  const common = { store, clock, runId: fleet.runId, plans };
  expect((await harvestArxiv({ ...common, http: http(3000), oaiUrl: `${server.baseUrl}/oai`, apiUrl: `${server.baseUrl}/api/query` })).status).toBe('done');
  expect((await harvestDblpChunk({ ...common, http: http(1000), baseUrl: server.baseUrl })).status).toBe('done');
  await closeArxivGaps({ ...common, http: http(3000), apiUrl: `${server.baseUrl}/api/query` });
  for (const p of fleet.profiles) {
    const input = await loadProfileFromStore(store, p.input.profile);
    outputs.set(p.input.profile, await reconcileStage({ input, decisions: input.decisions, store, runId: fleet.runId, now: new Date(clock.now()) }));
  }
}, 60_000);

afterAll(async () => {
  await server.close();
});

const candidate = (profile: string, id: string) => outputs.get(profile)!.report.candidates.find((c) => c.evidence.ids.includes(`arxiv:${id}`));

describe('accuracy of the per-source harvest across a department', () => {
  it("no homonym's paper at high confidence, for the namesake or anyone else; each is at most a low-confidence candidate of the namesake", () => {
    expect(fleet.truth.homonyms.length).toBeGreaterThanOrEqual(5);
    for (const h of fleet.truth.homonyms) {
      for (const [profile, out] of outputs) {
        const c = out.report.candidates.find((x) => x.evidence.ids.includes(`arxiv:${h.id}`));
        if (profile !== h.profile) expect(c).toBeUndefined();
        else expect(c?.confidence).toBe('low');
      }
    }
    const high = [...outputs.values()].flatMap((o) => o.report.candidates.filter((c) => c.confidence === 'high'));
    expect(high.filter((c) => fleet.truth.homonyms.some((h) => c.evidence.ids.includes(`arxiv:${h.id}`)))).toEqual([]);
  });

  it('a paper of two colleagues is proposed to both, with their shared co-authors as evidence', () => {
    expect(fleet.truth.shared.length).toBe(4);
    for (const s of fleet.truth.shared) {
      const [a, b] = s.profiles;
      for (const [me, other] of [
        [a, b],
        [b, a],
      ] as const) {
        const c = candidate(me, s.id);
        expect(c, `${s.id} for ${me}`).toBeDefined();
        expect(['high', 'medium']).toContain(c!.confidence);
        expect(c!.evidence.sharedCoauthors).toContain(fleet.profiles.find((p) => p.input.profile === other)!.input.cv.person.name);
      }
    }
  });

  it('new papers with CV co-authors come out high; new versions of held papers enrich the linked work; arXiv health says it was harvested once for all', () => {
    for (const n of fleet.truth.newPapers) expect(candidate(n.profile, n.id)?.confidence).toBe('high');
    for (const v of fleet.truth.newVersions) {
      const work = outputs.get(v.profile)!.profile.publications.find((w) => w.ids.arxiv === v.id);
      expect(work?.arxivVersion).toBe(2);
    }
    const health = outputs.get(fleet.profiles[0]!.input.profile)!.report.sources.find((s) => s.source === 'arxiv')!;
    expect(health.status).toBe('ok');
    expect(health.reasons[0]).toMatch(/^arXiv harvested once for all profiles \(OAI-PMH delta: \d+ records/);
    expect(health.dataFrom).toMatch(/^holdings /);
  });

  it('every canonical work with an arXiv ID is linked from the holdings (recall of the per-source path)', () => {
    for (const p of fleet.profiles) {
      const out = outputs.get(p.input.profile)!;
      for (const pub of p.input.cv.publications.filter((x) => x.ids?.arxiv)) expect(out.links.get(pub.id)).toContain(`arxiv:${pub.ids!.arxiv!}`);
    }
  });
});
