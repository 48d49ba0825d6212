import { readFileSync } from 'node:fs';
import { checkBibtex, checkCsl, checkMarkdown, checkProfile } from '../test/hostile/published-checks.ts';
import { execSync } from 'node:child_process';
const out = execSync('ls -d /tmp/ps-hostile-run-* | tail -1').toString().trim();
const pub = `${out}/public/sanghyuk-chun`;
for (const [n, f] of [['profile', () => checkProfile(readFileSync(`${pub}/profile.json`, 'utf8'))], ['bib', () => checkBibtex(readFileSync(`${pub}/publications.bib`, 'utf8'))], ['csl', () => checkCsl(readFileSync(`${pub}/publications.csl.json`, 'utf8'))]] as const) {
  for (let i = 0; i < 2; i++) { const t = Date.now(); f(); console.log(n, Date.now() - t); }
}
