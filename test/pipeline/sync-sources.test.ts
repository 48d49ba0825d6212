/**
 * The sync's fetch stage end to end: live against a loopback server that
 * answers with the first user's recordings (virtual time), and offline replay.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordProfile } from '../../src/harvest/record.ts';
import { clientsFor, runSync } from '../../src/pipeline/sync.ts';
import { loadProfileInput } from '../../src/canonical/profile-input.ts';
import { VirtualClock } from '../../src/sources/clock.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import type { LoopbackServer } from '../helpers/loopback-server.ts';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';
import { startRecordingsServer } from '../helpers/recordings-server.ts';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const RUN = '20261128T030000Z';

describe('sync of the first user, live against a loopback arXiv and dblp', () => {
  it('makes 3 requests (dblp author search + person, one arXiv discovery page) and waits 1 s in all', async () => {
    const clock = new VirtualClock();
    const times: Array<[string, number]> = [];
    server = await startRecordingsServer((url) => times.push([url.split('?')[0]!, clock.now()]));
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-sync-')));
    const result = await runSync({
      dataDir: DATA,
      store,
      profiles: [FIRST_PROFILE],
      runId: RUN,
      now: new Date(clock.now()),
      clock,
      sources: { kind: 'live', arxivUrl: `${server.baseUrl}/api/query`, dblpUrl: server.baseUrl },
    });
    const outcome = result.profiles[0]!;
    expect(outcome.status).toBe('published');
    if (outcome.status !== 'published') return;
    expect(outcome.sources.dblp).toMatchObject({ status: 'ok', mode: 'live', requests: 2, documents: 2, records: 4 });
    // Every CoRR arXiv ID was already returned by discovery: no id_list request is needed.
    expect(outcome.sources.arxiv).toMatchObject({ status: 'ok', mode: 'live', requests: 1, documents: 1, records: 23 });
    expect(times.map(([u]) => u)).toEqual(['/search/author/api', '/pid/000/0001.xml', '/api/query']);
    expect(clock.waited).toBe(1000);
    expect(await store.list(`raw/${FIRST_PROFILE}/${RUN}/`)).toEqual([
      `raw/${FIRST_PROFILE}/${RUN}/arxiv-1.xml`,
      `raw/${FIRST_PROFILE}/${RUN}/arxiv-manifest.json`,
      `raw/${FIRST_PROFILE}/${RUN}/dblp-1.json`,
      `raw/${FIRST_PROFILE}/${RUN}/dblp-2.xml`,
      `raw/${FIRST_PROFILE}/${RUN}/dblp-manifest.json`,
      `raw/${FIRST_PROFILE}/${RUN}/owner.json`, // the run's claim (src/store/run-claim.ts)
    ]);
    // The raw bytes are the served bytes.
    const served = readFileSync(join(DATA, 'recordings', FIRST_PROFILE, 'dblp-2.xml'));
    expect(Buffer.from((await store.get(`raw/${FIRST_PROFILE}/${RUN}/dblp-2.xml`))!.body).equals(served)).toBe(true);
  });

  it('with a configured dblp pid and an arXiv ID that discovery does not return: 1 dblp request, 2 arXiv requests 3 s apart', async () => {
    const data = mkdtempSync(join(tmpdir(), 'ps-data-'));
    cpSync(join(DATA, 'profiles'), join(data, 'profiles'), { recursive: true });
    const cfgFile = join(data, 'profiles', FIRST_PROFILE, 'config.json');
    writeFileSync(cfgFile, readFileSync(cfgFile, 'utf8').replace('"searchName": "Sanghyuk Chun"', '"pid": "000/0001"'));
    const cvFile = join(data, 'profiles', FIRST_PROFILE, 'cv.json');
    writeFileSync(cvFile, readFileSync(cvFile, 'utf8').replace('"venue": "BigData\'17",', '"venue": "BigData\'17",\n      "ids": { "arxiv": "1707.01234" },'));
    const clock = new VirtualClock();
    const urls: string[] = [];
    server = await startRecordingsServer((u) => urls.push(u));
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-sync-')));
    const result = await runSync({ dataDir: data, store, profiles: [], runId: RUN, now: new Date(clock.now()), clock, sources: { kind: 'live', arxivUrl: `${server.baseUrl}/api/query`, dblpUrl: server.baseUrl } });
    expect(urls.map((u) => decodeURIComponent(u).split('&')[0])).toEqual(['/pid/000/0001.xml', '/api/query?search_query=au:Chun_Sanghyuk', '/api/query?id_list=1707.01234']);
    expect(clock.sleeps).toEqual([3000]);
    const outcome = result.profiles[0]!;
    // The recorded id_list answer does not contain 1707.01234: reported, not fatal.
    expect(outcome.status === 'published' && outcome.sources.arxiv.reasons).toEqual(['IDs not found on arXiv: 1707.01234']);
  });

  it('an unreachable source is degraded and the profile is still published', async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-sync-')));
    const result = await runSync({
      dataDir: DATA,
      store,
      profiles: [FIRST_PROFILE],
      runId: RUN,
      now: new Date('2026-11-28T03:00:00Z'),
      clock: new VirtualClock(),
      // Port 9 (discard) on loopback: connection refused at once.
      sources: { kind: 'live', arxivUrl: 'http://127.0.0.1:9/api/query', dblpUrl: 'http://127.0.0.1:9', timeoutMs: 1000 },
    });
    const outcome = result.profiles[0]!;
    expect(outcome.status).toBe('published');
    if (outcome.status !== 'published') return;
    expect(outcome.sources.dblp.status).toBe('degraded');
    expect(outcome.sources.arxiv.status).toBe('degraded');
    expect(outcome.sources.arxiv.reasons[0]).toMatch(/connection refused \(ECONNREFUSED\) \(4 attempts\)/);
    expect(await store.list(`public/${FIRST_PROFILE}/`)).toContain(`public/${FIRST_PROFILE}/profile.json`);
  });
});

describe('offline replay and live re-recording', () => {
  it('replays the recordings into raw/ unchanged, with manifests saying so', async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-sync-')));
    const result = await runSync({ dataDir: DATA, store, profiles: [], runId: RUN, now: new Date('2026-11-28T03:00:00Z'), sources: { kind: 'replay' } });
    const outcome = result.profiles[0]!;
    expect(outcome.status === 'published' && outcome.sources).toMatchObject({ arxiv: { status: 'ok', mode: 'replay', documents: 2, records: 34 }, dblp: { status: 'ok', mode: 'replay', documents: 2, records: 4 } });
    for (const f of ['arxiv-1.xml', 'arxiv-2.xml', 'dblp-1.json', 'dblp-2.xml']) {
      const stored = (await store.get(`raw/${FIRST_PROFILE}/${RUN}/${f}`))!.body;
      expect(Buffer.from(stored).equals(readFileSync(join(DATA, 'recordings', FIRST_PROFILE, f)))).toBe(true);
    }
    const manifest = JSON.parse(new TextDecoder().decode((await store.get(`raw/${FIRST_PROFILE}/${RUN}/dblp-manifest.json`))!.body));
    expect(manifest).toMatchObject({ mode: 'replay', details: { recording: 'assembled' } });
  });

  it('record replaces a profile\'s recordings with what the (loopback) sources answer', async () => {
    const data = mkdtempSync(join(tmpdir(), 'ps-rec-'));
    cpSync(DATA, data, { recursive: true });
    server = await startRecordingsServer();
    const input = await loadProfileInput(data, FIRST_PROFILE);
    const clock = new VirtualClock();
    const clients = clientsFor([input], { kind: 'live', arxivUrl: `${server.baseUrl}/api/query`, dblpUrl: server.baseUrl }, clock);
    const result = await recordProfile(data, FIRST_PROFILE, clients, clock, RUN);
    expect(result.sources.arxiv).toMatchObject({ status: 'ok', kept: 'new', files: ['arxiv-1.xml'] });
    expect(result.sources.dblp).toMatchObject({ status: 'ok', kept: 'new', files: ['dblp-1.json', 'dblp-2.xml'] });
    const dir = join(data, 'recordings', FIRST_PROFILE);
    expect(readdirSync(dir).sort()).toEqual(['arxiv-1.xml', 'dblp-1.json', 'dblp-2.xml', 'manifest.json']);
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toMatchObject({ how: 'live', documents: [{ file: 'arxiv-1.xml', source: 'arxiv', purpose: 'author-discovery page 1' }, { file: 'dblp-1.json' }, { file: 'dblp-2.xml', purpose: 'person' }] });
  });

  it('a replay carries the time its recording was captured, never the replay\'s; an assembled recording says the time is unknown', async () => {
    const text = async (store: FsStore, key: string) => new TextDecoder().decode((await store.get(key))!.body);
    type Prov = Record<string, { fetchedAt?: string; capture?: string }>;
    const provenances = async (store: FsStore) => (JSON.parse(await text(store, `public/${FIRST_PROFILE}/profile.json`)) as { publications: Array<{ provenance: Prov }> }).publications.flatMap((w) => Object.values(w.provenance));
    // Assembled (the first user's recordings): no capture time, and nothing invented.
    const assembled = new FsStore(mkdtempSync(join(tmpdir(), 'ps-sync-')));
    await runSync({ dataDir: DATA, store: assembled, profiles: [FIRST_PROFILE], runId: '20270115T030000Z', now: new Date('2027-01-15T03:00:00Z'), sources: { kind: 'replay' } });
    const unknown = await provenances(assembled);
    expect(unknown.length).toBeGreaterThan(10);
    for (const p of unknown) expect(p).toEqual(expect.objectContaining({ capture: 'replayed, capture time unknown' }));
    expect(unknown.some((p) => p.fetchedAt !== undefined)).toBe(false);
    const md = await text(assembled, `reports/${FIRST_PROFILE}/20270115T030000Z/diff.md`);
    expect(md).toContain('| arxiv | **ok** (replay) |');
    expect(md).toMatch(/20270115T030000Z \\?\(replayed, capture time unknown\\?\)/); // Markdown escapes the parentheses
    expect(await text(assembled, `reports/${FIRST_PROFILE}/20270115T030000Z/diff.html`)).toContain('20270115T030000Z (replayed, capture time unknown)');
    // Captured live (record against loopback sources at 2026-11-28T03:00Z virtual time), replayed weeks later.
    const data = mkdtempSync(join(tmpdir(), 'ps-rec-'));
    cpSync(DATA, data, { recursive: true });
    server = await startRecordingsServer();
    const input = await loadProfileInput(data, FIRST_PROFILE);
    const clock = new VirtualClock(Date.parse('2026-11-28T03:00:00Z'));
    await recordProfile(data, FIRST_PROFILE, clientsFor([input], { kind: 'live', arxivUrl: `${server.baseUrl}/api/query`, dblpUrl: server.baseUrl }, clock), clock, RUN);
    const recordedAt = (JSON.parse(readFileSync(join(data, 'recordings', FIRST_PROFILE, 'manifest.json'), 'utf8')) as { documents: Array<{ recordedAt: string }> }).documents.map((d) => d.recordedAt);
    expect(recordedAt.every((t) => t.startsWith('2026-11-28T03:00:0'))).toBe(true);
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-sync-')));
    await runSync({ dataDir: data, store, profiles: [FIRST_PROFILE], runId: '20270115T030000Z', now: new Date('2027-01-15T03:00:00Z'), sources: { kind: 'replay' } });
    const captured = await provenances(store);
    expect(captured.length).toBeGreaterThan(10);
    for (const p of captured) {
      expect(p.capture).toBe('replayed');
      expect(recordedAt).toContain(p.fetchedAt);
    }
    expect(await text(store, `reports/${FIRST_PROFILE}/20270115T030000Z/diff.md`)).toMatch(/20270115T030000Z \\?\(replayed, captured 2026-11-28T03:00:0\d\.\d{3}Z\\?\)/);
  });

  it('a source that fails while recording keeps its previous recordings', async () => {
    const data = mkdtempSync(join(tmpdir(), 'ps-rec-'));
    cpSync(DATA, data, { recursive: true });
    server = await startRecordingsServer();
    const input = await loadProfileInput(data, FIRST_PROFILE);
    const clock = new VirtualClock();
    const clients = clientsFor([input], { kind: 'live', arxivUrl: `${server.baseUrl}/nothing-here`, dblpUrl: server.baseUrl }, clock);
    const result = await recordProfile(data, FIRST_PROFILE, clients, clock, RUN);
    expect(result.sources.arxiv).toMatchObject({ status: 'degraded', kept: 'previous', files: ['arxiv-1.xml', 'arxiv-2.xml'] });
    expect(readFileSync(join(data, 'recordings', FIRST_PROFILE, 'arxiv-2.xml'), 'utf8')).toBe(readFileSync(join(DATA, 'recordings', FIRST_PROFILE, 'arxiv-2.xml'), 'utf8'));
  });
});
