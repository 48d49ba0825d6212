/**
 * The canonical records' one home is the bucket: pull, push and remove are
 * guarded by the ETags pulled; a deploy seeds create-only; the run finds its
 * profiles at start. The bucket is a folder store, strict about conditions as S3.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storeHome } from '../../src/canonical/canonical-home.ts';
import { pullProfile } from '../../src/pipeline/records/pull.ts';
import { pushProfile } from '../../src/pipeline/records/push.ts';
import { removeProfile } from '../../src/pipeline/records/remove.ts';
import { discoverProfiles } from '../../src/pipeline/records/profile-manifest.ts';
import { RecordsConflict } from '../../src/pipeline/records/records-conflict.ts';
import { latestReport } from '../../src/review/latest-report.ts';
import { recordAnswers, startSession } from '../../src/review/record-answers.ts';
import { dataCopy, deploy, nightly, seededBucket } from '../helpers/owner-bucket.ts';
import { FIRST_PROFILE as P } from '../helpers/paths.ts';

const now = new Date('2026-11-28T10:00:00Z');
const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined);

/** A second profile: the first user's records under another id. */
function addProfile(data: string, id: string): void {
  const from = join(data, 'profiles', P);
  const to = join(data, 'profiles', id);
  cpSync(from, to, { recursive: true });
  for (const f of ['cv.json', 'config.json']) writeFileSync(join(to, f), readFileSync(join(to, f), 'utf8').replace(`"profile": "${P}"`, `"profile": "${id}"`));
  cpSync(join(data, 'recordings', P), join(data, 'recordings', id), { recursive: true });
}

/** A seeded bucket after one nightly run, and a laptop that pulled the profile from it. */
async function pulledAfterARun() {
  const data = dataCopy();
  const { store } = await seededBucket(data, [P]);
  const home = storeHome(store);
  await nightly(store, data, '20261128T030000Z');
  const laptop = dataCopy();
  await pullProfile({ dataDir: laptop, home, profile: P, force: false, now });
  return { data, store, home, laptop };
}

