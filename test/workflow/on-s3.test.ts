/**
 * The workflow on S3Store, against an endpoint that enforces conditional
 * writes as S3 does (s3rver behind test/helpers/conditional-s3.ts): S3's own
 * 412s drive the retry and concurrency paths, and a PUT that S3 stored but
 * answered 500 is retried by the SDK itself.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startConditionalS3, type ConditionalS3 } from '../helpers/conditional-s3.ts';
import type { LoopbackServer } from '../helpers/loopback-server.ts';
import type { PublishedProfile } from '../../src/model/profile.ts';
import { publicObjects } from '../../src/publish/publish.ts';
import { LocalCloud } from './local-cloud.ts';
import { synthesizeWorkflow, type SynthesizedWorkflow } from './synthesized-workflow.ts';
import { BASELINE, BRAVO_ACCEPTS, NIGHT, PROFILES, bravoDecides, deploy, publicState, sourceUrls, stagedWorld, startSources, text } from './world.ts';
import { WATCHDOG } from '../helpers/watchdog.ts';

vi.setConfig({ ...WATCHDOG.workflow });

let workflow: SynthesizedWorkflow;
let sources: LoopbackServer;
let s3: ConditionalS3;

beforeAll(async () => {
  workflow = await synthesizeWorkflow(await stagedWorld());
  sources = await startSources();
  s3 = await startConditionalS3();
});
afterAll(async () => {
  await sources?.close();
  await s3?.close();
});

describe('the workflow on S3 with conditional writes', () => {
  it('publishes through a 500 after a stored write, converges on a redrive, and refuses another execution with the same run id', async () => {
    const store = s3.store('night/');
    const cloud = () => new LocalCloud({ workflow, store, sourceUrls: sourceUrls(sources) });
    // The deploy's seeding creates canonical/ through S3's If-None-Match.
    expect((await deploy(store, workflow)).Data).toEqual({ Seeded: PROFILES.join(','), Kept: '0' });
    expect((await cloud().run(BASELINE.startTime, 'nightly-20261127')).profiles.map((o) => o.outcome)).toEqual(['published', 'published', 'published']);
    await bravoDecides(store);

    // S3 stores bravo's new profile but the reply is a 500: the SDK retries its conditional PUT, S3 answers 412,
    // and the publish recognises its own bytes.
    s3.faults.push({ method: 'PUT', key: /^night\/public\/bravo\/profile\.json$/, when: 'after', times: 1 });
    const night = await cloud().run(NIGHT.startTime, 'nightly-20261128');
    expect(night.profiles.map((o) => [o.profile, o.outcome, o['resumed']])).toEqual([['alpha', 'published', false], ['bravo', 'published', false], ['charlie', 'published', false]]);
    const puts = s3.requests.filter((r) => r.method === 'PUT' && r.key === 'night/public/bravo/profile.json');
    expect(puts.slice(-2).map((r) => [r.status, r.condition?.split(' ')[0]])).toEqual([[500, 'If-Match'], [412, 'If-Match']]);
    const profile = JSON.parse(text((await store.get('public/bravo/profile.json'))!.body)!) as { runId: string; publications: Array<{ id: string }> };
    expect(profile.runId).toBe(NIGHT.runId);
    expect(profile.publications.some((w) => w.id === BRAVO_ACCEPTS)).toBe(true);
    expect(JSON.parse(text((await store.get('reports/bravo/latest.json'))!.body)!)).toMatchObject({ runId: NIGHT.runId, profileChanged: true });

    // The same execution again: every write is a 412 that S3 answers and the run's owner accepts.
    const keys = await store.list('');
    const bytes = async () => Object.fromEntries(await Promise.all(keys.map(async (k) => [k, text((await store.get(k))!.body)] as const)));
    const before = await bytes();
    const redrive = await cloud().run(NIGHT.startTime, 'nightly-20261128');
    expect(redrive.profiles.map((o) => [o.outcome, o['resumed']])).toEqual([['published', true], ['published', true], ['published', true]]);
    // No byte changed; the re-run adds only its Map run's results under runs/map-results/ and rewrites its own outcomes.
    const outside = (b: Record<string, string | undefined>) => Object.fromEntries(Object.entries(b).filter(([k]) => !k.startsWith('runs/')));
    const after = await (async () => Object.fromEntries(await Promise.all((await store.list('')).map(async (k) => [k, text((await store.get(k))!.body)] as const))))();
    expect(outside(after)).toEqual(outside(before));
    expect((await store.list('')).filter((k) => !keys.includes(k)).every((k) => k.startsWith('runs/map-results/'))).toBe(true);

    // Another execution that started in the same second: S3's 412 on the run's claim stops it at its first step.
    const intruder = cloud();
    await expect(intruder.run(NIGHT.startTime, 'manual-start')).rejects.toThrow(/RunClaimedError|belongs to/);
    expect(intruder.invocations.map((i) => i.error)).toEqual(['RunClaimedError']);
    expect(s3.requests.filter((r) => r.key === `night/runs/${NIGHT.runId}/owner.json` && r.method === 'PUT').map((r) => r.status).at(-1)).toBe(412);
    expect(outside(await (async () => Object.fromEntries(await Promise.all((await store.list('')).map(async (k) => [k, text((await store.get(k))!.body)] as const))))())).toEqual(outside(before));
    // every public object of each profile (the formats, the site exports, the profile) is still there, as it was
    for (const p of PROFILES) {
      const published = JSON.parse(text((await store.get(`public/${p}/profile.json`))!.body)!) as PublishedProfile;
      expect(Object.keys(await publicState(store, p)).sort()).toEqual(publicObjects(p, published, published).map((o) => o.key).filter((k) => k.startsWith(`public/${p}/`)).sort());
    }
  });
});
