/**
 * One stage of the fleet benchmark in a fresh process (so its peak memory is
 * its own, as a Lambda's would be): the real core function the stage's
 * handler will call, on a folder store wrapped to count S3-billable calls,
 * against the parent's loopback servers, on virtual time (politeness waits
 * cost nothing here; the parent adds them to the projection). Prints one JSON line.
 *
 *   node tsx bench/fleet-stage.ts <stage> '<json options>'
 */
import { loadProfileFromStore } from '../src/canonical/load-from-store.ts';
import { closeArxivGaps } from '../src/harvest/arxiv-gaps.ts';
import { harvestArxiv } from '../src/harvest/harvest-arxiv.ts';
import { harvestDblpChunk } from '../src/harvest/harvest-dblp.ts';
import { harvestDblpNight } from '../src/harvest/harvest-dblp-night.ts';
import { fetchStreamGet } from '../src/sources/http/stream-get.ts';
import { LeasedHttp } from '../src/harvest/leased-http.ts';
import { readFleet, writeProfileManifest } from '../src/harvest/profile-manifest.ts';
import { readPreviousProfile } from '../src/model/read-profile.ts';
import { publicObjects, publishRun } from '../src/publish/publish.ts';
import { reconcileStage } from '../src/reconcile/reconcile-stage.ts';
import { VirtualClock } from '../src/sources/clock.ts';
import { FsStore } from '../src/store/fs-store.ts';
import { CountingStore } from './counting-store.ts';

interface StageOptions {
  readonly dir: string;
  readonly runId: string;
  readonly startTime: string;
  readonly oaiUrl: string;
  readonly apiUrl: string;
  readonly dblpUrl: string;
  /** Virtual seconds one dblp invocation may fetch for. */
  readonly chunkSeconds: number;
  /** Profiles to reconcile (the reconcile stage). */
  readonly sample: readonly string[];
  /** Virtual time the stage starts at (a dblp invocation: where the previous one ended); default startTime. */
  readonly clockStartMs?: number;
  /** Which dblp invocation of the night this is. */
  readonly invocation?: number;
  /** dblp from its daily dump (the night step choosing it: dumpAbove 0); absent: person pages. */
  readonly dumpUrl?: string;
  readonly dtdUrl?: string;
  /** A second store and a subset of plans: the same delta harvested for fewer profiles. */
  readonly compareDir?: string;
  readonly compareProfiles?: number;
}

const [stage = '', json = '{}'] = process.argv.slice(2);
const o = JSON.parse(json) as StageOptions;
const clock = new VirtualClock(o.clockStartMs ?? Date.parse(o.startTime));
const store = new CountingStore(new FsStore(o.dir));
const ua = 'profile-sync/0.1 (mailto:bench@example.org)';
const leased = (source: 'arxiv' | 'dblp', holder: string, s = store) =>
  new LeasedHttp({ userAgent: ua, minIntervalMs: source === 'arxiv' ? 3000 : 1000, clock, timeoutMs: 30_000 }, { store: s, source, holder, maxWaitMs: 60_000 });

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const v0 = clock.now();
let result: Record<string, unknown> = {};

if (stage === 'manifest') {
  const r = await writeProfileManifest(store, o.runId, o.startTime);
  result = { profiles: r.profiles, skipped: r.skipped.length, invocations: 1 };
} else if (stage === 'arxiv') {
  const plans = await readFleet(store, o.runId);
  const r = await harvestArxiv({ store, http: leased('arxiv', `${o.runId}/arxiv`), clock, runId: o.runId, plans, oaiUrl: o.oaiUrl, apiUrl: o.apiUrl });
  result = { ...r, invocations: 1 };
  if (o.compareDir && o.compareProfiles) {
    const other = new CountingStore(new FsStore(o.compareDir));
    const c = await harvestArxiv({ store: other, http: leased('arxiv', 'compare', other), clock: new VirtualClock(Date.parse(o.startTime)), runId: o.runId, plans: plans.slice(0, o.compareProfiles), oaiUrl: o.oaiUrl, apiUrl: o.apiUrl });
    result['compare'] = { profiles: o.compareProfiles, requests: c.requests, matchedRecords: c.matchedRecords };
  }
} else if (stage === 'dblp' && o.dumpUrl) {
  // The dump path: one process (the Fargate task), the dump streamed, then person pages for whatever is left.
  const plans = await readFleet(store, o.runId);
  const r = await harvestDblpNight({ store, http: leased('dblp', `${o.runId}/dblp/1`), dumpHttp: fetchStreamGet({ userAgent: ua }), dumpAbove: 0, clock, runId: o.runId, plans, baseUrl: o.dblpUrl, dumpUrl: o.dumpUrl, ...(o.dtdUrl ? { dtdUrl: o.dtdUrl } : {}) });
  result = { ...r, requests: r.requests + (r.dump?.requests ?? 0), invocations: 1, virtualEndMs: clock.now() };
} else if (stage === 'dblp') {
  // One invocation (one Lambda process): a fresh client, the lease carrying the spacing over from the last one.
  const plans = await readFleet(store, o.runId);
  const r = await harvestDblpChunk({ store, http: leased('dblp', `${o.runId}/dblp/${o.invocation ?? 1}`), clock, runId: o.runId, plans, baseUrl: o.dblpUrl, deadline: clock.now() + o.chunkSeconds * 1000 });
  result = { ...r, invocations: 1, virtualEndMs: clock.now() };
} else if (stage === 'gaps') {
  const plans = await readFleet(store, o.runId);
  const r = await closeArxivGaps({ store, http: leased('arxiv', `${o.runId}/gaps`), clock, runId: o.runId, plans, apiUrl: o.apiUrl });
  result = { ...r, invocations: 1 };
} else if (stage === 'reconcile') {
  const perProfileMs: number[] = [];
  const perProfileCalls: number[] = [];
  let pending = 0;
  let candidates = 0;
  for (const profile of o.sample) {
    const before = store.counts.gets + store.counts.puts + store.counts.lists;
    const t = performance.now();
    const input = await loadProfileFromStore(store, profile);
    const previous = await readPreviousProfile(store, profile);
    const { profile: doc, report } = await reconcileStage({ input, decisions: input.decisions, store, runId: o.runId, now: new Date(o.startTime) });
    await publishRun(store, report, publicObjects(profile, doc, previous));
    perProfileMs.push(performance.now() - t);
    perProfileCalls.push(store.counts.gets + store.counts.puts + store.counts.lists - before);
    pending += report.summary.pendingReview;
    candidates += report.summary.pendingCandidates;
  }
  result = { profiles: o.sample.length, perProfileMs, perProfileCalls, pending, candidates, invocations: o.sample.length };
} else {
  throw new Error(`unknown stage ${stage}`);
}

const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  `${JSON.stringify({
    stage,
    wallMs: performance.now() - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    virtualSeconds: (clock.now() - v0) / 1000,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    store: store.counts,
    ...result,
  })}\n`,
);