describe('pull and push', () => {
  it('pull writes the bucket records locally and remembers their ETags; an edit pushes on them', async () => {
    const data = dataCopy();
    const { store } = await seededBucket(data, [P]);
    const laptop = dataCopy();
    const home = storeHome(store);
    await pullProfile({ dataDir: laptop, home, profile: P, force: false, now });
    const state = JSON.parse(readFileSync(join(laptop, 'profiles', P, '.pulled.json'), 'utf8'));
    expect(state.stores[home.description].files['cv.json'].etag).toBe((await store.get(`canonical/${P}/cv.json`))!.etag);
    expect(state.stores[home.description].files['decisions.json']).toBeNull(); // absent in the bucket: push creates it (If-None-Match *)

    const cvFile = join(laptop, 'profiles', P, 'cv.json');
    writeFileSync(cvFile, readFileSync(cvFile, 'utf8').replace('"asOf": "2020-12-02"', '"asOf": "2026-11-28"'));
    const pushed = await pushProfile({ dataDir: laptop, home, profile: P, force: false, now });
    expect(pushed.written).toEqual(['cv.json']);
    expect(pushed.unchanged).toContain('fetch-plan.json'); // derived from the same people and IDs: unchanged
    expect(text((await store.get(`canonical/${P}/cv.json`))?.body)).toContain('"asOf": "2026-11-28"');
    // a second push has nothing to do
    expect((await pushProfile({ dataDir: laptop, home, profile: P, force: false, now })).written).toEqual([]);
  });

  it('a stale push is refused, saying which decisions and works changed in the bucket and when; nothing is written', async () => {
    const { store, home, laptop } = await pulledAfterARun();
    // Meanwhile, a review on the other laptop records two decisions in the bucket and accepts a paper.
    const report = await latestReport(store, P);
    await recordAnswers(home, P, report, [{ id: 'cand:arxiv-2101-05068', action: 'accept' }, { id: 'cand:arxiv-2511-99999', action: 'reject' }], await startSession(home, P), '2026-11-28T09:00:00.000Z');
    const bucketCv = text((await store.get(`canonical/${P}/cv.json`))?.body);
    // This laptop edits a title and pushes.
    const cvFile = join(laptop, 'profiles', P, 'cv.json');
    writeFileSync(cvFile, readFileSync(cvFile, 'utf8').replace('"title": "Photorealistic Style Transfer via Wavelet Transforms"', '"title": "Photorealistic Style Transfer via Wavelet Transforms (WCT2)"'));
    const err = await pushProfile({ dataDir: laptop, home, profile: P, force: false, now }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecordsConflict);
    const message = (err as Error).message;
    expect(message).toContain('changed since your pull');
    expect(message).toMatch(/decisions\.json changed in the store at \d{4}-\d\d-\d\dT[\d:.]+Z \(this push leaves it as it is\)/);
    expect(message).toContain('decision added: cand:arxiv-2101-05068 → accept at 2026-11-28T09:00:00.000Z');
    expect(message).toContain('decision added: cand:arxiv-2511-99999 → reject');
    expect(message).toMatch(/cv\.json changed in the store at \d{4}-\d\d-\d\dT[\d:.]+Z:\n\s+work added: arxiv-2101-05068 "Probabilistic Embeddings for Cross-Modal Retrieval"/);
    expect(text((await store.get(`canonical/${P}/cv.json`))?.body)).toBe(bucketCv); // nothing written

    // both sides changed cv.json: pull stops too, naming what each side changed
    await expect(pullProfile({ dataDir: laptop, home, profile: P, force: false, now })).rejects.toThrow(/both your local copy and .* changed since the last pull/);
    // --force pushes this laptop's version (still conditional on the bucket's current ETags)
    const forced = await pushProfile({ dataDir: laptop, home, profile: P, force: true, now });
    expect(forced.written).toEqual(['cv.json']);
    expect(text((await store.get(`canonical/${P}/cv.json`))?.body)).toContain('(WCT2)');
    // the bucket's decisions (this laptop has no decisions.json) stay
    expect(text((await store.get(`canonical/${P}/decisions.json`))?.body)).toContain('cand:arxiv-2511-99999');
  });

  it('pull keeps unpushed local edits of files the bucket did not change, and merges decisions by item', async () => {
    const { store, home, laptop } = await pulledAfterARun();
    const report = await latestReport(store, P);
    // laptop: a decision by hand-free review into data/ and a config edit; bucket: another decision
    const { folderHome } = await import('../../src/canonical/canonical-home.ts');
    await recordAnswers(folderHome(laptop), P, report, [{ id: 'cand:arxiv-2305-18171', action: 'reject' }], await startSession(folderHome(laptop), P), '2026-11-28T08:00:00.000Z');
    const configFile = join(laptop, 'profiles', P, 'config.json');
    writeFileSync(configFile, readFileSync(configFile, 'utf8').replace('"discoverMaxResults": 200', '"discoverMaxResults": 300'));
    await recordAnswers(home, P, report, [{ id: 'cand:arxiv-2511-99999', action: 'reject' }], await startSession(home, P), '2026-11-28T09:00:00.000Z');

    const r = await pullProfile({ dataDir: laptop, home, profile: P, force: false, now });
    expect(r).toMatchObject({ keptLocal: ['config.json'], merged: ['decisions.json'] });
    const merged = JSON.parse(readFileSync(join(laptop, 'profiles', P, 'decisions.json'), 'utf8'));
    expect(merged.decisions.map((d: { item: string }) => d.item).sort()).toEqual(['cand:arxiv-2305-18171', 'cand:arxiv-2511-99999']);
    expect((await pushProfile({ dataDir: laptop, home, profile: P, force: false, now })).written).toEqual(['config.json', 'decisions.json', 'fetch-plan.json']);
    expect(JSON.parse(text((await store.get(`canonical/${P}/fetch-plan.json`))?.body)!).sources.arxiv.discoverMaxResults).toBe(300);
  });

  it('push validates as sync does: a broken cv.json is refused with file, field and line, and nothing is written', async () => {
    const data = dataCopy();
    const { store } = await seededBucket(data, [P]);
    const home = storeHome(store);
    const laptop = dataCopy();
    await pullProfile({ dataDir: laptop, home, profile: P, force: false, now });
    const cvFile = join(laptop, 'profiles', P, 'cv.json');
    writeFileSync(cvFile, readFileSync(cvFile, 'utf8').replace('"kind": "workshop"', '"kind": "workshp"'));
    const before = (await store.get(`canonical/${P}/cv.json`))!.etag;
    await expect(pushProfile({ dataDir: laptop, home, profile: P, force: false, now })).rejects.toThrow(/cv\.json:\d+:\d+: publications\[4\]\.kind/);
    expect((await store.get(`canonical/${P}/cv.json`))!.etag).toBe(before);
  });
});

