import { readFileSync } from 'node:fs';
// @ts-expect-error no types
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { execSync } from 'node:child_process';
const out = execSync('ls -d /tmp/ps-hostile-run-* | tail -1').toString().trim();
const items = JSON.parse(readFileSync(`${out}/public/sanghyuk-chun/publications.csl.json`, 'utf8'));
for (let i = 0; i < 3; i++) {
  let t = Date.now(); const c = new Cite(items); const tp = Date.now() - t;
  t = Date.now(); c.format('bibliography', { format: 'text', template: 'apa', lang: 'en-US' }); const tf = Date.now() - t;
  t = Date.now(); c.format('bibliography', { format: 'text', template: 'vancouver', lang: 'en-US' }); const tv = Date.now() - t;
  t = Date.now(); c.format('citation', { format: 'text', template: 'apa', lang: 'en-US' }); const tc = Date.now() - t;
  console.log(items.length, 'parse', tp, 'apa', tf, 'vancouver', tv, 'citation', tc);
}
for (let i = 0; i < 3; i++) {
  const t = Date.now(); new Cite(items.slice(0, 2)).format('bibliography', { format: 'text', template: 'apa', lang: 'en-US' }); console.log('two items apa', Date.now() - t);
}
