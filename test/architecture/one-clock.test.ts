/**
 * One clock (design principle 10): every time the pipeline writes comes from the
 * run's injected clock or from the document it describes. Two checks:
 *  - on the source text: core code (src/ below the CLI, and the handlers) never
 *    reads the wall clock, and only the entry points take the real clock;
 *  - by running it: the pipeline runs with the global clock frozen at a date far
 *    from the run's (Date faked to 2031), and nothing it writes holds that date.
 * The same suite runs a second time under Debian's faketime (npm test's time-travel pass).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runSync } from '../../src/pipeline/sync.ts';
import { reconcileFiles } from '../../src/pipeline/reconcile-files.ts';
import { VirtualClock } from '../../src/sources/clock.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import type { Store } from '../../src/store/store.ts';
import type { LoopbackServer } from '../helpers/loopback-server.ts';
import { DATA, FIRST_PROFILE, REPO } from '../helpers/paths.ts';
import { startRecordingsServer } from '../helpers/recordings-server.ts';

const WALL_READ = /\bDate\.now\s*\(|new\s+Date\s*\(\s*\)|\bperformance\.now\s*\(|\bprocess\.hrtime\b/g;
/** Files allowed to read the wall clock, each with its reason. */
const WALL_CLOCK_ALLOWED: Record<string, string> = {
  'src/sources/clock.ts': 'realClock: the one definition of the real clock, handed in by the entry points',
};
/** Entry points: they may read the wall clock and hand realClock in. */
const isEntryPoint = (file: string) => file.startsWith('src/cli/') || /^functions\/[^/]+\/handler\.ts$/.test(file) || file === 'functions/shared/runtime.ts';

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    return e.isDirectory() ? tsFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}
const code = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

describe('core code never reads the wall clock', () => {
  const files = [...tsFiles(join(REPO, 'src')), ...tsFiles(join(REPO, 'functions'))].map((f) => relative(REPO, f));

  it('no Date.now(), new Date(), performance.now() or process.hrtime below the entry points', () => {
    const found: string[] = [];
    for (const f of files) {
      if (isEntryPoint(f) || WALL_CLOCK_ALLOWED[f]) continue;
      const text = code(join(REPO, f));
      for (const m of text.matchAll(WALL_READ)) found.push(`${f}:${text.slice(0, m.index).split('\n').length}: ${m[0]}`);
    }
    expect(found).toEqual([]);
  });

  it('only the entry points take the real clock', () => {
    const takers = files.filter((f) => !WALL_CLOCK_ALLOWED[f] && /import\s[^;]*\brealClock\b/.test(code(join(REPO, f))));
    expect(takers.filter((f) => !isEntryPoint(f))).toEqual([]);
  });

  it('the check itself finds a wall-clock read', () => {
    expect('const t = new Date();\nconst n = Date.now ();'.match(WALL_READ)).toHaveLength(2);
    expect('new Date(clock.now())'.match(WALL_READ)).toBeNull();
  });
});

describe('the pipeline with the global clock frozen far from the run', () => {
  const FROZEN = new Date('2031-02-28T23:59:59Z');
  const RUN = '20261128T030000Z';
  const NOW = new Date('2026-11-28T03:00:00Z');
  let server: LoopbackServer;

  beforeAll(async () => {
    server = await startRecordingsServer();
    vi.useFakeTimers({ toFake: ['Date'], now: FROZEN });
  });
  afterAll(async () => {
    vi.useRealTimers();
    await server.close();
  });

  /** Every store key holding the frozen year, with where. */
  async function frozenDates(store: Store): Promise<string[]> {
    const hits: string[] = [];
    for (const key of await store.list('')) {
      const text = Buffer.from((await store.get(key))!.body).toString('latin1');
      for (const m of text.matchAll(/2031-\d\d-\d\d|2031\d{4}T/g)) hits.push(`${key}: ${m[0]}`);
    }
    return hits;
  }

  it('is really frozen', () => {
    expect(new Date().toISOString()).toBe(FROZEN.toISOString());
  });

  it('offline (replayed recordings): nothing written holds the wall-clock date', async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-clock-replay-')));
    const result = await runSync({ dataDir: DATA, store, profiles: [FIRST_PROFILE], runId: RUN, now: NOW, sources: { kind: 'replay' } });
    expect(result.profiles[0]?.status).toBe('published');
    expect(await frozenDates(store)).toEqual([]);
  });

  it('live (loopback sources, virtual clock): nothing written holds the wall-clock date', async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-clock-live-')));
    const clock = new VirtualClock(NOW.getTime());
    const result = await runSync({ dataDir: DATA, store, profiles: [FIRST_PROFILE], runId: RUN, now: NOW, clock, sources: { kind: 'live', arxivUrl: `${server.baseUrl}/api/query`, dblpUrl: server.baseUrl } });
    expect(result.profiles[0]?.status).toBe('published');
    expect(await frozenDates(store)).toEqual([]);
  });

  it('a live sync without a clock is refused rather than reading the wall clock', async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-clock-none-')));
    await expect(runSync({ dataDir: DATA, store, profiles: [FIRST_PROFILE], runId: RUN, now: NOW, sources: { kind: 'live', arxivUrl: `${server.baseUrl}/api/query` } })).rejects.toThrow(/needs a clock/);
  });

  it('given documents (the reconcile command): nothing written holds the wall-clock date', async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-clock-given-')));
    const rec = (f: string) => join(DATA, 'recordings', FIRST_PROFILE, f);
    await reconcileFiles({ cvFile: join(DATA, 'profiles', FIRST_PROFILE, 'cv.json'), arxivFiles: [rec('arxiv-1.xml')], dblpFiles: [rec('dblp-2.xml')], store, runId: RUN, now: NOW });
    expect(await frozenDates(store)).toEqual([]);
  });
});