describe('profiles without a deploy', () => {
  it('push adds a profile, a config flag pauses it, remove takes it out; the run finds them at start', async () => {
    const data = dataCopy();
    const { store } = await seededBucket(data, [P]);
    const home = storeHome(store);
    expect((await discoverProfiles(store)).profiles.map((p) => p.profile)).toEqual([P]);

    addProfile(data, 'ada-lab');
    const added = await pushProfile({ dataDir: data, home, profile: 'ada-lab', force: false, now });
    expect(added.created).toBe(true);
    expect(added.written).toEqual(['config.json', 'fetch-plan.json', 'cv.json']);
    expect(await discoverProfiles(store)).toEqual({ profiles: [{ profile: 'ada-lab', fetchPlan: 'canonical/ada-lab/fetch-plan.json' }, { profile: P, fetchPlan: `canonical/${P}/fetch-plan.json` }], skipped: [] });
    const { result } = await nightly(store, data, '20261128T030000Z');
    expect(result.profiles.map((p) => [p.profile, p.status])).toEqual([['ada-lab', 'published'], [P, 'published']]);

    // pause: a flag in config.json, pushed
    const config = join(data, 'profiles', 'ada-lab', 'config.json');
    writeFileSync(config, readFileSync(config, 'utf8').replace('"schemaVersion": 1,', '"schemaVersion": 1,\n  "paused": true,'));
    expect((await pushProfile({ dataDir: data, home, profile: 'ada-lab', force: false, now })).written).toEqual(['config.json']);
    expect((await discoverProfiles(store)).skipped).toEqual([{ profile: 'ada-lab', reason: 'paused (config.json)' }]);

    // remove: guarded by the pulled ETags; public/ stays
    await removeProfile({ dataDir: data, home, profile: 'ada-lab', force: false, now });
    expect(await store.list('canonical/ada-lab/')).toEqual(['canonical/ada-lab/removed.json']);
    expect(await store.get('public/ada-lab/profile.json')).toBeDefined();
    expect(await discoverProfiles(store)).toEqual({ profiles: [{ profile: P, fetchPlan: `canonical/${P}/fetch-plan.json` }], skipped: [] });
    // a deploy does not bring it back; an explicit push --force does
    expect((await deploy(store, data, ['ada-lab', P], 'd2')).kept.map((k) => k.profile)).toEqual(['ada-lab', P]);
    await expect(pushProfile({ dataDir: data, home, profile: 'ada-lab', force: false, now })).rejects.toThrow(/was removed .* push --force adds it again/);
    await pushProfile({ dataDir: data, home, profile: 'ada-lab', force: true, now });
    expect(await store.get('canonical/ada-lab/removed.json')).toBeUndefined();
  });

  it('remove refuses when the bucket changed since the pull (a decision recorded elsewhere), and removes nothing', async () => {
    const { store, home, laptop } = await pulledAfterARun();
    await recordAnswers(home, P, await latestReport(store, P), [{ id: 'cand:arxiv-2511-99999', action: 'reject' }], await startSession(home, P), '2026-11-28T09:00:00.000Z');
    await expect(removeProfile({ dataDir: laptop, home, profile: P, force: false, now })).rejects.toThrow(/decision added: cand:arxiv-2511-99999 → reject[\s\S]*Nothing was removed/);
    expect((await store.list(`canonical/${P}/`)).sort()).toEqual([`canonical/${P}/config.json`, `canonical/${P}/cv.json`, `canonical/${P}/decisions.json`, `canonical/${P}/fetch-plan.json`]);
  });

  it('a deploy seeds only what the bucket lacks, create-only: it never overwrites records edited since', async () => {
    const data = dataCopy();
    const { store } = await seededBucket(data, [P]);
    const home = storeHome(store);
    await recordAnswers(home, P, await (async () => (await nightly(store, data, '20261128T030000Z'), latestReport(store, P)))(), [{ id: 'cand:arxiv-2101-05068', action: 'accept' }], await startSession(home, P), '2026-11-28T09:00:00.000Z');
    const cv = (await store.get(`canonical/${P}/cv.json`))!.etag;
    const decisions = (await store.get(`canonical/${P}/decisions.json`))!.etag;
    addProfile(data, 'ada-lab');
    const seeded = await deploy(store, data, [P, 'ada-lab'], 'd2'); // the repository's stale copy of P is staged too
    expect(seeded).toEqual({ seeded: ['ada-lab'], kept: [{ profile: P, reason: 'already in the store (its records there are the truth)' }] });
    expect((await store.get(`canonical/${P}/cv.json`))!.etag).toBe(cv);
    expect((await store.get(`canonical/${P}/decisions.json`))!.etag).toBe(decisions);
    // seeding again (a retried custom resource) converges
    expect((await deploy(store, data, ['ada-lab'], 'd3')).kept).toEqual([{ profile: 'ada-lab', reason: 'already in the store (its records there are the truth)' }]);
  });
});
