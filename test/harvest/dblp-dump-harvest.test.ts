/**
 * The fleet's dblp harvest through the daily dump against a loopback dblp: the
 * holdings it writes are the person-page harvest's, byte for byte, for the same
 * data; an unchanged dump is not fetched again; a changed record key follows
 * the dump; a dump cut short or using an entity its DTD lacks leaves every
 * profile degraded with where, and the previous holdings as they were.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dblpStateKey } from '../../src/harvest/dblp-person.ts';
import { dumpStateKey, harvestDblpDump } from '../../src/harvest/harvest-dblp-dump.ts';
import { harvestDblpChunk } from '../../src/harvest/harvest-dblp.ts';
import { dataFromText } from '../../src/model/report.ts';
import { VirtualClock } from '../../src/sources/clock.ts';
import { parseDblpPerson } from '../../src/sources/dblp/parse-xml.ts';
import { PoliteHttp } from '../../src/sources/http/polite-http.ts';
import { fetchStreamGet } from '../../src/sources/http/stream-get.ts';
import { dataTimeOf, manifestKey, rawKey, type SourceReport } from '../../src/sources/source-report.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import type { Store } from '../../src/store/store.ts';
import { DATASET, DTD_EXCERPT, PLANS, RECORDS } from '../helpers/dblp-dump-dataset.ts';
import { dumpSiteRoute, type DumpSite } from '../helpers/dblp-dump-server.ts';
import { startLoopback, type LoopbackServer } from '../helpers/loopback-server.ts';

const UA = 'profile-sync/0.1 (mailto:dept@example.org)';
const site: DumpSite = { dataset: DATASET, dtd: DTD_EXCERPT, dumpDate: 'Thu, 26 Nov 2026 22:10:00 GMT' };
let server: LoopbackServer;
const clock = new VirtualClock(Date.parse('2026-11-27T03:00:00Z'));
const newStore = () => new FsStore(mkdtempSync(join(tmpdir(), 'ps-dump-')));
const text = async (store: Store, key: string) => {
  const o = await store.get(key);
  return o ? new TextDecoder().decode(o.body) : undefined;
};
const manifest = async (store: Store, profile: string, run: string) => JSON.parse((await text(store, manifestKey(profile, run, 'dblp')))!) as SourceReport;
const dump = (store: Store, runId: string) => harvestDblpDump({ store, http: fetchStreamGet({ userAgent: UA, idleMs: 5000 }), clock, runId, plans: PLANS, dumpUrl: `${server.baseUrl}/xml/dblp.xml.gz`, dtdUrl: `${server.baseUrl}/xml/dblp.dtd` });
const pages = (store: Store, runId: string) => harvestDblpChunk({ store, http: new PoliteHttp({ userAgent: UA, minIntervalMs: 1000, clock, timeoutMs: 5000 }), clock, runId, plans: PLANS, baseUrl: server.baseUrl });

beforeAll(async () => {
  server = await startLoopback(dumpSiteRoute(site));
});
afterAll(async () => {
  await server.close();
});

describe('dblp from its daily dump', () => {
  const store = newStore();

  it('writes each profile the holdings the person-page harvest writes, byte for byte, in two requests', async () => {
    const viaPages = newStore();
    expect((await pages(viaPages, 'r1')).status).toBe('done');
    const before = server.requests.length;
    const r = await dump(store, 'r1');
    expect(r).toMatchObject({ dump: 200, degraded: 0, personPages: [] });
    expect(server.requests.length - before).toBe(2);
    for (const p of PLANS) {
      const key = rawKey(p.profile, 'r1', 'dblp', 1, 'xml');
      const a = await text(viaPages, key);
      expect(a).toBeDefined();
      expect(await text(store, key), p.profile).toBe(a);
      const [ma, mb] = [await manifest(viaPages, p.profile, 'r1'), await manifest(store, p.profile, 'r1')];
      expect({ status: mb.status, records: mb.records, arxivIds: mb.arxivIds, homonyms: mb.details?.['homonyms'], editorOnly: mb.details?.['editorOnly'] }).toEqual({ status: ma.status, records: ma.records, arxivIds: ma.arxivIds, homonyms: ma.details?.['homonyms'], editorOnly: ma.details?.['editorOnly'] });
      expect(JSON.parse((await text(store, dblpStateKey(p.profile)))!)).toMatchObject({ pid: p.sources.dblp.pid, lastKey: key });
    }
  });

  it("records the dump's date as the data's time, for provenance and the report", async () => {
    const m = await manifest(store, PLANS[0]!.profile, 'r1');
    const time = dataTimeOf(m);
    expect(time.fetchedAt).toBe(new Date(site.dumpDate).toISOString());
    expect(dataFromText({ dataFrom: 'r1', ...time })).toContain(`daily dump of ${new Date(site.dumpDate).toISOString()}`);
  });

  it('does not download an unchanged dump again: the stored pages stand, two conditional requests', async () => {
    const before = server.requests.length;
    const r = await dump(store, 'r2');
    expect(r).toMatchObject({ dump: 304, personPages: [] });
    const asked = server.requests.slice(before);
    expect(asked.map((q) => q.url)).toEqual(['/xml/dblp.dtd', '/xml/dblp.xml.gz']);
    expect(asked.every((q) => q.headers['if-none-match'] !== undefined)).toBe(true);
    for (const p of PLANS) expect(await text(store, rawKey(p.profile, 'r2', 'dblp', 1, 'xml'))).toBe(await text(store, rawKey(p.profile, 'r1', 'dblp', 1, 'xml')));
    // A retry of the same run asks nothing again.
    const again = server.requests.length;
    await dump(store, 'r2');
    expect(server.requests.length).toBe(again);
  });

  it('follows a record whose key changed, as the person page does', async () => {
    const moved = RECORDS.map((r) => (r.key === 'conf/kdd/XuN22' ? { ...r, key: 'conf/kdd/XuN22a', mdate: '2026-11-20' } : r));
    site.dataset = { ...DATASET, records: moved };
    site.dumpDate = 'Fri, 27 Nov 2026 22:10:00 GMT';
    const viaPages = newStore();
    await pages(viaPages, 'r3');
    expect(await dump(store, 'r3')).toMatchObject({ dump: 200 });
    const profile = PLANS.find((p) => p.sources.dblp.pid === '01/1001-1')!.profile;
    const key = rawKey(profile, 'r3', 'dblp', 1, 'xml');
    expect(await text(store, key)).toBe(await text(viaPages, key));
    const keys = parseDblpPerson((await text(store, key))!).records.map((r) => r.key);
    expect(keys).toContain('conf/kdd/XuN22a');
    expect(keys).not.toContain('conf/kdd/XuN22');
  });

  it('a dump cut short: every profile degraded saying where, the previous holdings kept', async () => {
    const states = await Promise.all(PLANS.map((p) => text(store, dblpStateKey(p.profile))));
    const dumpState = await text(store, dumpStateKey);
    site.dumpDate = 'Sat, 28 Nov 2026 22:10:00 GMT';
    site.extra = ['<article mdate="2026-11-28" key="journals/x/New26">\n<author>Di Xu 0001</author>\n<title>New.</title>\n<year>2026</year>\n</article>'];
    site.cutAt = 0.6;
    const r = await dump(store, 'r4');
    expect(r.dump).toBe('failed');
    expect(r.reason).toMatch(/compressed stream ends early.*at line \d+, after [\d,]+ bytes of XML from [\d,]+ compressed/);
    for (const p of PLANS) {
      const m = await manifest(store, p.profile, 'r4');
      expect(m.status).toBe('degraded');
      expect(m.reasons.join(' ')).toMatch(/ends early.*previous holdings stand/);
      expect(m.documents).toEqual([]);
    }
    expect(await Promise.all(PLANS.map((p) => text(store, dblpStateKey(p.profile))))).toEqual(states);
    expect(await text(store, dumpStateKey)).toBe(dumpState);
  });

  it('a DTD lacking an entity the dump uses: degraded, naming the entity and the line, holdings kept', async () => {
    site.cutAt = undefined;
    site.writtenWith = DTD_EXCERPT;
    site.dtd = DTD_EXCERPT.replace(/<!ENTITY uuml[^\n]*\n/, '');
    const states = await Promise.all(PLANS.map((p) => text(store, dblpStateKey(p.profile))));
    const r = await dump(store, 'r5');
    expect(r.dump).toBe('failed');
    expect(r.reason).toMatch(/unknown entity &uuml; at line \d+, record \S+/);
    expect(await Promise.all(PLANS.map((p) => text(store, dblpStateKey(p.profile))))).toEqual(states);
    site.dtd = DTD_EXCERPT;
    site.extra = undefined;
  });

  it('a pid the dump does not hold goes back for its person page', async () => {
    const fresh = newStore();
    const plans = [...PLANS, { ...PLANS[0]!, profile: 'newcomer', sources: { ...PLANS[0]!.sources, dblp: { enabled: true, pid: '55/5555', minIntervalSeconds: 1 } } }];
    const r = await harvestDblpDump({ store: fresh, http: fetchStreamGet({ userAgent: UA }), clock, runId: 'r6', plans, dumpUrl: `${server.baseUrl}/xml/dblp.xml.gz`, dtdUrl: `${server.baseUrl}/xml/dblp.dtd` });
    expect(r.personPages).toEqual(['newcomer']);
    expect(await fresh.get(manifestKey('newcomer', 'r6', 'dblp'))).toBeUndefined();
  });
});
