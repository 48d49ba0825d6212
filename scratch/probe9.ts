import { cpSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, stackLines } from '../test/hostile/in-process-cli.ts';
const rec = 'data/recordings/sanghyuk-chun';
const prof = mkdtempSync(join(tmpdir(), 'hb-prof-'));
cpSync('data/profiles/sanghyuk-chun', prof, { recursive: true });
const cfg = JSON.parse(readFileSync(join(prof, 'config.json'), 'utf8')); cfg.publishing.publishUnreviewedCandidates = true; writeFileSync(join(prof, 'config.json'), JSON.stringify(cfg, null, 2));
const template = mkdtempSync(join(tmpdir(), 'hb-tpl-'));
let t0 = Date.now();
const base = await cli('reconcile', '--cv', join(prof, 'cv.json'), '--arxiv', `${rec}/arxiv-1.xml`, `${rec}/arxiv-2.xml`, '--dblp', `${rec}/dblp-2.xml`, '--out', template);
console.log('template', base.code, Date.now() - t0, base.stderr.slice(0, 300));
const m = JSON.parse(readFileSync('/tmp/hb-corpus/manifest.json', 'utf8')) as Array<{ name: string; source: string; expect: { reconcile: number } }>;
for (const d of m) {
  const out = mkdtempSync(join(tmpdir(), 'hb-run-'));
  cpSync(template, out, { recursive: true });
  t0 = Date.now();
  const args = d.source === 'arxiv' ? ['--arxiv', `${rec}/arxiv-1.xml`, `/tmp/hb-corpus/${d.name}`, '--dblp', `${rec}/dblp-2.xml`] : ['--arxiv', `${rec}/arxiv-1.xml`, `${rec}/arxiv-2.xml`, '--dblp', `/tmp/hb-corpus/${d.name}`];
  const r = await cli('reconcile', '--cv', join(prof, 'cv.json'), ...args, '--out', out);
  const flag = r.code !== d.expect.reconcile || stackLines(r.stdout + r.stderr) > 0 ? 'MISMATCH' : '';
  console.log(flag, d.name, r.code, Date.now() - t0, 'ms', (r.code === 0 ? r.stdout.split('\n').slice(1, 3).join(' | ') : r.stderr).slice(0, 300));
}
