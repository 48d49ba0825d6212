/**
 * Issue 12's execution check: the synthesized definition, executed in the ASL
 * interpreter (test/workflow/local-cloud.ts, its Distributed Map emulation)
 * with 1,000 profile items and stub tasks (the Lambdas' results in their real
 * shapes; the summary is the real handler, reading the Map's exported
 * results). It completes; every payload stays far under 256 KiB; the parent
 * execution's history stays a few dozen events whatever the number of
 * profiles (the children are executions of their own); a harvest that answers
 * "partial" is called again until it is done. PROFILE_SYNC_SCALE_ITEMS=10000
 * runs the same check at 10,000 (about a minute; the figures are in the README).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_PARTIAL_ROUNDS } from '../../lib/workflow.ts';
import { profilesManifestKey } from '../../src/harvest/profile-manifest.ts';
import { runIdFor } from '../../src/pipeline/run-id.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { LocalCloud } from './local-cloud.ts';
import { synthesizeWorkflow, type SynthesizedWorkflow } from './synthesized-workflow.ts';
import { stagedWorld } from './world.ts';
import { WATCHDOG } from '../helpers/watchdog.ts';

vi.setConfig({ ...WATCHDOG.workflow });

const ITEMS = Number(process.env['PROFILE_SYNC_SCALE_ITEMS'] ?? 1000);
const START = '2026-11-28T03:15:00.000Z';
const RUN = runIdFor(new Date(START));
const profileId = (i: number) => `researcher-${String(i).padStart(5, '0')}`;
/** Every 200th profile's reconcile fails for good (caught in its child: the profile "failed", told to its owner). */
const failing = (profile: string) => Number(profile.slice(-5)) % 200 === 7;

/** Discovery's stand-in: writes the Map's items for `n` profiles as the real step does, and answers in its shape. */
const discovered = async (store: FsStore, n: number, skipped: ReadonlyArray<{ profile: string; reason: string }> = []) => {
  await store.put(profilesManifestKey(RUN), JSON.stringify(Array.from({ length: n }, (_, i) => ({ profile: profileId(i), startTime: START }))), { contentType: 'application/json' });
  return { runId: RUN, manifest: profilesManifestKey(RUN), manifestObject: profilesManifestKey(RUN), profiles: n, dblpProfiles: n, skipped, skippedCount: skipped.length };
};

let workflow: SynthesizedWorkflow;
/** Figures for the notes (printed with PROFILE_SYNC_FIGURES=1). */
const figures: Record<string, unknown> = {};
afterAll(() => {
  if (process.env['PROFILE_SYNC_FIGURES'] === '1') console.log(JSON.stringify(figures));
});
beforeAll(async () => {
  // dblp by person pages at any fleet size (-c dblpDumpAbove above it), so the harvest's "partial" loop is what runs;
  // the dump task's path is executed in test/workflow/dblp-dump-night.test.ts.
  workflow = await synthesizeWorkflow(await stagedWorld(), { dblpDumpAbove: 1_000_000 });
});

