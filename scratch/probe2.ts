import { loadCv, loadConfig } from '../src/canonical/load.ts';
import { readFileSync } from 'node:fs';
const cvText = readFileSync('data/profiles/sanghyuk-chun/cv.json', 'utf8');
const tries: Record<string, string> = {
  wrongType: cvText.replace('"year": 2019', '"year": "2019"'),
  missingComma: cvText.replace('"year": 2019,', '"year": 2019'),
  truncated: cvText.slice(0, 500),
  empty: '',
  unquoted: cvText.replace('"year": 2019', 'year: 2019'),
  extraBrace: cvText + '}',
};
for (const [k, t] of Object.entries(tries)) {
  try { loadCv('cv.json', t); console.log(k, 'ok'); } catch (e) { console.log(k, '=>', (e as Error).message); }
}
