/**
 * The politeness guarantee across "processes": two harvest clients that share
 * nothing but the store (each its own PoliteHttp, lease object and ETags), run
 * overlapping or back to back, never put two requests closer than the gap at
 * the loopback server.
 *
 * Why a real clock, scaled down, and not a virtual one: the property is about
 * arrival times at a server, and two concurrent runs both wait. A virtual clock
 * shared by two tasks adds up their sleeps (time runs faster than it would),
 * which could hide exactly the overlap this test looks for. With the real clock
 * the server stamps true arrivals; the gap, request budget, lease lifetime and
 * clock-skew margin are all scaled down together (3 s → 200 ms), and the
 * protocol only ever compares times against those configured quantities, so the
 * scaled run exercises the same orderings as the full-size one.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LeasedHttp } from '../../src/harvest/leased-http.ts';
import { leaseKey, LeaseBusyError, LeaseLostError } from '../../src/harvest/source-lease.ts';
import { realClock } from '../../src/sources/clock.ts';
import { PoliteHttp } from '../../src/sources/http/polite-http.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { startLoopback, type LoopbackServer } from '../helpers/loopback-server.ts';

const GAP = 200;
let server: LoopbackServer | undefined;
let arrivals: Array<{ at: number; who: string }> = [];

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function rig() {
  arrivals = [];
  server = await startLoopback((req) => {
    arrivals.push({ at: performance.timeOrigin + performance.now(), who: req.headers['user-agent'] ?? '?' });
    return { status: 200, headers: { 'Content-Type': 'application/xml' }, body: '<ok/>' };
  });
  return new FsStore(mkdtempSync(join(tmpdir(), 'ps-lease-')));
}

const httpOptions = (who: string) => ({ userAgent: who, minIntervalMs: GAP, clock: realClock, maxAttempts: 1, timeoutMs: 300, backoffBaseMs: 10, backoffMaxMs: 10, maxRetryAfterMs: 10 });

/** One "process": its own client and lease, sharing only the store. */
function harvester(store: FsStore, who: string, maxWaitMs = 10_000, inheritsFrom?: string) {
  return new LeasedHttp(httpOptions(who), { store, source: 'arxiv', holder: who, maxWaitMs, skewMs: 20, ttlMs: 700, ...(inheritsFrom ? { inheritsFrom } : {}) });
}

async function run(h: LeasedHttp, requests: number, release = true) {
  await h.lease.acquire();
  for (let i = 0; i < requests; i++) await h.get(`${server!.baseUrl}/oai?verb=ListRecords&n=${i}`);
  if (release) await h.lease.release();
}

const minGap = () => {
  const t = arrivals.map((a) => a.at).sort((a, b) => a - b);
  return Math.min(...t.slice(1).map((x, i) => x - t[i]!));
};

