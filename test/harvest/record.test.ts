/**
 * `record` writes only what it captured. Against a loopback arXiv and dblp that
 * fail, no file of the recordings changes (the manifest included) and every
 * request, response and retry is told as it happens; against sources that
 * answer, the captured files replace the old ones and the manifest says which
 * documents are live and which were kept as they were.
 */
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadProfileInput } from '../../src/canonical/profile-input.ts';
import { recordProfile } from '../../src/harvest/record.ts';
import { readRecordingManifest } from '../../src/harvest/replay.ts';
import { clientsFor } from '../../src/pipeline/sync.ts';
import type { HttpEvent } from '../../src/sources/http/polite-http.ts';
import { VirtualClock } from '../../src/sources/clock.ts';
import { startLoopback, type LoopbackServer } from '../helpers/loopback-server.ts';
import { DATA, FIRST_PROFILE, REPO } from '../helpers/paths.ts';
import { recordingsRoute } from '../helpers/recordings-server.ts';
import { WATCHDOG } from '../helpers/watchdog.ts';

vi.setConfig({ ...WATCHDOG.harvest });

const RUN = '20261128T030000Z';
let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function dataCopy(): string {
  const data = mkdtempSync(join(tmpdir(), 'ps-record-'));
  cpSync(DATA, data, { recursive: true });
  return data;
}

/** Every file of the recordings folder with its bytes and modification time. */
function snapshot(data: string): Record<string, string> {
  const dir = join(data, 'recordings', FIRST_PROFILE);
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, `${readFileSync(join(dir, f)).toString('base64')} @${statSync(join(dir, f)).mtimeMs}`]));
}

async function record(data: string, route: Parameters<typeof startLoopback>[0]) {
  server = await startLoopback(route);
  const input = await loadProfileInput(data, FIRST_PROFILE);
  const clock = new VirtualClock();
  const events: string[] = [];
  const onEvent = (source: string, e: HttpEvent) => events.push(`${source} ${e.type}${'status' in e ? ` ${e.status}` : ''}${e.type === 'retry' ? ` in ${e.waitMs} ms` : ''}`);
  const clients = clientsFor([input], { kind: 'live', arxivUrl: `${server.baseUrl}/api/query`, dblpUrl: server.baseUrl }, clock, onEvent);
  const result = await recordProfile(data, FIRST_PROFILE, clients, clock, RUN);
  return { result, events };
}

