/**
 * The dump's two requests when dblp is busy or failing for now
 * (retryingStreamGet, as the Fargate task uses it): 429 with Retry-After and
 * 503 are asked again on the run's clock and the night reads the dump; a
 * dropped connection too; dblp refusing every attempt leaves every profile
 * degraded with the status and the number of attempts, the previous holdings
 * untouched; a Retry-After beyond the limit is not waited for.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { harvestDblpDump } from '../../src/harvest/harvest-dblp-dump.ts';
import { VirtualClock } from '../../src/sources/clock.ts';
import { fetchStreamGet, retryingStreamGet } from '../../src/sources/http/stream-get.ts';
import { manifestKey, type SourceReport } from '../../src/sources/source-report.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { DATASET, DTD_EXCERPT, PLANS } from '../helpers/dblp-dump-dataset.ts';
import { dumpSiteRoute } from '../helpers/dblp-dump-server.ts';
import { startLoopback, type LoopbackServer, type Reply, type SeenRequest } from '../helpers/loopback-server.ts';

const site = dumpSiteRoute({ dataset: DATASET, dtd: DTD_EXCERPT, dumpDate: 'Thu, 26 Nov 2026 22:10:00 GMT' });
let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
});

/** dblp answering `failures` (in order) to the dump's first requests, then as itself. */
async function dblpFailingFirst(failures: readonly Reply[]): Promise<LoopbackServer> {
  let dumpAsks = 0;
  server = await startLoopback((req: SeenRequest) => {
    if (req.url.startsWith('/xml/dblp.xml.gz') && dumpAsks < failures.length) return failures[dumpAsks++]!;
    return site(req);
  });
  return server;
}

async function night(s: LoopbackServer) {
  const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-dump-retry-')));
  const clock = new VirtualClock(Date.parse('2026-11-27T03:00:00Z'));
  const http = retryingStreamGet(fetchStreamGet({ userAgent: 'profile-sync/0.1 (mailto:dept@example.org)', idleMs: 5000 }), { clock });
  const result = await harvestDblpDump({ store, http, clock, runId: 'r1', plans: PLANS, dumpUrl: `${s.baseUrl}/xml/dblp.xml.gz`, dtdUrl: `${s.baseUrl}/xml/dblp.dtd` });
  const reports = await Promise.all(PLANS.map(async (p) => JSON.parse(new TextDecoder().decode((await store.get(manifestKey(p.profile, 'r1', 'dblp')))!.body)) as SourceReport));
  return { result, reports, clock };
}

describe("the dump's requests when dblp is busy", () => {
  it('429 with Retry-After: 120, then 503: waited for (120 s, then the second backoff), and the dump is read', async () => {
    const s = await dblpFailingFirst([
      { status: 429, headers: { 'Retry-After': '120' }, body: 'Too Many Requests' },
      { status: 503, body: '<html><body>Service Unavailable</body></html>' },
    ]);
    const { result, reports, clock } = await night(s);
    expect(result).toMatchObject({ dump: 200, degraded: 0 });
    expect(clock.sleeps).toEqual([120_000, 120_000]);
    expect(s.requests.filter((r) => r.url.startsWith('/xml/dblp.xml.gz'))).toHaveLength(3);
    for (const r of reports) expect(r.status).toBe('ok');
  });

  it('a dropped connection is asked again', async () => {
    const s = await dblpFailingFirst([{ reset: true }]);
    const { result } = await night(s);
    expect(result).toMatchObject({ dump: 200, degraded: 0 });
    expect(s.requests.filter((r) => r.url.startsWith('/xml/dblp.xml.gz'))).toHaveLength(2);
  });

  it('503 on every attempt: four requests, then every profile degraded with the status and the attempts', async () => {
    const s = await dblpFailingFirst(Array.from({ length: 4 }, () => ({ status: 503, body: 'busy' })));
    const { result, reports, clock } = await night(s);
    expect(result.dump).toBe('failed');
    expect(result.reason).toMatch(/dblp\.xml\.gz: HTTP 503 after 4 attempts$/);
    expect(clock.sleeps).toEqual([30_000, 120_000, 300_000]);
    for (const r of reports) {
      expect(r.status).toBe('degraded');
      expect(JSON.stringify(r)).toContain('HTTP 503 after 4 attempts');
    }
  });

  it('a Retry-After beyond the limit (a day) is not waited for: the night goes on degraded', async () => {
    const s = await dblpFailingFirst([{ status: 429, headers: { 'Retry-After': '86400' }, body: 'come back tomorrow' }]);
    const { result, clock } = await night(s);
    expect(result.dump).toBe('failed');
    expect(result.reason).toMatch(/HTTP 429$/);
    expect(clock.sleeps).toEqual([]);
  });
});
