/**
 * The fault matrix of issue 10, by executing the synthesized state machine
 * (test/workflow/local-cloud.ts; the Distributed Map of issue 12 emulated
 * there): three profiles, the real handlers on a folder store that enforces
 * conditional writes, loopback sources (arXiv's Atom API and OAI-PMH, dblp),
 * faults injected where they happen. The sources are harvested once for all
 * profiles, so a harvest that fails degrades every profile (each publishes on
 * its holdings or last good snapshot, with the cause in its report); a
 * reconcile that fails is one profile's. Each case says which profiles were published,
 * what the owner was told (the nightly email says only what it had not told
 * before; a profile not published is told by its own message), what the
 * report says, and that nothing published before was lost.
 *
 * Every AWS call of every case (each function's, the state machine's own —
 * the Map's items and results, the Lambda versions, TellOwnerProfileFailed's
 * sns:Publish to the encrypted topic — and the deploy's) is recorded in one
 * CallLog and evaluated once, by the last test, against the policies the
 * template attaches to each caller (test/infra/iam/workflow-iam.ts).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { discoverStep } from '../../functions/discover/handler.ts';
import { harvestDblpStep } from '../../functions/harvest-dblp/handler.ts';
import { VirtualClock } from '../../src/sources/clock.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import type { Store } from '../../src/store/store.ts';
import type { LoopbackServer } from '../helpers/loopback-server.ts';
import { LocalCloud, S3_INTERNAL, S3_SLOWDOWN, type LocalCloudOptions, type Outcome } from './local-cloud.ts';
import { synthesizeWorkflow, type SynthesizedWorkflow } from './synthesized-workflow.ts';
import { BASELINE, BRAVO_ACCEPTS, NIGHT, PROFILES, bravoDecides, copyStore, deploy, publicState, sourceUrls, stagedWorld, startSources, text } from './world.ts';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WATCHDOG } from '../helpers/watchdog.ts';
import { workflowIam, type WorkflowIam } from '../infra/iam/workflow-iam.ts';
import { prefixOf } from '../infra/iam/recorded-calls.ts';
import { accessTable } from '../infra/iam/stack-access.ts';
import { REPO } from '../helpers/paths.ts';

vi.setConfig({ ...WATCHDOG.workflow });

let workflow: SynthesizedWorkflow;
let sources: LoopbackServer;
let baselineRoot: string;
const baseline: Record<string, Record<string, string>> = {};
let control: { store: Store; outcomes: Outcome[]; told: LocalCloud['told'] };
let baselineTold: LocalCloud['told'];
let iam: WorkflowIam;

const urls = sourceUrls;
type Night = Partial<Omit<LocalCloudOptions, 'workflow' | 'store'>>;

/** The night under test on a copy of the baseline, after bravo's decision. */
async function night(options: Night = {}, prepare?: (store: Store) => Promise<void>) {
  const execution = 'nightly-20261128';
  const { store } = copyStore(baselineRoot);
  await bravoDecides(store);
  await prepare?.(store);
  const cloud = new LocalCloud({ workflow, store, sourceUrls: urls(sources), ...iam.recording, ...options });
  const out = await cloud.run(NIGHT.startTime, execution);
  return { store, cloud, outcomes: out.profiles };
}

/** The arXiv harvest cannot save its progress (S3 throttles every write there): the step fails on every attempt. */
const arxivHarvestDown = () => ({ op: 'put' as const, key: /^harvest\/_arxiv\/progress-/, times: Infinity, error: S3_SLOWDOWN });
/** What the owners were told, in profile order (the Map runs profiles concurrently). */
const byProfile = (told: LocalCloud['told']) => [...told].sort((a, b) => ((a.attributes['profile'] ?? '') < (b.attributes['profile'] ?? '') ? -1 : 1));
const outcomeOf = (outcomes: readonly Outcome[], profile: string) => outcomes.find((o) => o.profile === profile)!;
const published = (outcomes: readonly Outcome[]) => Object.fromEntries(outcomes.map((o) => [o.profile, o.outcome]));
const attempts = (cloud: LocalCloud, fn: string, profile: string) => cloud.invocations.filter((i) => i.functionId === fn && i.profile === profile).map((i) => i.error ?? i.outcome);