describe('source lease: one harvester per source, spacing kept across processes', () => {
  it('two overlapping runs: the second waits for the lease; no two requests closer than the gap, none interleaved', async () => {
    const store = await rig();
    const a = harvester(store, 'run-a');
    const b = harvester(store, 'run-b');
    await Promise.all([run(a, 4), run(b, 4)]);
    expect(arrivals).toHaveLength(8);
    expect(minGap()).toBeGreaterThanOrEqual(GAP);
    // One run's requests, then the other's: never both fetching at once.
    const order = arrivals.map((x) => x.who).join(',');
    expect(['run-a,run-a,run-a,run-a,run-b,run-b,run-b,run-b', 'run-b,run-b,run-b,run-b,run-a,run-a,run-a,run-a']).toContain(order);
    expect(Math.max(a.lease.waitedMs, b.lease.waitedMs)).toBeGreaterThan(0);
  });

  it('back-to-back invocations: the next one starts a gap after the last request of the one before (fresh clients alone do not)', async () => {
    const store = await rig();
    await run(harvester(store, 'invocation-1'), 3);
    await run(harvester(store, 'invocation-2'), 3);
    expect(minGap()).toBeGreaterThanOrEqual(GAP);

    // The control: two fresh clients without the lease (each process's first request does not wait).
    arrivals = [];
    await new PoliteHttp(httpOptions('plain-1')).get(`${server!.baseUrl}/x`);
    await new PoliteHttp(httpOptions('plain-2')).get(`${server!.baseUrl}/x`);
    expect(minGap()).toBeLessThan(GAP);
  });

  it('a holder that dies without releasing: the next run waits for the lease to expire, which is at least a gap after its last request', async () => {
    const store = await rig();
    const dead = harvester(store, 'crashed');
    await run(dead, 2, false); // no release: the Lambda was killed
    const leaseDoc = JSON.parse(new TextDecoder().decode((await store.get(leaseKey('arxiv')))!.body)) as { expiresAt: number };
    const next = harvester(store, 'next-night');
    await run(next, 2);
    expect(minGap()).toBeGreaterThanOrEqual(GAP);
    const firstOfNext = arrivals.find((x) => x.who === 'next-night')!.at;
    expect(firstOfNext).toBeGreaterThanOrEqual(leaseDoc.expiresAt);
  });

  it("a retry of the same execution takes over its ended predecessor's lease a gap after now, without waiting for the expiry; another execution still waits", async () => {
    const store = await rig();
    // Attempt 1 of execution E's harvest step is killed (Lambda timeout) holding the lease.
    await run(harvester(store, 'exec-E/run/attempt-1'), 2, false);
    const leaseDoc = JSON.parse(new TextDecoder().decode((await store.get(leaseKey('arxiv')))!.body)) as { expiresAt: number };
    // Step Functions retries only after attempt 1 is over: attempt 2 takes the lease over at once.
    const retry = harvester(store, 'exec-E/run/attempt-2', 10_000, 'exec-E/');
    await run(retry, 2, false);
    const firstOfRetry = arrivals.find((x) => x.who === 'exec-E/run/attempt-2')!.at;
    expect(firstOfRetry).toBeLessThan(leaseDoc.expiresAt);
    expect(minGap()).toBeGreaterThanOrEqual(GAP);
    // Another execution overlapping it does not take over: it waits for the release or the expiry.
    const other = harvester(store, 'exec-F/run/attempt-1', 10_000, 'exec-F/');
    await run(other, 1);
    const retryDoc = JSON.parse(new TextDecoder().decode((await store.get(leaseKey('arxiv')))!.body)) as { holder: string; released: boolean };
    expect(retryDoc).toMatchObject({ holder: 'exec-F/run/attempt-1', released: true });
    expect(arrivals.find((x) => x.who === 'exec-F/run/attempt-1')!.at).toBeGreaterThanOrEqual(leaseDoc.expiresAt);
    expect(minGap()).toBeGreaterThanOrEqual(GAP);
  });

  it('a holder whose lease expired and was taken sends nothing more; a run that cannot get the lease in time says who holds it', async () => {
    const store = await rig();
    const slow = harvester(store, 'slow');
    await slow.lease.acquire();
    await slow.get(`${server!.baseUrl}/a`);
    const impatient = harvester(store, 'impatient', 50);
    await expect(impatient.lease.acquire()).rejects.toThrow(LeaseBusyError);
    await expect(impatient.lease.acquire()).rejects.toThrow(/held by slow until/);
    // slow stalls past its lease; another run takes it.
    const doc = JSON.parse(new TextDecoder().decode((await store.get(leaseKey('arxiv')))!.body)) as { expiresAt: number };
    await new Promise((r) => setTimeout(r, doc.expiresAt - Date.now() + 60));
    const taker = harvester(store, 'taker');
    await taker.lease.acquire();
    const before = arrivals.length;
    await expect(slow.get(`${server!.baseUrl}/b`)).rejects.toThrow(LeaseLostError);
    expect(arrivals.length).toBe(before);
    await taker.lease.release();
  });
});