describe(`the synthesized workflow at department scale (${ITEMS} profiles, stub tasks)`, () => {
  it('completes: every profile has an outcome, payloads stay small, the parent history does not grow with the profiles', async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-scale-')));
    const f = workflow.functions;
    const calls: Record<string, number> = {};
    const count = (name: string) => (calls[name] = (calls[name] ?? 0) + 1);
    const cloud = new LocalCloud({
      workflow,
      store,
      sourceUrls: {},
      stubs: {
        [f.discover]: async () => {
          count('discover');
          return discovered(store, ITEMS, [{ profile: 'paused-one', reason: 'paused in config.json' }]);
        },
        // arXiv: one OAI-PMH delta, done at the first call; dblp: ~10-minute chunks of ~550 pages, "partial" until all are asked.
        [f.harvestArxiv]: async () => ({ runId: RUN, status: count('arxiv') < 2 ? 'partial' : 'done', requests: 3 }),
        [f.harvestDblp]: async () => ({ runId: RUN, status: count('dblp') * 550 < ITEMS ? 'partial' : 'done', remaining: Math.max(0, ITEMS - calls['dblp']! * 550) }),
        [f.closeGaps]: async () => ({ runId: RUN, status: 'ok', asked: 0, found: 0, missing: 0, requests: 0 }),
        [f.reconcile]: async (event) => {
          const e = event as { profile: string; sources: unknown[] };
          if (JSON.stringify(e.sources) !== JSON.stringify([{ source: 'arxiv', status: 'done' }, { source: 'dblp', status: 'done' }])) throw new Error(`unexpected sources ${JSON.stringify(e.sources)}`);
          if (failing(e.profile)) throw Object.assign(new Error(`canonical/${e.profile}/cv.json: the owner's records could not be read`), { name: 'InternalError' });
          return { profile: e.profile, runId: RUN, outcome: 'published', report: `s3://bucket/reports/${e.profile}/${RUN}/diff.html`, pendingReview: 3, degradedSources: [], profileChanged: false, resumed: false };
        },
        [f.notify]: async () => ({ status: 'not-needed', newItems: 0, pending: 3, reminder: false }),
      },
    });
    const started = performance.now();
    const out = await cloud.run(START, 'nightly-scale');
    const seconds = (performance.now() - started) / 1000;
    const failed = Array.from({ length: ITEMS }, (_, i) => profileId(i)).filter(failing);

    expect(out.summary.counts).toEqual({ profiles: ITEMS, published: ITEMS - failed.length, publishedDegraded: 0, failed: failed.length, skipped: 1 });
    expect(out.profiles).toHaveLength(ITEMS);
    expect(out.summary.failed.map((o) => o.profile)).toEqual(failed.slice(0, 20));
    expect(out.summary.failed[0]).toMatchObject({ outcome: 'failed', step: 'ReconcileStep', error: 'InternalError' });
    // The loops ran until done.
    expect([calls['arxiv'], calls['dblp']]).toEqual([2, Math.ceil(ITEMS / 550)]);
    // Every owner of a failed profile was told (a sns:publish state in the child).
    expect(cloud.told.filter((t) => t.attributes['kind'] === 'profile-failed').map((t) => t.attributes['profile']).sort()).toEqual(failed);

    const { stats } = out;
    expect(stats.children).toBe(ITEMS);
    expect(stats.maxPayloadBytes).toBeLessThan(16 * 1024); // the limit is 256 KiB
    expect(stats.parentEvents).toBeLessThan(100 + 8 * Math.ceil(ITEMS / 550)); // the limit is 25,000
    expect(stats.maxChildEvents).toBeLessThan(60);
    process.stdout.write(
      `at-scale: ${ITEMS} profiles in ${seconds.toFixed(1)} s; parent history ≈ ${stats.parentEvents} events; largest child history ≈ ${stats.maxChildEvents}; largest payload ${stats.maxPayloadBytes} B (${stats.maxPayloadWhere}); execution output ${Buffer.byteLength(JSON.stringify(out.summary))} B\n`,
    );
  });

  it("a harvest whose waits pass its function's timeout ends there, on the invocation's virtual clock (Sandbox.Timedout, each attempt, no wall time spent); the run goes on", async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-scale-timeout-')));
    const f = workflow.functions;
    const waited: number[] = [];
    const cloud = new LocalCloud({
      workflow,
      store,
      sourceUrls: {},
      stubs: {
        [f.discover]: () => discovered(store, 3),
        [f.harvestArxiv]: async () => ({ runId: RUN, status: 'done' }),
        // dblp waits 20 minutes (a source's Retry-After, say) against its 15-minute timeout; never returns.
        [f.harvestDblp]: async (_event, rt) => {
          const before = rt.clock.now();
          await rt.clock.sleep(20 * 60_000);
          waited.push(rt.clock.now() - before);
          return { runId: RUN, status: 'done' };
        },
        [f.closeGaps]: async () => ({ runId: RUN, status: 'ok' }),
        [f.reconcile]: async (event) => ({ profile: (event as { profile: string }).profile, runId: RUN, outcome: 'published', report: 'r', pendingReview: 0, degradedSources: [], profileChanged: false, resumed: false }),
        [f.notify]: async () => ({ status: 'not-needed', newItems: 0, pending: 0, reminder: false }),
      },
    });
    const out = await cloud.run(START, 'nightly-timeout');
    expect(cloud.invocations.filter((i) => i.functionId === f.harvestDblp).map((i) => [i.outcome, i.error])).toEqual(Array.from({ length: 3 }, () => ['timeout', 'Sandbox.Timedout']));
    expect(waited).toEqual([]); // no attempt came back from its wait
    expect(out.summary.harvest.find((h) => h.source === 'dblp')).toMatchObject({ failed: { step: 'HarvestDblpStep', error: 'Sandbox.Timedout', attempts: 3 } });
    expect(out.summary.counts).toMatchObject({ profiles: 3, published: 3 });
  });

  it('more children failing as a whole than tolerated: the summary still names every profile, then the execution fails for the operator', async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-scale-fail-')));
    const f = workflow.functions;
    const items = 200;
    // A reconcile result without its outcome: the child's ResultSelector fails (States.Runtime, which no Catch takes).
    const broken = (profile: string) => Number(profile.slice(-5)) % 10 === 3; // 10 %, over the 5 % tolerated
    const cloud = new LocalCloud({
      workflow,
      store,
      sourceUrls: {},
      stubs: {
        [f.discover]: () => discovered(store, items),
        [f.harvestArxiv]: async () => ({ runId: RUN, status: 'done' }),
        [f.harvestDblp]: async () => ({ runId: RUN, status: 'done' }),
        [f.closeGaps]: async () => ({ runId: RUN, status: 'ok' }),
        [f.reconcile]: async (event) => {
          const { profile } = event as { profile: string };
          if (broken(profile)) return { profile };
          // As the real reconcile, the last write of a publication: latest.json names the run.
          await store.put(`reports/${profile}/latest.json`, JSON.stringify({ profile, runId: RUN, pendingReview: 0, profileChanged: false, sources: [] }), { contentType: 'application/json' });
          return { profile, runId: RUN, outcome: 'published', report: 'r', pendingReview: 0, degradedSources: [], profileChanged: false, resumed: false };
        },
        [f.notify]: async () => ({ status: 'not-needed', newItems: 0, pending: 0, reminder: false }),
      },
    });
    const failure = await cloud.run(START, 'nightly-broken').then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(failure?.message).toMatch(/States\.ExceedToleratedFailureThreshold|more than the 5% tolerated/);
    // The summary ran first: every profile of the run has an outcome, the broken ones (and any not started) failed with the cause.
    const outcomes = JSON.parse(new TextDecoder().decode((await store.get(`runs/${RUN}/outcomes/nightly-broken.json`))!.body)) as Array<{ profile: string; outcome: string; error?: string }>;
    expect(outcomes).toHaveLength(items);
    for (const o of outcomes.filter((x) => broken(x.profile))) expect(o.outcome).toBe('failed');
    // The outcomes stay true: what the Map wrote before it failed is read, so a profile published before is
    // "published"; only those whose child failed or never started are "failed" (those with the Map's error).
    const reconciled = new Set(cloud.invocations.filter((i) => i.functionId === f.reconcile).map((i) => i.profile));
    const expected = (p: string) => (broken(p) ? 'failed' : reconciled.has(p) ? 'published' : 'failed');
    expect(outcomes.filter((o) => o.outcome !== expected(o.profile))).toEqual([]);
    expect(outcomes.filter((o) => o.outcome === 'published').length).toBeGreaterThan(0);
    for (const o of outcomes.filter((x) => !reconciled.has(x.profile))) expect(o.error).toBe('States.ExceedToleratedFailureThreshold');
    expect(outcomes.filter((o) => o.outcome === 'failed').every((o) => typeof o.error === 'string' && o.error !== '')).toBe(true);

    // The children still running when the Map Run failed were aborted, as Step Functions does (ABORTED, in FAILED_n):
    // some had published already (their reconcile done, their notify never run). Each of those is reported
    // published, from its own latest.json, not failed from its child's status.
    const folder = (await store.list('runs/map-results/nightly-broken/')).filter((k) => k.endsWith('/FAILED_0.json'));
    const unsuccessful = JSON.parse(new TextDecoder().decode((await store.get(folder[0]!))!.body)) as Array<{ Status: string; Input: string }>;
    const aborted = unsuccessful.filter((c) => c.Status === 'ABORTED').map((c) => (JSON.parse(c.Input) as { profile: string }).profile);
    const abortedAfterPublishing = aborted.filter((p) => reconciled.has(p) && !broken(p));
    expect(abortedAfterPublishing.length).toBeGreaterThan(0);
    const notified = new Set(cloud.invocations.filter((i) => i.functionId === f.notify).map((i) => i.profile));
    for (const p of abortedAfterPublishing) {
      expect(notified.has(p), `${p} was aborted before its notify`).toBe(false);
      expect(outcomes.find((o) => o.profile === p)).toMatchObject({ outcome: 'published', from: `reports/${p}/latest.json`, child: { error: 'child execution ABORTED' } });
    }
    // Every profile whose latest.json names the run (every published one) is reported published.
    const publishedByRun = (await store.list('reports/')).filter((k) => k.endsWith('/latest.json')).map((k) => k.split('/')[1]!);
    expect(publishedByRun.length).toBe(reconciled.size - [...reconciled].filter(broken).length);
    for (const p of publishedByRun) expect(outcomes.find((o) => o.profile === p)?.outcome, p).toBe('published');
    figures.mapFailed = { items, published: publishedByRun.length, aborted: aborted.length, abortedAfterPublishing: abortedAfterPublishing.length, failed: outcomes.filter((o) => o.outcome === 'failed').length };
  });
});

