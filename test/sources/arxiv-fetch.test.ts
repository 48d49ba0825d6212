/**
 * The arXiv fetcher against a real HTTP server on 127.0.0.1 that serves
 * real-format feeds and injects faults. Time is virtual: the spacing between
 * requests is asserted without waiting for it.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchArxiv, type ArxivFetchPlan } from '../../src/sources/arxiv/fetch-arxiv.ts';
import { VirtualClock } from '../../src/sources/clock.ts';
import { PoliteHttp, type PoliteHttpOptions } from '../../src/sources/http/polite-http.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { atomFeed, type AtomEntry } from '../helpers/atom-builder.ts';
import { startLoopback, type LoopbackServer, type Reply, type SeenRequest } from '../helpers/loopback-server.ts';
import { REPO } from '../helpers/paths.ts';

const fixture = (name: string) => readFileSync(join(REPO, 'test', 'fixtures', 'arxiv', name), 'utf8');
const atom = (body: string, status = 200): Reply => ({ status, headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' }, body });

const paper = (id: string, published: string, title = `Paper ${id}`): AtomEntry => ({
  id,
  title,
  published,
  authors: ['Sanghyuk Chun', 'Seong Joon Oh'],
});

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function rig(route: (req: SeenRequest, n: number) => Reply, http: Partial<PoliteHttpOptions> = {}) {
  const clock = new VirtualClock();
  const arrivals: number[] = [];
  server = await startLoopback((req, n) => {
    arrivals.push(clock.now());
    return route(req, n);
  });
  const client = new PoliteHttp({
    userAgent: 'profile-sync/0.1 (mailto:owner@example.org)',
    minIntervalMs: 3000,
    clock,
    timeoutMs: 2000,
    ...http,
  });
  const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-arxiv-')));
  const deps = { http: client, store, clock, baseUrl: `${server.baseUrl}/api/query` };
  return { clock, arrivals, client, store, deps, server };
}

const plan = (over: Partial<ArxivFetchPlan> = {}): ArxivFetchPlan => ({
  profile: 'sanghyuk-chun',
  runId: '20261128T030000Z',
  knownIds: [],
  authorNames: [],
  discoverMaxResults: 200,
  pageSize: 100,
  ...over,
});

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

describe('arXiv fetch: queries and politeness', () => {
  it('discovers by author, then asks id_list only for known IDs discovery did not return; raw bytes stored exactly', async () => {
    const discovery = atomFeed([paper('2602.16704', '2026-02-18T18:00:00Z'), paper('1905.04899', '2019-05-13T09:40:59Z')], {
      query: 'search_query=au:Chun_Sanghyuk&id_list=&start=0&max_results=100',
      totalResults: 2,
      itemsPerPage: 100,
    });
    const byId = fixture('new-id-list.xml');
    const r = await rig((req) => (req.url.includes('search_query=') ? atom(discovery) : atom(byId)));
    const report = await fetchArxiv(plan({ authorNames: ['Sanghyuk Chun'], knownIds: ['1905.04899', '2006.08217v2', '2312.99999', 'not-an-id'] }), r.deps);

    expect(r.server.requests.map((q) => decodeURIComponent(q.url))).toEqual([
      '/api/query?search_query=au:Chun_Sanghyuk&sortBy=submittedDate&sortOrder=descending&start=0&max_results=100',
      '/api/query?id_list=2006.08217,2312.99999&start=0&max_results=2',
    ]);
    expect(r.server.requests[0]!.headers['user-agent']).toBe('profile-sync/0.1 (mailto:owner@example.org)');
    expect(report).toMatchObject({ source: 'arxiv', status: 'ok', records: 3, mode: 'live' });
    expect(report.reasons).toEqual(['IDs not found on arXiv: 2312.99999']);
    expect(report.documents.map((d) => d.key)).toEqual(['raw/sanghyuk-chun/20261128T030000Z/arxiv-1.xml', 'raw/sanghyuk-chun/20261128T030000Z/arxiv-2.xml']);
    expect(Buffer.from((await r.store.get(report.documents[0]!.key))!.body).equals(Buffer.from(discovery))).toBe(true);
    expect(Buffer.from((await r.store.get(report.documents[1]!.key))!.body).equals(Buffer.from(byId))).toBe(true);
    const manifest = JSON.parse(new TextDecoder().decode((await r.store.get('raw/sanghyuk-chun/20261128T030000Z/arxiv-manifest.json'))!.body));
    expect(manifest).toMatchObject({ status: 'ok', details: { missingIds: ['2312.99999'] } });
    expect(gaps(r.arrivals)).toEqual([3000]);
  });

  it('pages newest first and stops at the configured date', async () => {
    const pages = [
      [paper('2602.16704', '2026-02-18T00:00:00Z'), paper('2410.18857', '2024-10-24T00:00:00Z')],
      [paper('2101.05068', '2021-01-13T00:00:00Z'), paper('1905.04899', '2019-05-13T00:00:00Z')],
      [paper('1811.00001', '2018-11-01T00:00:00Z'), paper('1701.00001', '2017-01-02T00:00:00Z')],
    ];
    const r = await rig((req) => {
      const start = Number(/start=(\d+)/.exec(req.url)?.[1]);
      return atom(atomFeed(pages[start / 2] ?? [], { query: 'q', totalResults: 6, startIndex: start, itemsPerPage: 2 }));
    });
    const report = await fetchArxiv(plan({ authorNames: ['Sanghyuk Chun'], pageSize: 2, discoverSince: '2020-01-01' }), r.deps);
    expect(r.server.requests.map((q) => /start=(\d+)/.exec(q.url)?.[1])).toEqual(['0', '2']);
    expect(report.records).toBe(4);
    expect(gaps(r.arrivals)).toEqual([3000]);
  });

  it('stops discovery at the configured count', async () => {
    const r = await rig((req) => {
      const start = Number(/start=(\d+)/.exec(req.url)?.[1]);
      return atom(atomFeed([paper(`2601.${String(10000 + start)}`, '2026-01-01T00:00:00Z'), paper(`2601.${String(20000 + start)}`, '2026-01-01T00:00:00Z')], { query: 'q', totalResults: 100, startIndex: start }));
    });
    await fetchArxiv(plan({ authorNames: ['Sanghyuk Chun'], pageSize: 2, discoverMaxResults: 5 }), r.deps);
    expect(r.server.requests).toHaveLength(3);
  });

  it('a server that ignores start (the same page again) stops the paging at once, degraded and said', async () => {
    const r = await rig(() => atom(atomFeed([paper('2602.16704', '2026-02-18T00:00:00Z'), paper('2410.18857', '2024-10-24T00:00:00Z')], { query: 'q', totalResults: 5000, startIndex: 0, itemsPerPage: 2 })));
    const report = await fetchArxiv(plan({ authorNames: ['Sanghyuk Chun'], pageSize: 2, discoverMaxResults: 1000 }), r.deps);
    // Page 2 repeats page 1: no third request, the records counted once.
    expect(r.server.requests.map((q) => /start=(\d+)/.exec(q.url)?.[1])).toEqual(['0', '2']);
    expect(report.records).toBe(2);
    expect(report.status).toBe('degraded');
    expect(report.reasons).toContain('author-discovery page 2 (start=2) repeats records already read: paging stopped (the source did not advance)');
  });

  it('batches id_list requests (100 IDs each) and keeps at least the configured gap between them', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `2001.${String(10000 + i)}`);
    const r = await rig((req) => {
      const asked = /id_list=([^&]+)/.exec(req.url)![1]!.split(',').map(decodeURIComponent);
      return atom(atomFeed(asked.map((id) => paper(id, '2020-01-01T00:00:00Z')), { query: 'q', totalResults: asked.length }));
    }, { minIntervalMs: 5000 });
    const report = await fetchArxiv(plan({ knownIds: ids }), r.deps);
    expect(r.server.requests.map((q) => /id_list=([^&]+)/.exec(q.url)![1]!.split(',').length)).toEqual([100, 50]);
    expect(report).toMatchObject({ status: 'ok', records: 150 });
    expect(gaps(r.arrivals)).toEqual([5000]);
  });

  it('one request in flight: concurrent callers are serialised and spaced', async () => {
    const r = await rig(() => ({ delayMs: 30, then: atom(fixture('new-empty.xml')) }));
    let inFlight = 0;
    let maxInFlight = 0;
    const track = async (url: string) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await r.client.get(url);
      } finally {
        inFlight--;
      }
    };
    // All three are issued at once; the server must still see them one at a time.
    await Promise.all([1, 2, 3].map((n) => track(`${r.server.baseUrl}/api/query?n=${n}`)));
    expect(maxInFlight).toBe(3); // callers waited concurrently...
    expect(gaps(r.arrivals)).toEqual([3000, 3000]); // ...but requests were spaced on the wire
  });
});

describe('arXiv fetch: faults', () => {
  const good = () => atom(fixture('new-id-list.xml'));
  const known = plan({ knownIds: ['1905.04899', '2006.08217'] });

  it('429 with Retry-After in seconds: waits as asked, then succeeds', async () => {
    const r = await rig((_req, n) => (n === 1 ? { status: 429, headers: { 'Retry-After': '7', 'Content-Type': 'text/plain' }, body: 'Rate exceeded.' } : good()));
    const report = await fetchArxiv(known, r.deps);
    expect(report.status).toBe('ok');
    expect(gaps(r.arrivals)).toEqual([7000]);
    expect(report.requests).toEqual([expect.objectContaining({ status: 200, attempts: 2, outcome: 'ok' })]);
  });

  it('429 with Retry-After as an HTTP date: waits until then (never less than the 3 s gap)', async () => {
    const r0 = new VirtualClock();
    const at = new Date(r0.now() + 12_000).toUTCString();
    const r = await rig((_req, n) => (n === 1 ? { status: 429, headers: { 'Retry-After': at } } : good()));
    await fetchArxiv(known, r.deps);
    // The date is 12 s after the clock's start; the first request happened at the start.
    expect(r.arrivals[1]! - r.arrivals[0]!).toBeGreaterThanOrEqual(12_000);
    expect(r.arrivals[1]! - r.arrivals[0]!).toBeLessThan(13_000);
  });

  it('503 twice: backs off 5 s then 10 s, then succeeds', async () => {
    const r = await rig((_req, n) => (n <= 2 ? { status: 503, body: 'Service Unavailable' } : good()));
    const report = await fetchArxiv(known, r.deps);
    expect(report.status).toBe('ok');
    expect(gaps(r.arrivals)).toEqual([5000, 10_000]);
  });

  it('connection reset, then a good answer', async () => {
    const r = await rig((_req, n) => (n === 1 ? { reset: true } : good()));
    const report = await fetchArxiv(known, r.deps);
    expect(report).toMatchObject({ status: 'ok', records: 2 });
  });

  it('a response slower than the timeout is abandoned and retried', async () => {
    const r = await rig((_req, n) => (n === 1 ? { delayMs: 1500, then: good() } : good()), { timeoutMs: 300 });
    const report = await fetchArxiv(known, r.deps);
    expect(report.status).toBe('ok');
    expect(r.server.requests).toHaveLength(2);
  });

  it('a truncated body (connection cut) is retried; a body cut inside the XML too', async () => {
    const text = fixture('new-id-list.xml');
    const r = await rig((_req, n) =>
      n === 1 ? { truncate: text.slice(0, 400), declared: text.length } : n === 2 ? atom(text.slice(0, 1200)) : good(),
    );
    const report = await fetchArxiv(known, r.deps);
    expect(report.status).toBe('ok');
    expect(r.server.requests).toHaveLength(3);
    // Only the complete document is stored.
    expect(report.documents).toHaveLength(1);
    expect(Buffer.from((await r.store.get(report.documents[0]!.key))!.body).toString()).toBe(text);
  });

  it('an HTML page instead of XML: retried, then degraded with what the body looked like', async () => {
    const r = await rig(() => ({ status: 200, headers: { 'Content-Type': 'text/html' }, body: fixture('denied.html') }));
    const report = await fetchArxiv(known, r.deps);
    expect(r.server.requests).toHaveLength(4); // bounded: maxAttempts
    expect(report.status).toBe('degraded');
    expect(report.reasons[0]).toMatch(/^id_list 1 \(2 IDs\): .*an HTML page, not a source document .*"Access Denied".*\(4 attempts\); body began: "<!DOCTYPE html> <html lang=\\"en\\"> <head><title>Access Denied/);
    expect(report.documents).toEqual([]);
  });

  it('the error feed with HTTP 400 is not retried and degrades with arXiv\'s message', async () => {
    const r = await rig(() => atom(fixture('new-error-400.xml'), 400));
    const report = await fetchArxiv(known, r.deps);
    expect(r.server.requests).toHaveLength(1);
    expect(report).toMatchObject({ status: 'degraded', reasons: ['id_list 1 (2 IDs): arXiv answered HTTP 400 with its error feed: incorrect id format for abc'] });
  });

  it('the legacy error feed with HTTP 200 is recognised too', async () => {
    const r = await rig(() => atom(fixture('legacy-error-200.xml')));
    const report = await fetchArxiv(known, r.deps);
    expect(report.reasons[0]).toMatch(/error feed: incorrect id format for 1234\.12345/);
  });

  it('an empty page followed by a good one: retried before believing it', async () => {
    const r = await rig((_req, n) => (n === 1 ? atom(fixture('new-empty.xml')) : good()));
    const report = await fetchArxiv(known, r.deps);
    expect(report).toMatchObject({ status: 'ok', records: 2 });
    expect(report.documents).toHaveLength(1);
  });

  it('bounded attempts: 503 forever ends after 4 requests as a degraded result, never a crash', async () => {
    const r = await rig(() => ({ status: 503 }));
    const report = await fetchArxiv(known, r.deps);
    expect(r.server.requests).toHaveLength(4);
    expect(gaps(r.arrivals)).toEqual([5000, 10_000, 20_000]);
    expect(report.status).toBe('degraded');
    expect(report.reasons[0]).toMatch(/HTTP 503 \(4 attempts\)/);
    expect(report.requests).toEqual([expect.objectContaining({ status: 503, attempts: 4, outcome: 'failed' })]);
  });

  it('a Retry-After longer than a run allows stops at once', async () => {
    const r = await rig(() => ({ status: 429, headers: { 'Retry-After': '3600' } }));
    const report = await fetchArxiv(known, r.deps);
    expect(r.server.requests).toHaveLength(1);
    expect(report.reasons[0]).toMatch(/asked to wait 3600 s/);
  });

  it('a body over the size limit is refused without retrying', async () => {
    const r = await rig(() => good(), { maxBytes: 1000 });
    const report = await fetchArxiv(known, r.deps);
    expect(r.server.requests).toHaveLength(1);
    expect(report.reasons[0]).toMatch(/larger than 1000 bytes/);
  });

  it('a failing discovery does not stop the id_list requests', async () => {
    const r = await rig((req) => (req.url.includes('search_query') ? { status: 500 } : good()));
    const report = await fetchArxiv(plan({ authorNames: ['Sanghyuk Chun'], knownIds: ['1905.04899', '2006.08217'] }), r.deps);
    expect(report.status).toBe('degraded');
    expect(report.records).toBe(2);
    expect(report.documents.map((d) => d.purpose)).toEqual(['id_list 1 (2 IDs)']);
  });
});
