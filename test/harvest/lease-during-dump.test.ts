/**
 * A request the lease's own spacing does not pace — dblp's daily dump, minutes
 * of streaming and retries waiting on dblp — keeps the lease alive
 * (SourceLease.keepDuring): renewed while it runs, so another run cannot take
 * dblp over mid-read; a lease taken meanwhile stops the renewals, and the
 * work's own result still comes back.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leaseKey, SourceLease, type LeaseDocument } from '../../src/harvest/source-lease.ts';
import { VirtualClock } from '../../src/sources/clock.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { PreconditionFailedError } from '../../src/store/store.ts';

const TTL = 16 * 60_000;
const doc = async (store: FsStore) => JSON.parse(new TextDecoder().decode((await store.get(leaseKey('dblp')))!.body)) as LeaseDocument;
/** Real time: polls until `cond` holds (the renewals run on a real timer), at most 20 s. */
async function until(cond: () => Promise<boolean>): Promise<void> {
  for (const started = Date.now(); !(await cond()); ) {
    if (Date.now() - started > 20_000) throw new Error('condition not reached in 20 s');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('the lease during a long request', () => {
  it('is renewed while the work runs: its expiry follows the clock, a third of its life at a time', async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-lease-keep-')));
    const clock = new VirtualClock(Date.parse('2026-11-28T03:15:00Z'));
    const lease = new SourceLease({ store, clock, source: 'dblp', holder: 'run-a', gapMs: 1000, requestBudgetMs: 8 * 60_000, ttlMs: TTL, maxWaitMs: 60_000 });
    await lease.acquire();
    const first = (await doc(store)).expiresAt;
    const result = await lease.keepDuring(async () => {
      await clock.sleep(20 * 60_000); // the read outlasts the lease's life
      const now = clock.now();
      await until(async () => (await doc(store)).expiresAt === now + TTL);
      return 'read';
    }, 5);
    expect(result).toBe('read');
    expect((await doc(store)).expiresAt).toBeGreaterThan(first + 19 * 60_000);
    expect((await doc(store)).holder).toBe('run-a');
  });

  it('taken by another run meanwhile (it had expired): renewals stop, nothing is overwritten, the work still ends', async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-lease-lost-')));
    const clock = new VirtualClock(Date.parse('2026-11-28T03:15:00Z'));
    const lease = new SourceLease({ store, clock, source: 'dblp', holder: 'run-a', gapMs: 1000, requestBudgetMs: 8 * 60_000, ttlMs: TTL, maxWaitMs: 60_000 });
    await lease.acquire();
    const result = await lease.keepDuring(async () => {
      // Another run takes it as SourceLease.acquire does: a write conditional on the version it read (If-Match),
      // read again if a renewal got there first.
      for (;;) {
        const seen = (await store.get(leaseKey('dblp')))!;
        const taken = { ...(JSON.parse(new TextDecoder().decode(seen.body)) as LeaseDocument), holder: 'run-b', acquiredAt: clock.now(), expiresAt: clock.now() + TTL };
        try {
          await store.put(leaseKey('dblp'), JSON.stringify(taken), { contentType: 'application/json', ifMatch: seen.etag });
          break;
        } catch (e) {
          if (!(e instanceof PreconditionFailedError)) throw e;
        }
      }
      await new Promise((r) => setTimeout(r, 60)); // several renewal ticks: each finds the lease changed
      return 'read';
    }, 5);
    expect(result).toBe('read');
    expect((await doc(store)).holder).toBe('run-b');
  });
});
