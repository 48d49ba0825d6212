/**
 * The dblp harvest in chunks (one person page per profile, ≥ 1 s apart, stopping
 * at the invocation's deadline, conditional requests, the author search only
 * until a pid is known) and the id_list step that closes arXiv gaps with
 * lookups batched across profiles (POST for long lists) — against loopback
 * servers, on virtual time.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeArxivGaps } from '../../src/harvest/arxiv-gaps.ts';
import { readHoldings } from '../../src/harvest/arxiv-holdings.ts';
import { readIdIndex } from '../../src/harvest/arxiv-id-index.ts';
import { dblpStateKey } from '../../src/harvest/dblp-person.ts';
import { dblpProgressKey, harvestDblpChunk, readDblpOutcomes } from '../../src/harvest/harvest-dblp.ts';
import { VirtualClock } from '../../src/sources/clock.ts';
import { PoliteHttp } from '../../src/sources/http/polite-http.ts';
import { manifestKey, type SourceReport } from '../../src/sources/source-report.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { dblpAuthorSearch } from '../helpers/dblp-builder.ts';
import { buildFleet, type Fleet } from '../helpers/fleet-builder.ts';
import { atomRoute, dblpRoute } from '../helpers/fleet-servers.ts';
import { installFleet } from '../helpers/fleet-store.ts';
import { startLoopback, type LoopbackServer, type Reply, type SeenRequest } from '../helpers/loopback-server.ts';
import { WATCHDOG } from '../helpers/watchdog.ts';

vi.setConfig({ ...WATCHDOG.harvest });

let servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

const NIGHT = Date.parse('2026-11-28T03:15:00Z');
const manifestOf = async (store: FsStore, profile: string, runId: string) => JSON.parse(new TextDecoder().decode((await store.get(manifestKey(profile, runId, 'dblp')))!.body)) as SourceReport;

async function rig(fleet: Fleet, route: (req: SeenRequest) => Reply, o: { backfilled?: boolean | 'index' } = {}) {
  const clock = new VirtualClock(NIGHT);
  const arrivals: number[] = [];
  const server = await startLoopback((req) => {
    arrivals.push(clock.now());
    return route(req);
  });
  servers.push(server);
  const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-dblp-')));
  await installFleet(store, fleet, { canonical: false, ...o });
  const http = (gap: number) => new PoliteHttp({ userAgent: 'profile-sync/0.1 (mailto:dept@example.org)', minIntervalMs: gap, clock });
  return { clock, arrivals, server, store, http, plans: fleet.profiles.map((p) => p.plan) };
}

describe('dblp harvest in chunks', () => {
  it('one person page per profile, ≥ 1 s apart; stops at the deadline and the next call goes on; the next night is conditional (304 reuses the stored page)', async () => {
    const fleet = buildFleet({ profiles: 5, noise: 0, works: [3, 5] });
    const r = await rig(fleet, dblpRoute(fleet.profiles));
    const first = await harvestDblpChunk({ store: r.store, http: r.http(1000), clock: r.clock, runId: fleet.runId, plans: r.plans, baseUrl: r.server.baseUrl, deadline: NIGHT + 2500 });
    expect(first).toMatchObject({ status: 'partial', profiles: 3, remaining: 2, requests: 3 });
    const second = await harvestDblpChunk({ store: r.store, http: r.http(1000), clock: r.clock, runId: fleet.runId, plans: r.plans, baseUrl: r.server.baseUrl });
    expect(second).toMatchObject({ status: 'done', profiles: 2, remaining: 0 });
    expect(r.server.requests.map((q) => q.url)).toEqual(fleet.profiles.map((p) => `/pid/${p.pid}.xml`));
    const gaps = r.arrivals.slice(1).map((t, i) => t - r.arrivals[i]!);
    expect(gaps.slice(0, 2).every((g) => g >= 1000)).toBe(true);
    for (const p of fleet.profiles) {
      const m = await manifestOf(r.store, p.input.profile, fleet.runId);
      expect(m).toMatchObject({ status: 'ok', records: p.dblpRecords.length, documents: [{ purpose: 'person', key: `raw/${p.input.profile}/${fleet.runId}/dblp-1.xml` }] });
      expect([...(m.arxivIds ?? [])].sort()).toEqual(p.held.map((h) => h.id).sort());
    }
    expect((await readDblpOutcomes(r.store, fleet.runId)).size).toBe(5);

    // Next night: the validators go back; the server says 304; the stored page is used.
    const night2 = '20261129T031500Z';
    const third = await harvestDblpChunk({ store: r.store, http: r.http(1000), clock: r.clock, runId: night2, plans: r.plans, baseUrl: r.server.baseUrl });
    expect(third).toMatchObject({ status: 'done', notModified: 5 });
    expect(r.server.requests.slice(5).every((q) => typeof q.headers['if-none-match'] === 'string' && q.headers['if-modified-since'] === 'Sun, 01 Nov 2026 00:00:00 GMT')).toBe(true);
    const m2 = await manifestOf(r.store, fleet.profiles[0]!.input.profile, night2);
    expect(m2.reasons[0]).toContain(`not modified since run ${fleet.runId} (HTTP 304)`);
    expect(new TextDecoder().decode((await r.store.get(m2.documents[0]!.key))!.body)).toBe(new TextDecoder().decode((await r.store.get(`raw/${fleet.profiles[0]!.input.profile}/${fleet.runId}/dblp-1.xml`))!.body));
  });

  it('an invocation killed before saving its progress: the next one finds the pages already written and asks only for the rest', async () => {
    const fleet = buildFleet({ profiles: 6, noise: 0, works: [2, 3] });
    const r = await rig(fleet, dblpRoute(fleet.profiles));
    await harvestDblpChunk({ store: r.store, http: r.http(1000), clock: r.clock, runId: fleet.runId, plans: r.plans, baseUrl: r.server.baseUrl, deadline: NIGHT + 2500 });
    // The progress document as a killed invocation would have left it (no save yet).
    await r.store.put(dblpProgressKey(fleet.runId), `${JSON.stringify({ next: 0, chunks: 0 })}\n`, { contentType: 'application/json' });
    const resumed = await harvestDblpChunk({ store: r.store, http: r.http(1000), clock: r.clock, runId: fleet.runId, plans: r.plans, baseUrl: r.server.baseUrl });
    expect(resumed).toMatchObject({ status: 'done', requests: 3 });
    expect(r.server.requests.map((q) => q.url)).toEqual(fleet.profiles.map((p) => `/pid/${p.pid}.xml`));
  });

  it('without a pid: the author search identifies the owner once; later nights ask for the person page only', async () => {
    const fleet = buildFleet({ profiles: 1, noise: 0, works: [4, 4] });
    const p = fleet.profiles[0]!;
    const plan = { ...p.plan, sources: { ...p.plan.sources, dblp: { enabled: true, minIntervalSeconds: 1 } } }; // no pid configured
    const pages = dblpRoute(fleet.profiles);
    const r = await rig(fleet, (req) => (req.url.startsWith('/search/author/api') ? { status: 200, headers: { 'Content-Type': 'application/json' }, body: dblpAuthorSearch(p.input.cv.person.name, [{ name: p.input.cv.person.name, pid: p.pid }]) } : pages(req)));
    await harvestDblpChunk({ store: r.store, http: r.http(1000), clock: r.clock, runId: fleet.runId, plans: [plan], baseUrl: r.server.baseUrl });
    expect(r.server.requests.map((q) => q.url.split('?')[0])).toEqual(['/search/author/api', `/pid/${p.pid}.xml`]);
    expect(JSON.parse(new TextDecoder().decode((await r.store.get(dblpStateKey(p.input.profile)))!.body))).toMatchObject({ pid: p.pid });
    await harvestDblpChunk({ store: r.store, http: r.http(1000), clock: r.clock, runId: '20261129T031500Z', plans: [plan], baseUrl: r.server.baseUrl });
    expect(r.server.requests.slice(2).map((q) => q.url)).toEqual([`/pid/${p.pid}.xml`]);
  });
});

describe('id_list gaps, batched across profiles', () => {
  it('IDs from CVs and tonight’s dblp CoRR records that the holdings lack: one POST for all profiles; found ones join the holdings, missing ones are not asked again for 30 days; a steady night asks nothing', async () => {
    const fleet = buildFleet({ profiles: 40, noise: 0, works: [8, 10] });
    const atom = atomRoute(fleet);
    const r = await rig(fleet, (req) => (req.url.startsWith('/pid/') ? dblpRoute(fleet.profiles)(req) : atom(req)), { backfilled: 'index' });
    // Holdings lack everything (index only has… nothing held): start from an index without IDs.
    await r.store.put('harvest/_arxiv/index.json', `${JSON.stringify({ schemaVersion: 1, profiles: Object.fromEntries(fleet.profiles.map((p) => [p.input.profile, { ids: [], backfill: '20261001T031500Z' }])) })}\n`, { contentType: 'application/json' });
    // An ID in one CV that arXiv does not have.
    const plans = r.plans.map((p, i) => (i === 0 ? { ...p, arxivIds: [...p.arxivIds, '2601.99999'] } : p));
    await harvestDblpChunk({ store: r.store, http: r.http(1000), clock: r.clock, runId: fleet.runId, plans, baseUrl: r.server.baseUrl });
    const before = r.server.requests.length;
    const gaps = await closeArxivGaps({ store: r.store, http: r.http(3000), clock: r.clock, runId: fleet.runId, plans, apiUrl: `${r.server.baseUrl}/api/query`, batchSize: 1000 });
    const all = new Set(fleet.profiles.flatMap((p) => p.held.map((h) => h.id)));
    expect(gaps).toMatchObject({ asked: all.size + 1, found: all.size, missing: 1, requests: 1, status: 'ok' });
    const post = r.server.requests[before]!;
    expect(post.method).toBe('POST');
    expect(post.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(post.body).get('id_list')!.split(',')).toHaveLength(all.size + 1);
    for (const p of fleet.profiles.slice(0, 5)) {
      const h = (await readHoldings(r.store, p.input.profile))!.holdings;
      expect(Object.keys(h.entries).sort()).toEqual(p.held.map((x) => x.id).sort());
      expect(Object.values(h.entries).every((e) => e.via === 'id_list' && e.matched === 'id')).toBe(true);
    }
    expect((await readHoldings(r.store, fleet.profiles[0]!.input.profile))!.holdings.notFound).toEqual({ '2601.99999': fleet.runId });
    expect((await readIdIndex(r.store)).index.get(fleet.profiles[0]!.input.profile)?.missing).toEqual({ '2601.99999': fleet.runId });

    // The next night: nothing left to ask (the missing ID waits 30 days).
    const next = '20261129T031500Z';
    await harvestDblpChunk({ store: r.store, http: r.http(1000), clock: r.clock, runId: next, plans, baseUrl: r.server.baseUrl });
    const quiet = await closeArxivGaps({ store: r.store, http: r.http(3000), clock: r.clock, runId: next, plans, apiUrl: `${r.server.baseUrl}/api/query` });
    expect(quiet).toMatchObject({ asked: 0, requests: 0 });
  });

  it('a first night with many gaps stops at its deadline ("partial"); the call again asks only what is left, with new page names; every ID is asked once', async () => {
    const fleet = buildFleet({ profiles: 30, noise: 0, works: [8, 10] });
    const atom = atomRoute(fleet);
    const r = await rig(fleet, (req) => (req.url.startsWith('/pid/') ? dblpRoute(fleet.profiles)(req) : atom(req)), { backfilled: 'index' });
    await r.store.put('harvest/_arxiv/index.json', `${JSON.stringify({ schemaVersion: 1, profiles: Object.fromEntries(fleet.profiles.map((p) => [p.input.profile, { ids: [], backfill: '20261001T031500Z' }])) })}\n`, { contentType: 'application/json' });
    await harvestDblpChunk({ store: r.store, http: r.http(1000), clock: r.clock, runId: fleet.runId, plans: r.plans, baseUrl: r.server.baseUrl });
    const all = new Set(fleet.profiles.flatMap((p) => p.held.map((h) => h.id)));
    const asked: string[] = [];
    const call = (deadline: number) => closeArxivGaps({ store: r.store, http: r.http(3000), clock: r.clock, runId: fleet.runId, plans: r.plans, apiUrl: `${r.server.baseUrl}/api/query`, batchSize: 40, deadline });
    const before = r.server.requests.length;
    // Time for a few batches (3 s apart), then the deadline: no batch starts after it.
    const first = await call(r.clock.now() + 4000);
    expect(first.status).toBe('partial');
    expect(first.requests).toBeGreaterThan(0);
    expect(first.requests).toBeLessThan(Math.ceil(all.size / 40));
    expect(await r.store.get(`raw/_harvest/arxiv/${fleet.runId}/gaps-manifest.json`)).toBeUndefined();
    let last = first;
    for (let i = 0; i < 20 && last.status === 'partial'; i++) last = await call(r.clock.now() + 4000);
    expect(last.status).toBe('ok');
    for (const q of r.server.requests.slice(before)) asked.push(...(new URLSearchParams(q.method === 'POST' ? q.body : q.url.split('?')[1]).get('id_list') ?? '').split(','));
    expect(asked.sort()).toEqual([...all].sort()); // each once
    const pages = (await r.store.list(`raw/_harvest/arxiv/${fleet.runId}/`)).filter((k) => /id_list-\d+\.xml$/.test(k));
    expect(pages).toHaveLength(Math.ceil(all.size / 40));
    for (const p of fleet.profiles.slice(0, 5)) expect(Object.keys((await readHoldings(r.store, p.input.profile))!.holdings.entries).sort()).toEqual(p.held.map((x) => x.id).sort());
  });
});