describe('profile-sync record', () => {
  it('captures nothing from failing sources: no file changes, and each request and retry is told', async () => {
    const data = dataCopy();
    const before = snapshot(data);
    const { result, events } = await record(data, () => ({ status: 503, body: 'Service Unavailable' }));
    expect(result.wrote).toBe(false);
    expect(result.sources.arxiv).toMatchObject({ status: 'degraded', kept: 'previous', files: ['arxiv-1.xml', 'arxiv-2.xml'] });
    expect(result.sources.dblp).toMatchObject({ status: 'degraded', kept: 'previous', files: ['dblp-1.json', 'dblp-2.xml'] });
    expect(snapshot(data)).toEqual(before);
    // dblp first (4 attempts, backing off 5, 10, 20 s), then arXiv the same way.
    const attempts = ['request', 'response 503', 'retry in 5000 ms', 'request', 'response 503', 'retry in 10000 ms', 'request', 'response 503', 'retry in 20000 ms', 'request', 'response 503', 'gave-up'];
    expect(events).toEqual([...attempts.map((e) => `dblp ${e}`), ...attempts.map((e) => `arxiv ${e}`)]);
  });

  it('replaces only what it captured; the manifest says which documents are live', async () => {
    const data = dataCopy();
    const before = snapshot(data);
    const { result } = await record(data, (req) => (req.url.startsWith('/api/query') ? { status: 503 } : recordingsRoute(req.url)));
    expect(result.wrote).toBe(true);
    expect(result.sources.dblp).toMatchObject({ status: 'ok', kept: 'new', files: ['dblp-1.json', 'dblp-2.xml'] });
    expect(result.sources.arxiv).toMatchObject({ kept: 'previous' });
    const after = snapshot(data);
    expect(after['arxiv-1.xml']).toBe(before['arxiv-1.xml']);
    expect(after['arxiv-2.xml']).toBe(before['arxiv-2.xml']);
    const manifest = (await readRecordingManifest(data, FIRST_PROFILE))!;
    expect(manifest.how).toBe('mixed');
    expect(manifest.documents.map((d) => [d.file, d.how])).toEqual([
      ['arxiv-1.xml', 'assembled'],
      ['arxiv-2.xml', 'assembled'],
      ['dblp-1.json', 'live'],
      ['dblp-2.xml', 'live'],
    ]);
    expect(manifest.documents.find((d) => d.file === 'dblp-2.xml')!.recordedAt).toBe(manifest.recordedAt);
    expect(manifest.documents.find((d) => d.file === 'arxiv-1.xml')!.recordedAt).toBeUndefined();
    expect(manifest.note).toMatch(/arxiv kept as they were/);
    // The synthetic stand-ins stay named for the arXiv documents kept; the captured dblp data is real.
    expect(manifest.synthetic?.map((r) => r.id)).toEqual(['arxiv:2511.99999']);
  });

  it('the command exits 4 when nothing was captured, says so, and prints each request as it happens', async () => {
    const data = dataCopy();
    const before = snapshot(data);
    server = await startLoopback(() => ({ status: 404, body: 'not here' }));
    const r = await promisify(execFile)(process.execPath, [join(REPO, 'bin', 'profile-sync.js'), 'record', '--data', data, '--arxiv-url', `${server.baseUrl}/api/query`, '--dblp-url', server.baseUrl], { cwd: REPO }).then(
      (x) => ({ code: 0, ...x }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(r.code).toBe(4);
    expect(r.stdout).toContain(`${FIRST_PROFILE}: nothing captured; no file in`);
    expect(r.stderr).toMatch(new RegExp(`dblp: GET ${server.baseUrl}/search/author/api\\S*\\n(?:.*\\n)*?dblp: HTTP 404, 8 bytes`));
    expect(r.stderr).toMatch(/arxiv: GET http:\/\/127\.0\.0\.1:\d+\/api\/query\?search_query=/);
    expect(snapshot(data)).toEqual(before);
  });
  it('says up front how long a failing source is tried; Ctrl+C stops at once and keeps what was captured', async () => {
    const data = dataCopy();
    const before = snapshot(data);
    // dblp answers; arXiv answers 503, so the command would wait 5 s, 10 s and 20 s between tries.
    server = await startLoopback((req) => (req.url.startsWith('/api/query') ? { status: 503, body: 'busy' } : recordingsRoute(req.url)));
    const child = spawn(process.execPath, [join(REPO, 'bin', 'profile-sync.js'), 'record', '--data', data, '--arxiv-url', `${server.baseUrl}/api/query`, '--dblp-url', server.baseUrl], { cwd: REPO });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // The first lines say how long each source is tried; the first arXiv failure is followed by a wait: interrupt it.
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (b: Buffer) => {
        stderr += b.toString();
        if (/arxiv: HTTP 503[^\n]*; retrying in 5 s/.test(stderr)) resolve();
      });
    });
    const arxivAsked = () => server!.requests.filter((r) => r.url.startsWith('/api/query')).length;
    expect(arxivAsked()).toBe(1);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr.split('\n').slice(0, 3)).toEqual([
      'arxiv: a request that fails is tried 4 times (waiting 5 s, 10 s, 20 s between tries; 30 s timeout each; a Retry-After up to 120 s is honoured): a source that refuses connections is given up after about 35 s per request, one that hangs after at most 480 s',
      'dblp: a request that fails is tried 4 times (waiting 5 s, 10 s, 20 s between tries; 30 s timeout each; a Retry-After up to 120 s is honoured): a source that refuses connections is given up after about 35 s per request, one that hangs after at most 480 s',
      'Ctrl+C stops at once, keeping what was captured',
    ]);
    expect(stderr).toContain('interrupted: stopping now; what was captured before is kept');
    // No request after the interrupt: the wait was cut short, not sat out.
    expect(arxivAsked()).toBe(1);
    // dblp was captured before the interrupt and is kept; arXiv keeps its previous files.
    expect(stdout).toContain(`${FIRST_PROFILE} dblp: ok, recorded dblp-1.json, dblp-2.xml`);
    const after = snapshot(data);
    expect(after['arxiv-1.xml']).toBe(before['arxiv-1.xml']);
    expect(after['dblp-2.xml']).not.toBe(before['dblp-2.xml']); // rewritten by the capture
    const manifest = (await readRecordingManifest(data, FIRST_PROFILE))!;
    expect(manifest.documents.map((d) => [d.file, d.how])).toEqual([
      ['arxiv-1.xml', 'assembled'],
      ['arxiv-2.xml', 'assembled'],
      ['dblp-1.json', 'live'],
      ['dblp-2.xml', 'live'],
    ]);
  });
});
