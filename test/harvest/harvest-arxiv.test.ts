/**
 * The nightly per-source arXiv harvest against a loopback OAI-PMH server in
 * the 2025 service's layout (synthetic records), on virtual time: the delta by
 * datestamp from the watermark, resumption tokens, OAI-PMH's own answers, 503
 * flow control, resuming after a deadline or a retry, matching against every
 * profile, first backfills, and requests that do not grow with the fleet.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readHoldings } from '../../src/harvest/arxiv-holdings.ts';
import { readIdIndex } from '../../src/harvest/arxiv-id-index.ts';
import { harvestArxiv, WATERMARK_KEY, type ArxivHarvestOptions } from '../../src/harvest/harvest-arxiv.ts';
import { VirtualClock } from '../../src/sources/clock.ts';
import { PoliteHttp } from '../../src/sources/http/polite-http.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { buildFleet, type Fleet } from '../helpers/fleet-builder.ts';
import { atomRoute, oaiRoute } from '../helpers/fleet-servers.ts';
import { installFleet } from '../helpers/fleet-store.ts';
import { startLoopback, type LoopbackServer, type Reply, type SeenRequest } from '../helpers/loopback-server.ts';
import { listRecordsPage, oaiErrorPage } from '../helpers/oai-builder.ts';
import { WATCHDOG } from '../helpers/watchdog.ts';

vi.setConfig({ ...WATCHDOG.harvest });

let servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

const NIGHT = Date.parse('2026-11-28T03:15:00Z');

async function rig(fleet: Fleet, route: (req: SeenRequest, n: number) => Reply = oaiRoute(fleet.delta, 500), o: { backfilled?: boolean | 'index'; canonical?: boolean } = {}) {
  const clock = new VirtualClock(NIGHT);
  const arrivals: number[] = [];
  const oai = await startLoopback((req, n) => {
    arrivals.push(clock.now());
    return route(req, n);
  });
  const api = await startLoopback((req) => {
    arrivals.push(clock.now());
    return atomRoute(fleet)(req);
  });
  servers.push(oai, api);
  const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-harvest-')));
  await installFleet(store, fleet, o);
  const http = new PoliteHttp({ userAgent: 'profile-sync/0.1 (mailto:dept@example.org)', minIntervalMs: 3000, clock });
  const opts: ArxivHarvestOptions = { store, http, clock, runId: fleet.runId, plans: fleet.profiles.map((p) => p.plan), oaiUrl: `${oai.baseUrl}/oai`, apiUrl: `${api.baseUrl}/api/query` };
  return { clock, arrivals, store, http, opts, oai, api };
}

const gaps = (t: number[]) => t.slice(1).map((x, i) => x - t[i]!);
const decode = (url: string) => decodeURIComponent(url);

describe('nightly arXiv harvest (OAI-PMH, once for all profiles)', () => {
  it('asks for the delta by datestamp and follows the resumption token; 3 s apart; matches new papers, shared papers, new versions and homonyms to the right profiles', async () => {
    const fleet = buildFleet({ profiles: 12, noise: 600, newPapers: 2, sharedPapers: 2, newVersions: 2, homonyms: 2 });
    const r = await rig(fleet);
    const result = await harvestArxiv(r.opts);
    expect(result).toMatchObject({ status: 'done', from: '2026-11-27', until: '2026-11-27', pages: 2, requests: 2, records: fleet.delta.length });
    expect(r.oai.requests.map((q) => decode(q.url))[0]).toBe('/oai?verb=ListRecords&metadataPrefix=arXivRaw&from=2026-11-27&until=2026-11-27');
    expect(r.oai.requests[1]!.url).toMatch(/^\/oai\?verb=ListRecords&resumptionToken=verb%253DListRecords%2526metadataPrefix%253DarXivRaw.*skip%253D500$/);
    expect(r.oai.requests[0]!.headers['user-agent']).toBe('profile-sync/0.1 (mailto:dept@example.org)');
    expect(gaps(r.arrivals).every((g) => g >= 3000)).toBe(true);

    for (const t of fleet.truth.newPapers) expect(Object.keys((await readHoldings(r.store, t.profile))!.holdings.entries)).toContain(t.id);
    for (const t of fleet.truth.homonyms) expect((await readHoldings(r.store, t.profile))!.holdings.entries[t.id]?.matched).toBe('name'); // reconcile weighs it
    for (const t of fleet.truth.shared) for (const p of t.profiles) expect((await readHoldings(r.store, p))!.holdings.entries[t.id]).toBeDefined();
    for (const t of fleet.truth.newVersions) {
      const e = (await readHoldings(r.store, t.profile))!.holdings.entries[t.id]!;
      expect(e).toMatchObject({ via: 'oai', matched: 'id', datestamp: '2026-11-27' });
      expect(e.record.version).toBe(2);
      expect(e.raw).toMatch(/^raw\/_harvest\/arxiv\/20261128T031500Z\/oai-all-\d\.xml$/);
    }
    // No profile took a record that is not theirs.
    const expected = new Map<string, Set<string>>();
    const want = (p: string, id: string) => expected.set(p, (expected.get(p) ?? new Set()).add(id));
    for (const t of [...fleet.truth.newPapers, ...fleet.truth.homonyms]) want(t.profile, t.id);
    // A new version reaches every profile holding the paper (a work shared with a colleague: both).
    for (const t of fleet.truth.newVersions) for (const p of fleet.profiles) if (p.held.some((h) => h.id === t.id)) want(p.input.profile, t.id);
    for (const t of fleet.truth.shared) for (const p of t.profiles) want(p, t.id);
    for (const p of fleet.profiles) {
      const fromOai = Object.values((await readHoldings(r.store, p.input.profile))!.holdings.entries).filter((e) => e.via === 'oai').map((e) => e.record.id).sort();
      expect(fromOai).toEqual([...(expected.get(p.input.profile) ?? [])].sort());
    }
    expect(JSON.parse(new TextDecoder().decode((await r.store.get(WATERMARK_KEY))!.body))).toEqual({ datestamp: '2026-11-27', runId: fleet.runId });
    expect((await r.store.list('raw/_harvest/arxiv/20261128T031500Z/')).filter((k) => k.endsWith('.xml'))).toHaveLength(2);
  });

  it('the same delta costs the same requests whatever the number of profiles', async () => {
    const small = buildFleet({ profiles: 10, noise: 3000, seed: 3 });
    const large = buildFleet({ profiles: 1000, noise: 3000, seed: 3, works: [4, 6] });
    // The same night for both: the large fleet's delta served to both fleets (pages of 2,000, as arXiv's).
    const a = await rig(small, oaiRoute(large.delta), { backfilled: 'index', canonical: false });
    const b = await rig(large, oaiRoute(large.delta), { backfilled: 'index', canonical: false });
    const ra = await harvestArxiv(a.opts);
    const rb = await harvestArxiv(b.opts);
    expect(ra.requests).toBe(2);
    expect(rb.requests).toBe(ra.requests);
    expect(rb.matchedRecords).toBeGreaterThan(ra.matchedRecords);
  });

  it('whole days, each asked once: the next night asks for the day after the watermark; a quiet day (noRecordsMatch) is an empty delta that still moves it; missed nights are caught up; a second run the same day asks nothing', async () => {
    const fleet = buildFleet({ profiles: 4, noise: 10 });
    const r = await rig(fleet);
    await harvestArxiv(r.opts);
    const second = await harvestArxiv({ ...r.opts, runId: '20261129T031500Z' });
    expect(second).toMatchObject({ status: 'done', from: '2026-11-28', until: '2026-11-28', records: 0, requests: 1 });
    expect(decode(r.oai.requests.at(-1)!.url)).toBe('/oai?verb=ListRecords&metadataPrefix=arXivRaw&from=2026-11-28&until=2026-11-28');
    // Nights 3 and 4 missed; night 5 asks for the three days since the watermark.
    const fifth = await harvestArxiv({ ...r.opts, runId: '20261202T031500Z' });
    expect(fifth).toMatchObject({ from: '2026-11-29', until: '2026-12-01', status: 'done' });
    const sameDay = await harvestArxiv({ ...r.opts, runId: '20261202T231500Z' });
    expect(sameDay).toMatchObject({ status: 'done', requests: 0 });
    expect(JSON.parse(new TextDecoder().decode((await r.store.get(WATERMARK_KEY))!.body))).toMatchObject({ datestamp: '2026-12-01' });
  });

  it('badResumptionToken restarts the list once; a second one, or badArgument, fails the night: degraded, watermark kept, the server quoted', async () => {
    const fleet = buildFleet({ profiles: 3, noise: 700 });
    const serve = oaiRoute(fleet.delta, 500);
    let tokens = 0;
    const r = await rig(fleet, (req, n) => (req.url.includes('resumptionToken') && ++tokens <= 1 ? { status: 200, body: oaiErrorPage('badResumptionToken') } : serve(req)));
    expect(await harvestArxiv(r.opts)).toMatchObject({ status: 'done', pages: 3, requests: 4 });

    const bad = buildFleet({ profiles: 3, noise: 10 });
    const r2 = await rig(bad, () => ({ status: 200, body: oaiErrorPage('badArgument') }));
    const res = await harvestArxiv(r2.opts);
    expect(res.status).toBe('degraded');
    expect(await r2.store.get(WATERMARK_KEY)).toBeUndefined();
    const manifest = JSON.parse(new TextDecoder().decode((await r2.store.get(res.manifest!))!.body)) as { reasons: string[] };
    expect(manifest.reasons[0]).toContain('OAI-PMH badArgument: The request includes illegal arguments');
  });

  it.each([
    ['the same resumption token forever', (n: number) => ({ token: 'stuck-token', attrs: '' }), 'resumptionToken "stuck-token" given again (first with page 1, again with page 2): the list would never end; stopped', 2],
    ['a cursor that does not advance', (n: number) => ({ token: `t${n}`, attrs: ` cursor='0'` }), 'resumptionToken cursor="0" does not advance (it was 0 with the page before): stopped after 2 pages', 2],
    ['more records than completeListSize promised', (n: number) => ({ token: `t${n}`, attrs: ` cursor='${(n - 1) * 5}' completeListSize='12'` }), 'the list ran past the 12 records its completeListSize promised (15 read in 3 pages): stopped', 3],
  ])('a list that would never end (%s) is stopped: degraded, the server quoted, watermark kept', async (_label, tokenOf, reason, requests) => {
    const fleet = buildFleet({ profiles: 3, noise: 20 });
    const five = fleet.delta.slice(0, 5);
    const r = await rig(fleet, (_req, n) => {
      const { token, attrs } = tokenOf(n);
      return { status: 200, headers: { 'Content-Type': 'text/xml' }, body: listRecordsPage(five, { request: { verb: 'ListRecords' }, token }).replace('<resumptionToken ', `<resumptionToken${attrs} `) };
    });
    // Ten minutes of virtual time would be 200 requests at 3 s apart: the list is stopped long before.
    const res = await harvestArxiv({ ...r.opts, deadline: NIGHT + 600_000 });
    expect(res.status).toBe('degraded');
    expect(r.oai.requests).toHaveLength(requests);
    expect(await r.store.get(WATERMARK_KEY)).toBeUndefined();
    const manifest = JSON.parse(new TextDecoder().decode((await r.store.get(res.manifest!))!.body)) as { reasons: string[] };
    expect(manifest.reasons.join('\n')).toContain(reason);
    // and the next call does not ask again
    expect((await harvestArxiv({ ...r.opts, deadline: NIGHT + 1_200_000 })).requests).toBe(0);
  });

  it('503 with Retry-After is flow control: waits as asked, then goes on', async () => {
    const fleet = buildFleet({ profiles: 3, noise: 10 });
    const serve = oaiRoute(fleet.delta, 500);
    const r = await rig(fleet, (req, n) => (n === 1 ? { status: 503, headers: { 'Retry-After': '40', 'Content-Type': 'text/html' }, body: '<html><body>\n<h1>Retry after 40 seconds</h1>\n</body></html>\n' } : serve(req)));
    const res = await harvestArxiv(r.opts);
    expect(res.status).toBe('done');
    expect(r.oai.requests).toHaveLength(2);
    expect(r.arrivals[1]! - r.arrivals[0]!).toBeGreaterThanOrEqual(40_000);
  });

  it('stops at its deadline and goes on next call without asking again for stored pages; a retry after success asks nothing', async () => {
    const fleet = buildFleet({ profiles: 3, noise: 1200 });
    const r = await rig(fleet);
    const first = await harvestArxiv({ ...r.opts, deadline: NIGHT + 1 }); // room for one request
    expect(first).toMatchObject({ status: 'partial', pages: 1, requests: 1 });
    const second = await harvestArxiv(r.opts);
    expect(second).toMatchObject({ status: 'done', pages: 3, requests: 2 });
    expect(r.oai.requests).toHaveLength(3);
    const again = await harvestArxiv(r.opts);
    expect(again.requests).toBe(0);
    expect(r.oai.requests).toHaveLength(3);
  });

  it("first backfills: a profile without holdings gets the author query once, at most maxBackfills a night; the next night does not ask again", async () => {
    const fleet = buildFleet({ profiles: 3, noise: 5 });
    const r = await rig(fleet, oaiRoute(fleet.delta, 500), { backfilled: false });
    const res = await harvestArxiv({ ...r.opts, maxBackfills: 2 });
    expect(res.backfills).toEqual({ done: 2, pending: 1, failed: 0 });
    expect(r.api.requests.map((q) => decode(q.url))).toEqual(fleet.profiles.slice(0, 2).map((p) => `/api/query?search_query=au:${p.input.cv.person.name.split(' ').reverse().join('_')}&sortBy=submittedDate&sortOrder=descending&start=0&max_results=100`));
    const h = (await readHoldings(r.store, fleet.profiles[0]!.input.profile))!.holdings;
    expect(h.backfill?.runId).toBe(fleet.runId);
    expect(Object.values(h.entries).filter((e) => e.via === 'backfill').map((e) => e.record.id).sort()).toEqual(fleet.profiles[0]!.held.map((x) => x.id).sort());
    expect((await readIdIndex(r.store)).index.get(fleet.profiles[0]!.input.profile)?.backfill).toBe(fleet.runId);
    const next = await harvestArxiv({ ...r.opts, runId: '20261129T031500Z', maxBackfills: 2 });
    expect(next.backfills).toEqual({ done: 1, pending: 0, failed: 0 });
    expect(r.api.requests).toHaveLength(3);
  });
});