interface SourceHealthDoc {
  source: string;
  status: string;
  reasons: string[];
  usedSnapshot?: { runId: string };
  dataFrom: string;
}
async function reportOf(store: Store, profile: string) {
  return JSON.parse(text((await store.get(`reports/${profile}/${NIGHT.runId}/diff.json`))?.body)!) as { sources: SourceHealthDoc[]; changes: unknown[] };
}
const health = async (store: Store, profile: string, source: string) => (await reportOf(store, profile)).sources.find((s) => s.source === source)!;

interface Work {
  id: string;
  ids?: Record<string, string>;
  links?: Record<string, string>;
}
const worksOf = (profileJson: string | undefined) => (JSON.parse(profileJson!) as { publications: Work[] }).publications;

/** Every work published at the baseline is still published, with its identifiers and links. */
function expectNothingLost(profile: string, now: Record<string, string>) {
  const after = new Map(worksOf(now[`public/${profile}/profile.json`]).map((w) => [w.id, w]));
  for (const w of worksOf(baseline[profile]![`public/${profile}/profile.json`])) {
    const kept = after.get(w.id);
    expect(kept, `${profile}: ${w.id} is still published`).toBeDefined();
    expect(kept!.ids ?? {}, `${profile}: ${w.id} keeps its ids`).toMatchObject(w.ids ?? {});
    expect(Object.keys(kept!.links ?? {}), `${profile}: ${w.id} keeps its links`).toEqual(expect.arrayContaining(Object.keys(w.links ?? {})));
  }
}

beforeAll(async () => {
  workflow = await synthesizeWorkflow(await stagedWorld());
  iam = workflowIam(workflow);
  sources = await startSources();
  baselineRoot = mkdtempSync(join(tmpdir(), 'ps-baseline-'));
  const store = new FsStore(baselineRoot);
  expect((await deploy(store, workflow, 'Create', iam.deployAs(store))).Data).toEqual({ Seeded: PROFILES.join(','), Kept: '0' });
  const cloud = new LocalCloud({ workflow, store, sourceUrls: urls(sources), ...iam.recording });
  const first = await cloud.run(BASELINE.startTime, 'nightly-20261127');
  expect(published(first.profiles)).toEqual({ alpha: 'published', bravo: 'published', charlie: 'published' });
  baselineTold = cloud.told;
  for (const p of PROFILES) baseline[p] = await publicState(store, p);
  const quiet = await night();
  control = { store: quiet.store, outcomes: quiet.outcomes, told: quiet.cloud.told };
});
afterAll(async () => {
  await sources?.close();
});

