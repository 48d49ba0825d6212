/** The dblp fetcher against a real loopback server with real-format documents and faults; virtual time. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/sources/clock.ts';
import { fetchDblp, type DblpFetchPlan } from '../../src/sources/dblp/fetch-dblp.ts';
import { PoliteHttp } from '../../src/sources/http/polite-http.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { dblpAuthorSearch, dblpPerson, type DblpRecordSpec } from '../helpers/dblp-builder.ts';
import { startLoopback, type LoopbackServer, type Reply, type SeenRequest } from '../helpers/loopback-server.ts';
import { REPO } from '../helpers/paths.ts';

const html429 = readFileSync(join(REPO, 'test', 'fixtures', 'dblp', 'too-many-requests.html'), 'utf8');
const xml = (body: string): Reply => ({ status: 200, headers: { 'Content-Type': 'application/xml' }, body });
const json = (body: string): Reply => ({ status: 200, headers: { 'Content-Type': 'application/json' }, body });

const paperWith = (key: string, coauthors: string[], pid: string, year = 2021): DblpRecordSpec => ({
  type: 'inproceedings',
  key,
  mdate: '2024-01-01',
  authors: [{ name: 'Sanghyuk Chun', pid }, ...coauthors.map((name, i) => ({ name, pid: `1${i}/${i}` }))],
  titleXml: `Paper ${key}.`,
  booktitle: 'CVPR',
  year,
});

const ownerPage = dblpPerson({
  name: 'Sanghyuk Chun',
  pid: '000/0001',
  mdate: '2026-11-01',
  records: [paperWith('conf/cvpr/A21', ['Seong Joon Oh', 'Sangdoo Yun'], '000/0001'), paperWith('conf/iccv/B21', ['Junsuk Choe'], '000/0001')],
});
const strangerPage = dblpPerson({
  name: 'Sanghyuk Chun 0002',
  pid: '000/0002',
  mdate: '2026-11-01',
  records: [paperWith('journals/chem/C20', ['Minjae Park'], '000/0002', 2020)],
});

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function rig(route: (req: SeenRequest, n: number) => Reply) {
  const clock = new VirtualClock();
  const arrivals: number[] = [];
  server = await startLoopback((req, n) => {
    arrivals.push(clock.now());
    return route(req, n);
  });
  const http = new PoliteHttp({ userAgent: 'profile-sync/0.1 (mailto:owner@example.org)', minIntervalMs: 1000, clock, timeoutMs: 2000 });
  const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-dblp-')));
  return { clock, arrivals, store, deps: { http, store, clock, baseUrl: server.baseUrl }, server };
}

const plan = (over: Partial<DblpFetchPlan> = {}): DblpFetchPlan => ({
  profile: 'sanghyuk-chun',
  runId: '20261128T030000Z',
  searchName: 'Sanghyuk Chun',
  ownerNames: ['Sanghyuk Chun', 'S. Chun'],
  canonicalCoauthors: ['Seong Joon Oh', 'Sangdoo Yun', 'Junsuk Choe', 'Dongyoon Han'],
  ...over,
});

describe('dblp fetch with a configured pid', () => {
  it('fetches /pid/<pid>.xml, stores the bytes unchanged, counts the records', async () => {
    const r = await rig(() => xml(ownerPage));
    const report = await fetchDblp(plan({ pid: '000/0001' }), r.deps);
    expect(r.server.requests.map((q) => q.url)).toEqual(['/pid/000/0001.xml']);
    expect(r.server.requests[0]!.headers['user-agent']).toMatch(/^profile-sync\/.*owner@example\.org/);
    expect(report).toMatchObject({ source: 'dblp', status: 'ok', records: 2, details: { pid: '000/0001' } });
    expect(report.documents).toEqual([expect.objectContaining({ key: 'raw/sanghyuk-chun/20261128T030000Z/dblp-1.xml', purpose: 'person' })]);
    expect(Buffer.from((await r.store.get(report.documents[0]!.key))!.body).toString()).toBe(ownerPage);
  });

  it('429 with Retry-After seconds and an HTML body: waits, then succeeds', async () => {
    const r = await rig((_q, n) => (n === 1 ? { status: 429, headers: { 'Retry-After': '30', 'Content-Type': 'text/html' }, body: html429 } : xml(ownerPage)));
    const report = await fetchDblp(plan({ pid: '000/0001' }), r.deps);
    expect(report.status).toBe('ok');
    expect(r.arrivals[1]! - r.arrivals[0]!).toBe(30_000);
  });

  it('429 with Retry-After as an HTTP date and an empty body', async () => {
    const date = new Date(new VirtualClock().now() + 20_000).toUTCString();
    const r = await rig((_q, n) => (n === 1 ? { status: 429, headers: { 'Retry-After': date } } : xml(ownerPage)));
    await fetchDblp(plan({ pid: '000/0001' }), r.deps);
    expect(r.arrivals[1]! - r.arrivals[0]!).toBeGreaterThanOrEqual(20_000);
    expect(r.arrivals[1]! - r.arrivals[0]!).toBeLessThan(21_000);
  });

  it('500, reset, timeout and truncated XML are retried until a good answer', async () => {
    const r = await rig((_q, n) =>
      n === 1 ? { status: 500 } : n === 2 ? { reset: true } : n === 3 ? { truncate: ownerPage.slice(0, 300), declared: ownerPage.length } : xml(ownerPage),
    );
    const report = await fetchDblp(plan({ pid: '000/0001' }), r.deps);
    expect(report.status).toBe('ok');
    expect(r.server.requests).toHaveLength(4);
  });

  it('a slow answer is abandoned at the timeout; a well-formed-looking but cut XML is retried; then degraded, not a crash', async () => {
    const r = await rig((_q, n) => (n === 1 ? { delayMs: 2500, then: xml(ownerPage) } : xml(ownerPage.slice(0, 500))));
    const report = await fetchDblp(plan({ pid: '000/0001' }), r.deps);
    expect(r.server.requests).toHaveLength(4);
    expect(report.status).toBe('degraded');
    expect(report.reasons[0]).toMatch(/^person: .*malformed XML.*\(4 attempts\)/);
    expect(report.documents).toEqual([]);
  });

  it('an unknown pid (404) is degraded with a readable reason', async () => {
    const r = await rig(() => ({ status: 404, body: 'Not Found' }));
    const report = await fetchDblp(plan({ pid: '999/9999' }), r.deps);
    expect(report).toMatchObject({ status: 'degraded', reasons: ['person: no dblp person with pid 999/9999 (HTTP 404)'] });
  });
});

describe('dblp fetch without a pid: finding the owner', () => {
  it('one plausible candidate (name matches, co-authors shared): picks it', async () => {
    const r = await rig((q) =>
      q.url.startsWith('/search/author/api') ? json(dblpAuthorSearch('Sanghyuk Chun', [{ name: 'Sanghyuk Chun', pid: '000/0001', affiliations: ['NAVER AI Lab'] }, { name: 'Sanghyun Chung', pid: '12/34' }])) : xml(ownerPage),
    );
    const report = await fetchDblp(plan(), r.deps);
    expect(r.server.requests.map((q) => q.url)).toEqual(['/search/author/api?q=Sanghyuk%20Chun&format=json&h=30', '/pid/000/0001.xml']);
    expect(report.status).toBe('ok');
    expect(report.details).toMatchObject({ pid: '000/0001', candidates: [{ pid: '000/0001', sharedCoauthors: ['Junsuk Choe', 'Sangdoo Yun', 'Seong Joon Oh'] }] });
    expect(report.documents.map((d) => [d.key.split('/').pop(), d.purpose])).toEqual([['dblp-1.json', 'author-search'], ['dblp-2.xml', 'person']]);
    expect(report.reasons[0]).toMatch(/pid 000\/0001 chosen by author search/);
    expect(r.arrivals[1]! - r.arrivals[0]!).toBe(1000);
  });

  it('two homonyms: stops and reports both with their evidence, never guessing', async () => {
    const r = await rig((q) =>
      q.url.startsWith('/search/author/api')
        ? json(dblpAuthorSearch('Sanghyuk Chun', [{ name: 'Sanghyuk Chun 0001', pid: '000/0001', affiliations: ['NAVER AI Lab'] }, { name: 'Sanghyuk Chun 0002', pid: '000/0002', affiliations: ['Seoul National University'] }]))
        : q.url === '/pid/000/0001.xml' ? xml(ownerPage) : xml(strangerPage),
    );
    const report = await fetchDblp(plan(), r.deps);
    expect(report.status).toBe('skipped');
    expect(report.records).toBe(0);
    expect(report.details).toMatchObject({
      candidates: [
        { name: 'Sanghyuk Chun 0001', pid: '000/0001', affiliations: ['NAVER AI Lab'], sharedCoauthors: ['Junsuk Choe', 'Sangdoo Yun', 'Seong Joon Oh'] },
        { name: 'Sanghyuk Chun 0002', pid: '000/0002', affiliations: ['Seoul National University'], sharedCoauthors: [] },
      ],
    });
    expect(report.details).not.toHaveProperty('pid');
    expect(report.reasons[0]).toMatch(/2 dblp authors are named "Sanghyuk Chun".*Set sources\.dblp\.pid/);
    expect(report.documents.every((d) => d.purpose !== 'person')).toBe(true);
  });

  it('a lone namesake who shares no co-authors is not taken for the owner', async () => {
    const r = await rig((q) => (q.url.startsWith('/search') ? json(dblpAuthorSearch('Sanghyuk Chun', [{ name: 'Sanghyuk Chun', pid: '000/0002' }])) : xml(strangerPage)));
    const report = await fetchDblp(plan(), r.deps);
    expect(report.status).toBe('skipped');
    expect(report.reasons[0]).toMatch(/shares fewer than 2 co-authors/);
  });

  it('no author of that name: skipped with advice', async () => {
    const r = await rig(() => json(dblpAuthorSearch('Sanghyuk Chun', [])));
    const report = await fetchDblp(plan(), r.deps);
    expect(report.status).toBe('skipped');
    expect(report.reasons[0]).toMatch(/no dblp author named "Sanghyuk Chun"/);
  });

  it('an HTML page where JSON was expected is retried, then degraded', async () => {
    const r = await rig(() => ({ status: 200, headers: { 'Content-Type': 'text/html' }, body: html429 }));
    const report = await fetchDblp(plan(), r.deps);
    expect(r.server.requests).toHaveLength(4);
    expect(report.status).toBe('degraded');
    expect(report.reasons[0]).toMatch(/^author-search: .*an HTML page, not a source document/);
  });
});
