/**
 * `npm run bench` (second part): how long the profile-sync command takes to start, as a person feels it.
 * Each figure is the median of RUNS fresh processes, wall time:
 *   - bare Node (`node -e 0`), the floor;
 *   - `profile-sync --help` (target ≤ 3× bare Node: the command table loads, the work of each command
 *     and its packages — the S3 SDK, axios, cheerio, the XML parser — load only when that command runs);
 *   - `profile-sync review` listing the first user's pending items after an offline sync (target ≤ 1 s).
 * The CLI's bundle is built once before measuring (bin/profile-sync.js builds it when a source changed).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 7);
const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'profile-sync.js');

function timed(args: string[], input?: string): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', input: input ?? '', stdio: ['pipe', 'pipe', 'pipe'] });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const measure = (args: string[]) => median(Array.from({ length: RUNS }, () => timed(args)));

const dir = mkdtempSync(join(tmpdir(), 'profile-sync-cli-bench-'));
try {
  const data = join(dir, 'data');
  const out = join(dir, 'out');
  cpSync(join(ROOT, 'data'), data, { recursive: true });
  timed([BIN, 'sync', '--offline', '--data', data, '--out', out]); // builds the bundle if needed, and the report to list
  const bare = measure(['-e', '0']);
  const help = measure([BIN, '--help']);
  const list = measure([BIN, 'review', '--data', data, '--out', out]);
  console.log(`cli start: ${RUNS} runs each, medians; ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}, node ${process.version}`);
  console.log(`  node -e 0                 ${bare.toFixed(0).padStart(5)} ms`);
  console.log(`  profile-sync --help       ${help.toFixed(0).padStart(5)} ms  = ${(help / bare).toFixed(1)}× bare Node (target ≤ 3×)`);
  console.log(`  profile-sync review (list) ${list.toFixed(0).padStart(4)} ms  (target ≤ 1000 ms)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
