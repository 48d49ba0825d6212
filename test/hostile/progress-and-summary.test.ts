/**
 * Issue 14, item 11: a live run tells each request and retry as it happens
 * (no silent minute), a host name that does not exist is not retried, the
 * summary names its places without a double slash and shows the public
 * folder, counts agree with their nouns, --version answers, and each
 * command's --help lists the exit codes it can end with.
 */
import dns from 'node:dns';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runSync } from '../../src/pipeline/sync.ts';
import { VirtualClock } from '../../src/sources/clock.ts';
import { PoliteHttp } from '../../src/sources/http/polite-http.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { startLoopback, type LoopbackServer } from '../helpers/loopback-server.ts';
import { DATA, FIRST_PROFILE, REPO } from '../helpers/paths.ts';
import { recordingsRoute } from '../helpers/recordings-server.ts';
import { BUCKET, startS3, type RunningS3 } from '../helpers/s3rver.ts';
import { cli } from '../helpers/in-process-cli.ts';
import { pinClockForFile } from '../helpers/pinned-clock.ts';

// The CLI runs in this process: its clock is the run's, whatever day the suite runs on.
pinClockForFile('2026-11-28T03:00:00Z');

let server: LoopbackServer | undefined;
let s3: RunningS3 | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  await s3?.close();
  server = undefined;
  s3 = undefined;
});

describe('live requests are told as they happen', () => {
  it('each request and each retry of a source that cannot be reached, in order with what the server saw', async () => {
    const events: string[] = [];
    server = await startLoopback((req) => {
      events.push(`server: ${req.url.split('?')[0]}`);
      return req.url.startsWith('/api/query') ? { reset: true } : recordingsRoute(req.url);
    });
    const clock = new VirtualClock();
    const result = await runSync({
      dataDir: DATA,
      store: new FsStore(mkdtempSync(join(tmpdir(), 'ps-progress-'))),
      profiles: [FIRST_PROFILE],
      runId: '20261128T030000Z',
      now: new Date(clock.now()),
      clock,
      sources: { kind: 'live', arxivUrl: `${server.baseUrl}/api/query`, dblpUrl: server.baseUrl },
      progress: (line) => events.push(line),
    });
    expect(result.profiles[0]!.status).toBe('published');
    const arxiv = events.filter((e) => e.startsWith('arxiv:') || e === 'server: /api/query').map((e) => e.replace(/http:\/\/127\.0\.0\.1:\d+\/api\/query\?[^\s:]+/g, 'URL'));
    // Author discovery, then the id_list for the CV's IDs: each request told, then each of its attempts.
    expect(arxiv).toHaveLength(24);
    expect(arxiv.slice(0, 12)).toEqual([
      'arxiv: GET URL',
      'server: /api/query',
      'arxiv: connection reset (ECONNRESET); retrying in 5 s',
      'arxiv: GET URL (attempt 2)',
      'server: /api/query',
      'arxiv: connection reset (ECONNRESET); retrying in 10 s',
      'arxiv: GET URL (attempt 3)',
      'server: /api/query',
      'arxiv: connection reset (ECONNRESET); retrying in 20 s',
      'arxiv: GET URL (attempt 4)',
      'server: /api/query',
      'arxiv: gave up after 4 attempts: URL: connection reset (ECONNRESET) (4 attempts)',
    ]);
    expect(arxiv.slice(12)).toEqual(arxiv.slice(0, 12));
    expect(events.filter((e) => e.startsWith('dblp: GET'))).toHaveLength(2);
    expect(events.filter((e) => e.startsWith('dblp: HTTP 200'))).toHaveLength(2);
  });

  it('a host name that does not exist (DNS ENOTFOUND) is asked once, not four times', async () => {
    // DNS stands in here (a test sends no query to a real resolver): every name is unknown.
    const asked: string[] = [];
    vi.spyOn(dns, 'lookup').mockImplementation(((hostname: string, options: unknown, callback?: (e: Error) => void) => {
      asked.push(hostname);
      (callback ?? (options as (e: Error) => void))(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname }));
    }) as never);
    const events: string[] = [];
    const http = new PoliteHttp({ userAgent: 'profile-sync-test', minIntervalMs: 3000, clock: new VirtualClock(), onEvent: (e) => events.push(e.type) });
    await expect(http.get('https://export.arxiv.example.invalid/api/query?id_list=2101.05068')).rejects.toThrow(
      'https://export.arxiv.example.invalid/api/query?id_list=2101.05068: cannot resolve host export.arxiv.example.invalid (DNS: no such name; check the URL and the network); not retried (1 attempt)',
    );
    expect(asked).toEqual(['export.arxiv.example.invalid']);
    expect(events).toEqual(['request', 'gave-up']);
  });
});

describe('the sync summary', () => {
  it('shows the report and the public folder, with counts agreeing with their nouns', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ps-summary-'));
    const r = await cli('sync', '--offline', '--out', out, '--run-id', '20261128T030000Z');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`    report: ${out}/reports/${FIRST_PROFILE}/20261128T030000Z/diff.html\n`);
    expect(r.stdout).toContain(`    public: ${out}/public/${FIRST_PROFILE}/ (profile.json and the citation files the website reads)\n`);
    expect(r.stdout).toMatch(/to review: \d+ \(\d+ new candidates, \d+ upstream differences, 1 version event\)/);
    expect(r.stdout).toMatch(/arxiv ok \(replay\): 0 requests, 2 documents, 34 records/);
    expect(r.stderr).toMatch(/\d+ new candidates, \d+ differences, 1 version event\n/);
  });

  it('names an S3 store with one slash between bucket and key when the prefix is empty', async () => {
    s3 = await startS3();
    const env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      const bucket = ['--bucket', BUCKET, '--endpoint', s3.endpoint, '--path-style', '--prefix', ''];
      expect((await cli('seed', ...bucket, '--data', DATA)).code).toBe(0);
      const r = await cli('sync', '--offline', ...bucket, '--run-id', '20261128T030000Z');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`run 20261128T030000Z → s3://${BUCKET}/\n`);
      expect(r.stdout).toContain(`    report: s3://${BUCKET}/reports/${FIRST_PROFILE}/20261128T030000Z/diff.html\n`);
      expect(r.stdout).toContain(`    public: s3://${BUCKET}/public/${FIRST_PROFILE}/`);
      expect(r.stdout).not.toMatch(/s3:\/\/[^/\s]+\/\//);
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }, 60_000);
});

describe('--version and the exit codes in --help', () => {
  it('--version prints the package version', async () => {
    const { version } = (await import(join(REPO, 'package.json'), { with: { type: 'json' } })).default as { version: string };
    expect(await cli('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  const codes = (help: string) => [...(help.split('Exit codes:')[1] ?? '').matchAll(/^ {2}(\d+) {2}/gm)].map((m) => Number(m[1]));

  it('each command lists the codes it can end with', async () => {
    expect(codes((await cli('--help')).stdout)).toEqual([0, 1, 2, 3, 4, 5, 130]);
    expect(codes((await cli('review', '--help')).stdout)).toEqual([0, 1, 2, 3, 5, 130]);
    expect((await cli('--help')).stdout).toMatch(/ {2}4 {2}record only: a source failed/);
    expect(codes((await cli('parse', '--help')).stdout)).toEqual([0, 1, 2, 3]);
    expect(codes((await cli('sync', '--help')).stdout)).toEqual([0, 1, 2, 3, 5]);
    expect(codes((await cli('reconcile', '--help')).stdout)).toEqual([0, 1, 2, 3, 5]);
  });
});