describe('the synthesized workflow', () => {
  it('invokes published Lambda versions, waits longer than each function may run, and does not retry what a retry cannot cure', () => {
    const states = new Map<string, Record<string, unknown>>();
    const walk = (s: Record<string, Record<string, unknown>>) => {
      for (const [name, st] of Object.entries(s)) {
        states.set(name, st);
        const proc = st['ItemProcessor'] as { States: Record<string, Record<string, unknown>> } | undefined;
        if (proc) walk(proc.States);
        for (const b of (st['Branches'] as Array<{ States: Record<string, Record<string, unknown>> }> | undefined) ?? []) walk(b.States);
      }
    };
    walk(workflow.definition['States'] as Record<string, Record<string, unknown>>);
    const lambdaTasks = workflow.tasks.filter((t) => t.target.kind === 'lambda');
    expect(lambdaTasks.map((t) => t.state).sort()).toEqual(['CloseArxivGaps', 'DiscoverProfiles', 'HarvestArxivStep', 'HarvestDblpStep', 'NotifyOwnerStep', 'ReconcileStep', 'RunSummary']);
    for (const t of lambdaTasks) {
      if (t.target.kind !== 'lambda') continue;
      expect(t.target.version, `${t.state} invokes a published version`).toMatch(/CurrentVersion/);
      expect(states.get(t.state)!['TimeoutSeconds']).toBe(workflow.timeouts[t.target.functionId]! + 60);
      const retry = states.get(t.state)!['Retry'] as Array<{ ErrorEquals: string[]; MaxAttempts: number }>;
      expect(retry[0]).toMatchObject({ ErrorEquals: expect.arrayContaining(['InputError', 'RunClaimedError', 'PreconditionFailedError']), MaxAttempts: 0 });
      expect(retry[1]).toMatchObject({ ErrorEquals: expect.arrayContaining(['Lambda.TooManyRequestsException']) }); // throttles apart (test/workflow/throttles.test.ts)
      expect(retry[2]).toMatchObject({ ErrorEquals: ['States.ALL'], MaxAttempts: 2 });
    }
  });

  it('a quiet night: every profile published; bravo gains the work its owner accepted; nothing lost', async () => {
    expect(control.outcomes.map((o) => [o.profile, o.outcome, o.profileChanged])).toEqual([
      ['alpha', 'published', false],
      ['bravo', 'published', true],
      ['charlie', 'published', false],
    ]);
    expect(worksOf((await publicState(control.store, 'bravo'))['public/bravo/profile.json']).some((w) => w.id === BRAVO_ACCEPTS)).toBe(true);
    // The baseline night emailed each owner once, from the notify Lambda, with the profile's message attributes;
    // this night has nothing they were not told: no email (bravo's decision leaves 19 pending, all told).
    expect(byProfile(baselineTold).map((t) => [t.subject, t.attributes, t.via])).toEqual(PROFILES.map((p) => [`${p}: 13 new papers, 6 differences, 1 version event to review`, { profile: p, kind: 'report' }, 'lambda']));
    expect(control.told).toEqual([]);
    expect(control.outcomes.map((o) => [o.profile, o['notice']])).toEqual(PROFILES.map((p) => [p, { status: 'not-needed', newItems: 0, pending: p === 'bravo' ? 19 : 20, reminder: false }]));
    for (const p of PROFILES) expectNothingLost(p, await publicState(control.store, p));
  });
});