describe('a harvest that answers "partial" forever (issue 22, item 2)', () => {
  it(`is called at most ${MAX_PARTIAL_ROUNDS} times, then handed on as failed (StillPartial): every profile goes on, degraded, and the run ends`, async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-scale-partial-')));
    const f = workflow.functions;
    const calls: Record<string, number> = {};
    const count = (name: string) => (calls[name] = (calls[name] ?? 0) + 1);
    const seen: unknown[] = [];
    const cloud = new LocalCloud({
      workflow,
      store,
      sourceUrls: {},
      stubs: {
        [f.discover]: () => discovered(store, 3),
        [f.harvestArxiv]: async () => (count('arxiv'), { runId: RUN, status: 'partial' }),
        [f.harvestDblp]: async () => ({ runId: RUN, status: 'done' }),
        [f.closeGaps]: async () => (count('gaps'), { runId: RUN, status: 'partial' }),
        [f.reconcile]: async (event) => {
          const e = event as { profile: string; sources: unknown[]; gaps: unknown };
          seen.push({ sources: e.sources, gaps: e.gaps });
          return { profile: e.profile, runId: RUN, outcome: 'published', report: 'r', pendingReview: 0, degradedSources: ['arxiv'], profileChanged: false, resumed: false };
        },
        [f.notify]: async () => ({ status: 'not-needed', newItems: 0, pending: 0, reminder: false }),
      },
    });
    const out = await cloud.run(START, 'nightly-partial');
    expect([calls['arxiv'], calls['gaps']]).toEqual([MAX_PARTIAL_ROUNDS, MAX_PARTIAL_ROUNDS]);
    expect(out.profiles).toHaveLength(3);
    const stillPartial = (step: string) => ({ source: 'arxiv', failed: { step, caught: { Error: 'StillPartial', Cause: `still "partial" after ${MAX_PARTIAL_ROUNDS} calls: stopped asking in this run` } } });
    expect(seen[0]).toEqual({ sources: [stillPartial('HarvestArxivStep'), { source: 'dblp', status: 'done' }], gaps: stillPartial('CloseArxivGaps') });
  }, 120_000);
});
