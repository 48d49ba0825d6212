import { readFileSync } from 'node:fs';
import { cli, stackLines } from '../test/hostile/in-process-cli.ts';
const m = JSON.parse(readFileSync('/tmp/hb-corpus/manifest.json', 'utf8')) as Array<{ name: string; source: string; expect: { parse: number } }>;
for (const d of m) {
  const t0 = Date.now();
  const r = await cli('parse', d.source, `/tmp/hb-corpus/${d.name}`);
  const out = r.stdout + r.stderr;
  let err = '';
  try { err = JSON.parse(r.stdout).error ?? ''; } catch { err = r.stderr.slice(0, 200); }
  const flag = r.code !== d.expect.parse || stackLines(out) > 0 ? 'MISMATCH' : '';
  console.log(flag, d.name, r.code, Date.now() - t0, 'ms', err.slice(0, 220));
}