describe('fault matrix', () => {
  it('the arXiv harvest fails every attempt: every profile publishes degraded on its holdings, with the cause; the watermark stays', async () => {
    const watermarkBefore = text((await new FsStore(baselineRoot).get('harvest/_arxiv/watermark.json'))?.body);
    const { store, cloud, outcomes } = await night({ storeFaults: [arxivHarvestDown()] });
    expect(published(outcomes)).toEqual({ alpha: 'published-degraded', bravo: 'published-degraded', charlie: 'published-degraded' });
    expect(attempts(cloud, workflow.functions.harvestArxiv, '(run)')).toEqual(['SlowDown', 'SlowDown', 'SlowDown']);
    for (const p of PROFILES) {
      expect(outcomeOf(outcomes, p)).toMatchObject({ degradedSources: ['arxiv'], notice: { status: 'sent', subject: `${p}: source problem; arxiv degraded` } });
      const arxiv = await health(store, p, 'arxiv');
      expect(arxiv).toMatchObject({ status: 'degraded', dataFrom: `holdings ${BASELINE.runId}` });
      expect(arxiv.reasons[0]).toBe('HarvestArxivStep failed after 3 attempts: SlowDown: Please reduce your request rate.');
      expectNothingLost(p, await publicState(store, p));
    }
    // Each owner is told once, with the cause; bravo's accepted work still reaches its profile (reconcile ran on the holdings).
    expect(byProfile(cloud.told).map((t) => [t.subject, t.attributes])).toEqual(PROFILES.map((p) => [`${p}: source problem; arxiv degraded`, { profile: p, kind: 'report' }]));
    expect(cloud.told[0]!.message).toContain('- arxiv: degraded: HarvestArxivStep failed after 3 attempts: SlowDown: Please reduce your request rate.');
    expect(worksOf((await publicState(store, 'bravo'))['public/bravo/profile.json']).some((w) => w.id === BRAVO_ACCEPTS)).toBe(true);
    // The next night asks OAI-PMH from the same datestamp.
    expect(text((await store.get('harvest/_arxiv/watermark.json'))?.body)).toBe(watermarkBefore);
    // The execution's output says what failed, in a few lines.
    expect(cloud.lastSummary?.harvest[0]).toMatchObject({ source: 'arxiv', failed: { step: 'HarvestArxivStep', error: 'SlowDown', attempts: 3 } });
  });

  it('the dblp harvest times out (longer than its function may run) every attempt: all publish degraded on the last good snapshot, no late write', async () => {
    const slow = await startSources({ dblpDelayMs: 1_500 });
    try {
      const { store, cloud, outcomes } = await night({ sourceUrls: urls(slow), timeScale: { [workflow.functions.harvestDblp]: 0.001 } });
      expect(published(outcomes)).toEqual({ alpha: 'published-degraded', bravo: 'published-degraded', charlie: 'published-degraded' });
      // Each retry takes over the lease its timed-out predecessor left (same execution), without waiting for its expiry.
      expect(attempts(cloud, workflow.functions.harvestDblp, '(run)')).toEqual(['Sandbox.Timedout', 'Sandbox.Timedout', 'Sandbox.Timedout']);
      for (const p of PROFILES) {
        const dblp = await health(store, p, 'dblp');
        expect(dblp.reasons[0]).toBe('HarvestDblpStep failed after 3 attempts: Sandbox.Timedout: Task timed out after 900.00 seconds');
        expect(dblp.usedSnapshot?.runId).toBe(BASELINE.runId);
        expectNothingLost(p, await publicState(store, p));
        const manifest = JSON.parse(text((await store.get(`raw/${p}/${NIGHT.runId}/dblp-manifest.json`))?.body)!) as { details: { failure: { error: string } } };
        expect(manifest.details.failure.error).toBe('Sandbox.Timedout');
        // The attempts' processes ended with their timeouts: no page of theirs was written later.
        expect(await store.get(`raw/${p}/${NIGHT.runId}/dblp-1.xml`)).toBeUndefined();
      }
      expect(byProfile(cloud.told).map((t) => t.subject)).toEqual(PROFILES.map((p) => `${p}: source problem; dblp degraded`));
      for (const t of cloud.told) expect(t.message).toContain('- dblp: degraded: HarvestDblpStep failed after 3 attempts: Sandbox.Timedout: Task timed out after 900.00 seconds; using the snapshot of run 20261127T031500Z (24 h old)');
      expect(worksOf((await publicState(store, 'bravo'))['public/bravo/profile.json']).some((w) => w.id === BRAVO_ACCEPTS)).toBe(true);
    } finally {
      await slow.close();
    }
  });

  it('both harvests fail: every profile publishes degraded on its holdings and its last good dblp snapshot', async () => {
    const { store, outcomes } = await night({ storeFaults: [arxivHarvestDown(), { op: 'put', key: /^raw\/[^/]+\/[^/]+\/dblp-\d+\.xml$/, times: Infinity, error: S3_SLOWDOWN }] });
    expect(published(outcomes)).toEqual({ alpha: 'published-degraded', bravo: 'published-degraded', charlie: 'published-degraded' });
    for (const p of PROFILES) {
      expect(outcomeOf(outcomes, p)['degradedSources']).toEqual(['arxiv', 'dblp']);
      expect((await health(store, p, 'arxiv')).reasons[0]).toMatch(/^HarvestArxivStep failed after 3 attempts: SlowDown: /);
      const dblp = await health(store, p, 'dblp');
      expect(dblp.reasons[0]).toMatch(/^HarvestDblpStep failed after 3 attempts: SlowDown: /);
      expect(dblp.usedSnapshot?.runId).toBe(BASELINE.runId);
      expectNothingLost(p, await publicState(store, p));
    }
  });

  it('the gap step fails: the harvest stands, every profile publishes with the cause in its arXiv health', async () => {
    const { store, cloud, outcomes } = await night({ storeFaults: [{ op: 'put', key: /gaps-manifest\.json$/, times: Infinity, error: S3_INTERNAL }] });
    expect(attempts(cloud, workflow.functions.closeGaps, '(run)')).toEqual(['InternalError', 'InternalError', 'InternalError']);
    expect(published(outcomes)).toEqual({ alpha: 'published-degraded', bravo: 'published-degraded', charlie: 'published-degraded' });
    for (const p of PROFILES) {
      const arxiv = await health(store, p, 'arxiv');
      expect(arxiv.reasons[0]).toBe('CloseArxivGaps failed after 3 attempts: InternalError: We encountered an internal error. Please try again.');
      expect(arxiv.dataFrom).toBe(`holdings ${BASELINE.runId}`);
      expectNothingLost(p, await publicState(store, p));
    }
  });

  it('reconcile throws once then succeeds: the retry publishes exactly what a quiet night does', async () => {
    const { store, cloud, outcomes } = await night({ storeFaults: [{ op: 'get', key: /^canonical\/bravo\/cv\.json$/, times: 1, error: S3_INTERNAL }] });
    expect(published(outcomes)).toEqual({ alpha: 'published', bravo: 'published', charlie: 'published' });
    expect(attempts(cloud, workflow.functions.reconcile, 'bravo')).toEqual(['InternalError', 'ok']);
    expect(await publicState(store, 'bravo')).toEqual(await publicState(control.store, 'bravo'));
    const where = (told: LocalCloud['told'], root: string) => told.map((t) => ({ ...t, message: t.message.replaceAll(root, '<store>/') }));
    expect(where(cloud.told, store.description)).toEqual(where(control.told, control.store.description));
  });

  it('reconcile fails every attempt for the middle profile: the others run, its published profile stays, the owner is told step and cause', async () => {
    const latestBefore = text((await new FsStore(baselineRoot).get('reports/bravo/latest.json'))!.body);
    const { store, cloud, outcomes } = await night({ storeFaults: [{ op: 'get', key: /^canonical\/bravo\/cv\.json$/, times: Infinity, error: S3_INTERNAL }] });
    expect(published(outcomes)).toEqual({ alpha: 'published', bravo: 'failed', charlie: 'published' });
    expect(outcomeOf(outcomes, 'bravo')).toMatchObject({ step: 'ReconcileStep', error: 'InternalError', cause: 'We encountered an internal error. Please try again.', notice: { status: 'sent' } });
    expect(attempts(cloud, workflow.functions.reconcile, 'bravo')).toEqual(['InternalError', 'InternalError', 'InternalError']);
    expect(attempts(cloud, workflow.functions.reconcile, 'charlie')).toEqual(['ok']); // charlie ran, bravo's failure notwithstanding
    expect(cloud.lastSummary).toMatchObject({ counts: { profiles: 3, published: 2, publishedDegraded: 0, failed: 1 }, failed: [{ profile: 'bravo', step: 'ReconcileStep', error: 'InternalError' }] });
    // Told once, by the failure message (for filtered subscriptions: profile bravo, kind profile-failed); no report email.
    expect(cloud.told.map((t) => [t.subject, t.attributes, t.via])).toEqual([['profile-sync: bravo was not published', { profile: 'bravo', kind: 'profile-failed' }, 'state']]);
    const told = cloud.told[0]!;
    expect(told.message).toMatch(/^profile-sync could not publish bravo in this run: ReconcileStep failed \(InternalError\): We encountered an internal error\. Please try again\. -- The profile published before stays as it was; the next run tries again\. Execution: arn:aws:states:us-east-1:123456789012:execution:Workflow:nightly-20261128$/);
    expect(await publicState(store, 'bravo')).toEqual(baseline['bravo']); // byte for byte
    expect(text((await store.get('reports/bravo/latest.json'))!.body)).toBe(latestBefore);
  });

  it('broken canonical records for the middle profile fail at once (not retried), with the file and line', async () => {
    const { store, cloud, outcomes } = await night({}, async (s) => {
      const broken = text((await s.get('canonical/bravo/cv.json'))!.body)!.replace('"kind": "demo"', '"kind": "poster"');
      await s.put('canonical/bravo/cv.json', broken, { contentType: 'application/json' });
    });
    expect(published(outcomes)).toEqual({ alpha: 'published', bravo: 'failed', charlie: 'published' });
    expect(attempts(cloud, workflow.functions.reconcile, 'bravo')).toEqual(['InputError']);
    expect(outcomeOf(outcomes, 'bravo')['cause']).toMatch(/canonical\/bravo\/cv\.json:\d+:\d+: publications\[\d+\]\.kind/);
    expect(await publicState(store, 'bravo')).toEqual(baseline['bravo']);
  });

  it('S3 answers 500 once on a publish write: the retry resumes from the run\'s publish record and converges', async () => {
    const { store, cloud, outcomes } = await night({ storeFaults: [{ op: 'put', key: /^public\/bravo\/profile\.json$/, times: 1, error: S3_INTERNAL }] });
    expect(published(outcomes)).toEqual({ alpha: 'published', bravo: 'published', charlie: 'published' });
    expect(attempts(cloud, workflow.functions.reconcile, 'bravo')).toEqual(['InternalError', 'ok']);
    expect(outcomeOf(outcomes, 'bravo')).toMatchObject({ resumed: true, profileChanged: true });
    expect(await publicState(store, 'bravo')).toEqual(await publicState(control.store, 'bravo'));
    for (const key of [`reports/bravo/${NIGHT.runId}/diff.json`, 'reports/bravo/latest.json']) {
      expect(text((await store.get(key))!.body), key).toBe(text((await control.store.get(key))!.body));
    }
  });

  it("the owner's email fails to send: the profile stays published, the output says the owner was not told, and the next night tells it", async () => {
    const snsFaults = [{ match: /bravo/, times: 10 }];
    const { store, cloud, outcomes } = await night({ storeFaults: [arxivHarvestDown()], snsFaults });
    expect(published(outcomes)).toEqual({ alpha: 'published-degraded', bravo: 'published-degraded', charlie: 'published-degraded' });
    expect(outcomeOf(outcomes, 'bravo')).toMatchObject({ notice: { status: 'failed', caught: { Error: 'InternalErrorException' } } });
    expect(attempts(cloud, workflow.functions.notify, 'bravo')).toEqual(['InternalErrorException', 'InternalErrorException', 'InternalErrorException']);
    expect(snsFaults[0]!.times).toBe(7); // the first try and two retries
    const why0 = JSON.stringify((JSON.parse(text((await store.get(`reports/alpha/${NIGHT.runId}/diff.json`))!.body)!) as { sources: SourceHealthDoc[] }).sources.map((x) => x.reasons));
    expect(byProfile(cloud.told).map((t) => t.subject), why0).toEqual(['alpha: source problem; arxiv degraded', 'charlie: source problem; arxiv degraded']);
    expectNothingLost('bravo', await publicState(store, 'bravo'));
    // Nothing was recorded as told to bravo, so the next night (arXiv still failing) tells bravo; alpha and charlie were told.
    expect(text((await store.get('notices/bravo/notified.json'))!.body)).toBe(text((await new FsStore(baselineRoot).get('notices/bravo/notified.json'))!.body));
    const next = new LocalCloud({ workflow, store, sourceUrls: urls(sources), ...iam.recording, storeFaults: [arxivHarvestDown()] });
    await next.run('2026-11-29T03:15:00.000Z', 'nightly-20261129');
    const dblpWhy = JSON.stringify((JSON.parse(text((await store.get('reports/alpha/20261129T031500Z/diff.json'))!.body)!) as { sources: SourceHealthDoc[] }).sources);
    expect(next.told.map((t) => t.subject), dblpWhy).toEqual(['bravo: source problem; arxiv degraded']);
  });

  it('a harvest retried after a partial write (S3 stored the page, the reply was lost) converges on the same raw documents', async () => {
    const { store, cloud, outcomes } = await night({ storeFaults: [{ op: 'put', key: /^raw\/bravo\/[^/]+\/dblp-1\.xml$/, times: 1, afterWrite: true, error: S3_INTERNAL }] });
    expect(published(outcomes)).toEqual({ alpha: 'published', bravo: 'published', charlie: 'published' });
    expect(attempts(cloud, workflow.functions.harvestDblp, '(run)')).toEqual(['InternalError', 'ok']);
    expect((await health(store, 'bravo', 'dblp')).status).toBe('ok');
    // The page the lost reply had stored is the same bytes; the retry wrote its manifest (only its times differ).
    const page = `raw/bravo/${NIGHT.runId}/dblp-1.xml`;
    expect(text((await store.get(page))?.body)).toBe(text((await control.store.get(page))!.body));
    expect(JSON.parse(text((await store.get(`raw/bravo/${NIGHT.runId}/dblp-manifest.json`))!.body)!)).toMatchObject({ status: 'ok', documents: [{ key: page }] });
    expect(await publicState(store, 'bravo')).toEqual(await publicState(control.store, 'bravo'));
  });

  it('reconcile retried after it published everything but latest.json: the report still lists the changes, latest.json says the profile changed', async () => {
    const { store, cloud, outcomes } = await night({ storeFaults: [{ op: 'put', key: /^reports\/bravo\/latest\.json$/, times: 1, error: S3_INTERNAL }] });
    expect(attempts(cloud, workflow.functions.reconcile, 'bravo')).toEqual(['InternalError', 'ok']);
    expect(outcomeOf(outcomes, 'bravo')).toMatchObject({ outcome: 'published', resumed: true, profileChanged: true });
    const report = await reportOf(store, 'bravo');
    expect(report.changes.length).toBeGreaterThan(0); // not recomputed against the profile this run had already published
    for (const key of [`reports/bravo/${NIGHT.runId}/diff.json`, `reports/bravo/${NIGHT.runId}/diff.html`, 'reports/bravo/latest.json']) {
      expect(text((await store.get(key))!.body), key).toBe(text((await control.store.get(key))!.body));
    }
  });
});

