/** The reconcile stage's I/O: last good snapshots, suspicious shrinking, publishing order and idempotence. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fetchStage } from '../../src/harvest/fetch-stage.ts';
import { loadProfileInput } from '../../src/canonical/profile-input.ts';
import { readPreviousProfile } from '../../src/model/read-profile.ts';
import { reconcileStage } from '../../src/reconcile/reconcile-stage.ts';
import { runSync } from '../../src/pipeline/sync.ts';
import { publicObjects, publishRun } from '../../src/publish/publish.ts';
import { NO_DECISIONS } from '../../src/canonical/decisions.ts';
import { VirtualClock } from '../../src/sources/clock.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import type { PutOptions, Store } from '../../src/store/store.ts';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';

const P = FIRST_PROFILE;
const text = (b: Uint8Array) => new TextDecoder().decode(b);

async function replayRun(store: Store, runId: string, at: string) {
  const input = await loadProfileInput(DATA, P);
  const clock = new VirtualClock(Date.parse(at));
  await fetchStage({ input, runId, store, now: new Date(clock.now()), clock, mode: { kind: 'replay', dataDir: DATA } });
  return { input, now: new Date(clock.now()) };
}

/** Rewrites a source manifest of a run, as if that fetch had gone differently. */
async function alterManifest(store: Store, runId: string, source: 'arxiv' | 'dblp', change: (m: Record<string, unknown>) => Record<string, unknown>) {
  const key = `raw/${P}/${runId}/${source}-manifest.json`;
  const m = JSON.parse(text((await store.get(key))!.body)) as Record<string, unknown>;
  await store.put(key, JSON.stringify(change(m)), { contentType: 'application/json' });
}

describe('reconcile stage', () => {
  it('a degraded source falls back to the last good snapshot, and says so', async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-stage-')));
    await replayRun(store, '20261126T030000Z', '2026-11-26T03:00:00Z');
    const { input, now } = await replayRun(store, '20261127T030000Z', '2026-11-27T03:00:00Z');
    await alterManifest(store, '20261127T030000Z', 'dblp', (m) => ({ ...m, status: 'degraded', documents: [], reasons: ['person: HTTP 503 (4 attempts)'] }));
    const out = await reconcileStage({ input, decisions: NO_DECISIONS, store, runId: '20261127T030000Z', now });
    const dblp = out.report.sources.find((s) => s.source === 'dblp')!;
    expect(dblp).toMatchObject({ status: 'degraded', dataFrom: '20261126T030000Z', usedSnapshot: { runId: '20261126T030000Z', ageHours: 24 } });
    expect(dblp.reasons).toEqual(['person: HTTP 503 (4 attempts)', 'using the last good snapshot from run 20261126T030000Z']);
    expect(out.links.get('iccv19-cutmix')).toContain('dblp:journals/corr/abs-1905-04899');
  });

  it('a source returning suspiciously fewer records than its last good snapshot is not believed', async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-stage-')));
    await replayRun(store, '20261126T030000Z', '2026-11-26T03:00:00Z');
    const { input, now } = await replayRun(store, '20261127T030000Z', '2026-11-27T03:00:00Z');
    await alterManifest(store, '20261127T030000Z', 'arxiv', (m) => ({ ...m, records: 10 }));
    const out = await reconcileStage({ input, decisions: NO_DECISIONS, store, runId: '20261127T030000Z', now });
    const arxiv = out.report.sources.find((s) => s.source === 'arxiv')!;
    expect(arxiv.status).toBe('degraded');
    expect(arxiv.reasons[0]).toMatch(/returned 10 records, 71% fewer than the last good snapshot \(34 in run 20261126T030000Z\): not believed/);
    expect(arxiv.dataFrom).toBe('20261126T030000Z');
  });

  it('with no usable data and no snapshot, earlier published enrichment stays', async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-stage-')));
    const first = await replayRun(store, '20261126T030000Z', '2026-11-26T03:00:00Z');
    const firstOut = await reconcileStage({ input: first.input, decisions: NO_DECISIONS, store, runId: '20261126T030000Z', now: first.now });
    await publishRun(store, firstOut.report, publicObjects(P, firstOut.profile, undefined));
    // The next run: arXiv manifests say degraded and the first run's snapshot is gone from reach (marked degraded too).
    const { input, now } = await replayRun(store, '20261127T030000Z', '2026-11-27T03:00:00Z');
    for (const r of ['20261126T030000Z', '20261127T030000Z']) await alterManifest(store, r, 'arxiv', (m) => ({ ...m, status: 'degraded' }));
    const out = await reconcileStage({ input, decisions: NO_DECISIONS, store, runId: '20261127T030000Z', now });
    expect(out.report.sources.find((s) => s.source === 'arxiv')!.dataFrom).toBe('none');
    const adamp = out.profile.publications.find((w) => w.id === 'arxiv20-adamp')!;
    expect(adamp.ids.arxiv).toBe('2006.08217');
    expect(adamp.links.pdf).toBe('https://arxiv.org/pdf/2006.08217');
    expect(adamp.versions.map((v) => v.recordId)).toContain('2006.08217');
  });
});

