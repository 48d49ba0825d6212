/**
 * The politeness guarantee across "processes": two harvest clients that share
 * nothing but the store (each its own PoliteHttp, lease object and ETags), run
 * overlapping or back to back, never put two requests closer than the gap at
 * the loopback server.
 *
 * On virtual time shared by the processes (test/helpers/task-clock.ts): the
 * server stamps each arrival with the clock; time moves only when every
 * process waits on the clock, so two processes waiting at once wait the same
 * time (the overlap this test looks for is not hidden, as one counter adding up
 * both processes' sleeps would hide it), and a request or a store write takes
 * no virtual time, however loaded the machine. The protocol's quantities are
 * the deployment's (arXiv's 3 s gap, a 30 s request budget, the default lease
 * lifetime and clock-skew margin), and every run sees the same orderings: on a
 * real clock, scaled down to 200 ms gaps, a busy machine stalled a process past
 * its lease and the test failed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LeasedHttp } from '../../src/harvest/leased-http.ts';
import { leaseKey, LeaseBusyError, LeaseLostError } from '../../src/harvest/source-lease.ts';
import { PoliteHttp } from '../../src/sources/http/polite-http.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { startLoopback, type LoopbackServer } from '../helpers/loopback-server.ts';
import { TaskClock } from '../helpers/task-clock.ts';
import { WATCHDOG } from '../helpers/watchdog.ts';

vi.setConfig({ ...WATCHDOG.harvest });

const GAP = 3000;
const SKEW = 250;
let server: LoopbackServer | undefined;
let clock = new TaskClock();
let arrivals: Array<{ at: number; who: string }> = [];

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function rig() {
  arrivals = [];
  clock = new TaskClock();
  server = await startLoopback((req) => {
    arrivals.push({ at: clock.now(), who: req.headers['user-agent'] ?? '?' });
    return { status: 200, headers: { 'Content-Type': 'application/xml' }, body: '<ok/>' };
  });
  return new FsStore(mkdtempSync(join(tmpdir(), 'ps-lease-')));
}

// One attempt per request, so that a request's budget is one (real-time) timeout: 30 s.
const httpOptions = (who: string) => ({ userAgent: who, minIntervalMs: GAP, clock, maxAttempts: 1, timeoutMs: 30_000 });

/** One "process": its own client and lease (the lifetime LeasedHttp gives it), sharing only the store. */
function harvester(store: FsStore, who: string, maxWaitMs = 10 * 60_000, inheritsFrom?: string) {
  return new LeasedHttp(httpOptions(who), { store, source: 'arxiv', holder: who, maxWaitMs, skewMs: SKEW, ...(inheritsFrom ? { inheritsFrom } : {}) });
}

/** One process's run, as a task of the shared clock. */
const run = (h: LeasedHttp, requests: number, release = true) =>
  clock.task(async () => {
    await h.lease.acquire();
    for (let i = 0; i < requests; i++) await h.get(`${server!.baseUrl}/oai?verb=ListRecords&n=${i}`);
    if (release) await h.lease.release();
  });

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
    await clock.task(() => new PoliteHttp(httpOptions('plain-1')).get(`${server!.baseUrl}/x`));
    await clock.task(() => new PoliteHttp(httpOptions('plain-2')).get(`${server!.baseUrl}/x`));
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
    const retry = harvester(store, 'exec-E/run/attempt-2', undefined, 'exec-E/');
    await run(retry, 2, false);
    const firstOfRetry = arrivals.find((x) => x.who === 'exec-E/run/attempt-2')!.at;
    expect(firstOfRetry).toBeLessThan(leaseDoc.expiresAt);
    expect(minGap()).toBeGreaterThanOrEqual(GAP);
    // Another execution overlapping it does not take over: it waits for the release or the expiry.
    const other = harvester(store, 'exec-F/run/attempt-1', undefined, 'exec-F/');
    await run(other, 1);
    const retryDoc = JSON.parse(new TextDecoder().decode((await store.get(leaseKey('arxiv')))!.body)) as { holder: string; released: boolean };
    expect(retryDoc).toMatchObject({ holder: 'exec-F/run/attempt-1', released: true });
    expect(arrivals.find((x) => x.who === 'exec-F/run/attempt-1')!.at).toBeGreaterThanOrEqual(leaseDoc.expiresAt);
    expect(minGap()).toBeGreaterThanOrEqual(GAP);
  });

  it('a holder whose lease expired and was taken sends nothing more; a run that cannot get the lease in time says who holds it', async () => {
    const store = await rig();
    const slow = harvester(store, 'slow');
    await clock.task(async () => {
      await slow.lease.acquire();
      await slow.get(`${server!.baseUrl}/a`);
    });
    const impatient = harvester(store, 'impatient', 50);
    await expect(clock.task(() => impatient.lease.acquire())).rejects.toThrow(LeaseBusyError);
    await expect(clock.task(() => impatient.lease.acquire())).rejects.toThrow(/held by slow until/);
    // slow stalls past its lease (and the skew margin); another run takes it.
    const doc = JSON.parse(new TextDecoder().decode((await store.get(leaseKey('arxiv')))!.body)) as { expiresAt: number };
    await clock.task(() => clock.sleep(doc.expiresAt + SKEW - clock.now()));
    const taker = harvester(store, 'taker', 0);
    await clock.task(() => taker.lease.acquire());
    const before = arrivals.length;
    await expect(clock.task(() => slow.get(`${server!.baseUrl}/b`))).rejects.toThrow(LeaseLostError);
    expect(arrivals.length).toBe(before);
    await clock.task(() => taker.lease.release());
  });
});
