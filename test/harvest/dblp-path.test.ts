/** Which way dblp is read: person pages for a small fleet; above the setting the dump, with person pages for the exceptions. */
import { describe, expect, it } from 'vitest';
import { chooseDblpPath, DEFAULT_DUMP_ABOVE, refreshRequestKey, refreshRequests } from '../../src/harvest/dblp-path.ts';
import type { FetchPlan } from '../../src/harvest/fetch-plan.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planFor } from '../helpers/dblp-dump-dataset.ts';

const fleet = (n: number): FetchPlan[] => Array.from({ length: n }, (_, i) => planFor(`p${i}`, `${i}/1`, `Person ${i}`));

describe('the dblp path', () => {
  it('keeps person pages up to the setting, the dump above it', () => {
    expect(chooseDblpPath({ plans: fleet(DEFAULT_DUMP_ABOVE) }).path).toBe('pages');
    const above = chooseDblpPath({ plans: fleet(DEFAULT_DUMP_ABOVE + 1) });
    expect(above.path).toBe('dump');
    expect(above.dump).toHaveLength(DEFAULT_DUMP_ABOVE + 1);
    expect(chooseDblpPath({ plans: fleet(10), dumpAbove: 5 }).path).toBe('dump');
  });

  it('above it, person pages for a refresh asked today, a pid not known yet, a pid new since the dump; dblp off stays with the page step', () => {
    const plans = fleet(6);
    const noPid = { ...plans[2]!, sources: { ...plans[2]!.sources, dblp: { enabled: true, minIntervalSeconds: 1 } } };
    const off = { ...plans[3]!, sources: { ...plans[3]!.sources, dblp: { enabled: false, minIntervalSeconds: 1 } } };
    const all = [plans[0]!, plans[1]!, noPid, off, plans[4]!, plans[5]!];
    const r = chooseDblpPath({ plans: all, dumpAbove: 1, refreshToday: new Set(['p1']), dumpPids: new Set(['0/1', '1/1', '5/1']) });
    expect(r.dump.map((p) => p.profile)).toEqual(['p0', 'p5']);
    expect(r.pages.map((p) => p.profile)).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(r.why).toEqual({ p1: 'refresh asked today', p2: 'pid not known yet', p4: 'pid new since the dump' });
  });

  it('reads at most the cap of refreshes from person pages; the others read the dump tonight', () => {
    const plans = fleet(10);
    const r = chooseDblpPath({ plans, dumpAbove: 1, refreshToday: new Set(plans.map((p) => p.profile)), maxRefreshes: 3 });
    expect(r.pages.map((p) => p.profile)).toEqual(['p0', 'p1', 'p2']);
    expect(r.dump).toHaveLength(7);
  });

  it("reads owners' refresh requests of the run's day (or the evening before) only", async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-refresh-')));
    const run = Date.parse('2026-11-28T03:00:00Z');
    const put = (p: string, at: string) => store.put(refreshRequestKey(p), JSON.stringify({ requestedAt: at }), { contentType: 'application/json' });
    await put('a', '2026-11-27T18:00:00Z');
    await put('b', '2026-11-20T18:00:00Z');
    await put('c', 'not a time');
    expect([...(await refreshRequests(store, ['a', 'b', 'c', 'd'], run))]).toEqual(['a']);
  });
});