describe('publishing', () => {
  it('a second run with nothing new rewrites no public object', async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-pub-')));
    const run = (runId: string) => runSync({ dataDir: DATA, store, profiles: [P], runId, now: new Date('2026-11-28T03:00:00Z'), sources: { kind: 'replay' } });
    const first = await run('20261127T030000Z');
    const before = text((await store.get(`public/${P}/profile.json`))!.body);
    const second = await run('20261128T030000Z');
    const written = (r: typeof first) => (r.profiles[0]!.status === 'published' ? r.profiles[0]!.keys.filter((k) => k.written).map((k) => k.key) : []);
    expect(written(first)).toContain(`public/${P}/profile.json`);
    expect(written(second)).toEqual([`reports/${P}/20261128T030000Z/diff.json`, `reports/${P}/20261128T030000Z/diff.md`, `reports/${P}/20261128T030000Z/diff.html`, `reports/${P}/latest.json`]);
    expect(text((await store.get(`public/${P}/profile.json`))!.body)).toBe(before);
    expect(JSON.parse(text((await store.get(`reports/${P}/latest.json`))!.body))).toMatchObject({ runId: '20261128T030000Z', profileChanged: false });
  });

  it('a failure while writing public objects leaves the previous profile and latest.json consistent', async () => {
    const inner = new FsStore(mkdtempSync(join(tmpdir(), 'ps-pub-')));
    let failPublic = false;
    const flaky: Store = {
      description: 'flaky',
      get: (k) => inner.get(k),
      list: (p) => inner.list(p),
      delete: (k, o) => inner.delete(k, o),
      put: (k: string, b: Uint8Array | string, o: PutOptions) => (failPublic && k.startsWith('public/') ? Promise.reject(new Error('connection lost')) : inner.put(k, b, o)),
    };
    const run = (runId: string) => runSync({ dataDir: DATA, store: flaky, profiles: [P], runId, now: new Date(`${runId.slice(0, 4)}-11-28T03:00:00Z`), sources: { kind: 'replay' } });
    await run('20261127T030000Z');
    const previous = await readPreviousProfile(inner, P);
    const latestBefore = text((await inner.get(`reports/${P}/latest.json`))!.body);
    // Make the next run's profile differ (a new decision), and cut the connection on public writes.
    failPublic = true;
    const data = mkdtempSync(join(tmpdir(), 'ps-pub-data-'));
    const { cpSync, writeFileSync } = await import('node:fs');
    cpSync(DATA, data, { recursive: true });
    writeFileSync(join(data, 'profiles', P, 'decisions.json'), JSON.stringify({ schemaVersion: 1, decisions: [{ item: 'cand:arxiv-2101-05068', action: 'accept', at: '2026-11-28T00:00:00Z', covers: { arxiv: ['2101.05068'], doi: [], dblp: [] } }] }));
    await expect(runSync({ dataDir: data, store: flaky, profiles: [P], runId: '20261128T030000Z', now: new Date('2026-11-28T03:00:00Z'), sources: { kind: 'replay' } })).rejects.toThrow(/connection lost/);
    // The report of the failed run exists, but nothing points at it and the published profile is the previous one.
    expect(await inner.get(`reports/${P}/20261128T030000Z/diff.json`)).toBeDefined();
    expect(text((await inner.get(`reports/${P}/latest.json`))!.body)).toBe(latestBefore);
    expect(await readPreviousProfile(inner, P)).toEqual(previous);
    // After recovery the run completes.
    failPublic = false;
    await runSync({ dataDir: data, store: flaky, profiles: [P], runId: '20261128T040000Z', now: new Date('2026-11-28T04:00:00Z'), sources: { kind: 'replay' } });
    expect((await readPreviousProfile(inner, P))!.publications.some((w) => w.id === 'arxiv-2101-05068' && w.status === 'accepted')).toBe(true);
  });
});
