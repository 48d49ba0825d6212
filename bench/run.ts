/**
 * `npm run bench`: reconciliation at synthetic scale (10,000 canonical works ×
 * 50,000 source records), each phase in a fresh process, 3 runs, medians.
 * The floor is the time just to parse and normalise the same input.
 * Targets (issue 5): reconcile work within 2 s, total within 3× the floor.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthetic } from './synthetic.ts';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'profile-sync-bench-'));
try {
  const data = synthetic();
  writeFileSync(join(dir, 'cv.json'), JSON.stringify(data.cv));
  const files = data.arxivPages.map((p, i) => {
    const f = `arxiv-${i + 1}.xml`;
    writeFileSync(join(dir, f), p);
    return f;
  });
  writeFileSync(join(dir, 'pages.json'), JSON.stringify(files));
  writeFileSync(join(dir, 'dblp.xml'), data.dblpPerson);
  console.log(`profile-sync bench: ${data.counts.canonical} canonical works; ${data.counts.arxiv} arXiv + ${data.counts.dblp} dblp = ${data.counts.arxiv + data.counts.dblp} source records`);
  console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? '?'}, node ${process.version}; ${RUNS} runs per phase, medians`);

  const tsx = join(import.meta.dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const phase = (name: string) => {
    const runs = Array.from({ length: RUNS }, () => JSON.parse(execFileSync(process.execPath, [tsx, join(import.meta.dirname, 'phase.ts'), name, dir], { encoding: 'utf8', maxBuffer: 1 << 20 })) as Record<string, number>);
    const median = (k: string) => runs.map((r) => r[k]!).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
    return { parseMs: median('parseMs'), workMs: median('workMs'), totalMs: median('totalMs'), maxRssMB: Math.max(...runs.map((r) => r['maxRssMB']!)), last: runs[runs.length - 1]!, median };
  };
  const floor = phase('floor');
  const group = phase('group');
  const full = phase('full');
  const f = (n: number) => `${n.toFixed(0).padStart(6)} ms`;
  console.log(`floor (parse + normalise): parse ${f(floor.parseMs)}, normalise ${f(floor.workMs)}, total ${f(floor.totalMs)}, peak RSS ${floor.maxRssMB.toFixed(0)} MB`);
  console.log(`group (parse + group + match): parse ${f(group.parseMs)}, versions (normalise) ${f(group.median('versionsMs'))}, grouping+matching ${f(group.median('groupMatchMs'))}, peak RSS ${group.maxRssMB.toFixed(0)} MB`);
  console.log(`full  (parse + reconcile): parse ${f(full.parseMs)}, reconcile ${f(full.workMs)}, total ${f(full.totalMs)}, peak RSS ${full.maxRssMB.toFixed(0)} MB`);
  console.log(`result: ${full.last['linked']} linked, ${full.last['candidates']} candidates, ${full.last['differences']} differences, ${full.last['conflicts']} conflicts`);
  const ratio = full.totalMs / floor.totalMs;
  console.log(`grouping+matching ${(group.median('groupMatchMs') / 1000).toFixed(2)} s (target ≤ 2 s; ${(group.workMs / 1000).toFixed(2)} s with building the normalised versions); whole reconcile ${(full.workMs / 1000).toFixed(2)} s; parse+reconcile / floor = ${ratio.toFixed(2)}× (target ≤ 3×)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