describe('runs and re-runs', () => {
  it('the same execution run again (a redrive) converges: it resumes every profile and changes no byte', async () => {
    const { store } = copyStore(baselineRoot);
    await bravoDecides(store);
    const first = new LocalCloud({ workflow, store, sourceUrls: urls(sources), ...iam.recording });
    await first.run(NIGHT.startTime, 'nightly-20261128');
    const snapshot = async () => Object.fromEntries(await Promise.all((await store.list('')).map(async (k) => [k, text((await store.get(k))!.body)] as const)));
    const before = await snapshot();
    const redrive = new LocalCloud({ workflow, store, sourceUrls: urls(sources), ...iam.recording });
    const again = await redrive.run(NIGHT.startTime, 'nightly-20261128');
    expect(again.profiles.map((o) => [o.outcome, o['resumed']])).toEqual([['published', true], ['published', true], ['published', true]]);
    expect(redrive.told).toEqual([]); // nothing told twice
    const after = await snapshot();
    // No byte changed; the re-run adds only its own bookkeeping under runs/ (the Map run's results).
    for (const [key, body] of Object.entries(before)) if (!key.startsWith('runs/')) expect(after[key], key).toBe(body);
    expect(Object.keys(after).filter((k) => !(k in before))).toEqual([expect.stringMatching(/^runs\/map-results\/nightly-20261128\/[^/]+\/SUCCEEDED_0\.json$/), expect.stringMatching(/^runs\/map-results\/nightly-20261128\/[^/]+\/manifest\.json$/)].sort());
    // The harvests found their work done: no source was asked again.
    expect(redrive.invocations.filter((i) => i.profile === '(run)').map((i) => i.outcome)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('a re-run of one profile: only it is reconciled and its dblp page asked; the arXiv delta is still matched against every profile', async () => {
    const { store } = copyStore(baselineRoot);
    const before = sources.requests.length;
    const cloud = new LocalCloud({ workflow, store, sourceUrls: urls(sources), ...iam.recording });
    const out = await cloud.run(NIGHT.startTime, 'rerun-bravo', { profiles: ['bravo'] });
    expect(out.profiles.map((o) => [o.profile, o.outcome])).toEqual([['bravo', 'published']]);
    const fleetDoc = JSON.parse(text((await store.get(`runs/${NIGHT.runId}/fleet.json`))!.body)!) as { plans: Array<{ profile: string }>; items: string[] };
    expect([fleetDoc.plans.map((p) => p.profile), fleetDoc.items]).toEqual([[...PROFILES], ['bravo']]);
    const asked = sources.requests.slice(before).map((q) => q.url.split('?')[0] ?? '');
    expect(asked.filter((u) => u.startsWith('/pid/'))).toHaveLength(1); // bravo's page only
    expect(asked.filter((u) => u === '/oai')).toHaveLength(1); // the night's delta, once, for everyone
    expect(JSON.parse(text((await store.get(`runs/${NIGHT.runId}/profiles.json`))!.body)!)).toEqual([{ profile: 'bravo', startTime: NIGHT.startTime }]);
  });

  it("a harvest that finds another run's lease answers \"partial\" having asked nothing (the workflow calls it again), not a failure", async () => {
    const { store } = copyStore(baselineRoot);
    const rt = { store, clock: new VirtualClock(Date.parse(NIGHT.startTime)), log: () => undefined, sourceUrls: urls(sources), invocationId: 'req-1' };
    const run = { startTime: NIGHT.startTime, execution: 'arn:aws:states:us-east-1:123456789012:execution:Workflow:nightly-20261128' };
    await discoverStep({ ...rt, store: iam.log.store(store, workflow.functions.discover) }, { input: {}, ...run });
    // A manual run holds dblp's lease for the next hour.
    const held = { schemaVersion: 1, source: 'dblp', holder: 'arn:…:execution:Workflow:manual/…/req-9', acquiredAt: rt.clock.now(), expiresAt: rt.clock.now() + 3_600_000, released: false, requests: 3 };
    await store.put('harvest/_lease/dblp.json', JSON.stringify(held), { contentType: 'application/json' });
    const before = sources.requests.length;
    const result = await harvestDblpStep({ ...rt, store: iam.log.store(store, workflow.functions.harvestDblp) }, run);
    expect(result).toMatchObject({ status: 'partial', leaseBusy: expect.stringMatching(/^dblp lease is held by arn:…:execution:Workflow:manual\/…\/req-9 until /) });
    expect(sources.requests.length).toBe(before);
  });

  it('another execution with the same run id (same start second) is refused at its first step: it asks no source and writes nothing', async () => {
    const { store } = copyStore(baselineRoot);
    await bravoDecides(store);
    await new LocalCloud({ workflow, store, sourceUrls: urls(sources), ...iam.recording }).run(NIGHT.startTime, 'nightly-20261128');
    const snapshot = async () => Object.fromEntries(await Promise.all((await store.list('')).map(async (k) => [k, text((await store.get(k))!.body)] as const)));
    const before = await snapshot();
    const asked = sources.requests.length;
    const intruder = new LocalCloud({ workflow, store, sourceUrls: urls(sources), ...iam.recording });
    const failed = await intruder.run(NIGHT.startTime, 'manual-start').then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    // The execution fails (the run-failed rule tells the operator, with this cause); no step is retried.
    expect(failed?.message).toMatch(/RunClaimedError|belongs to arn:aws:states:us-east-1:123456789012:execution:Workflow:nightly-20261128/);
    expect(intruder.invocations.map((i) => [i.functionId, i.error])).toEqual([[workflow.functions.discover, 'RunClaimedError']]);
    expect(intruder.told).toEqual([]);
    expect(sources.requests.length).toBe(asked);
    expect(await snapshot()).toEqual(before);
  });
});

describe('IAM: every call the fault matrix made', () => {
  it('every call of every function, of the state machine and of the deploy, in every case above, is allowed by the policies the template attaches to its caller', async () => {
    // Not vacuous: the paths only faults reach were recorded (the state machine's own message for a failed profile,
    // the failed S3 writes that were retried, the redrive's and the refused run's calls).
    const callers = new Set(iam.log.calls.map((c) => c.caller));
    expect(callers).toEqual(new Set([...Object.values(workflow.functions), 'Workflow', workflow.ids.seed, iam.deployer]));
    expect(iam.log.calls.some((c) => c.caller === 'Workflow' && c.requests.some((q) => q.action === 'sns:Publish'))).toBe(true);
    expect(iam.requestCount()).toBeGreaterThan(5000);
    const violations = await iam.violations();
    mkdirSync(join(REPO, 'test-output'), { recursive: true });
    writeFileSync(
      join(REPO, 'test-output', 'iam-fault-matrix-access.md'),
      `# Calls seen while the fault matrix ran (deploy, baseline, every case)\n\n${iam.log.calls.length} calls, ${iam.requestCount()} IAM requests evaluated.\n\n${accessTable(iam.log.calls, (k) => prefixOf(k, PROFILES))}\n\n## Denied\n\n${violations.map((v) => `- ${v}`).join('\n') || 'none'}\n`,
    );
    expect(violations).toEqual([]);
  });
});
