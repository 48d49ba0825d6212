/**
 * Every entry of the first user's profile rendered by citation-js in APA and
 * in IEEE (the official CSL style), reviewed once into a golden file. After an
 * intended change: UPDATE_GOLDEN=1 npx vitest run test/publish/citation-golden.test.ts
 * and review the diff of test/golden/sanghyuk-chun.citations.txt.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCslJson } from '../../src/publish/citations/csl-json.ts';
import { formatEntry, registerIeee } from '../helpers/citation-js.ts';
import { firstUserRun } from '../helpers/first-user-run.ts';
import { REPO } from '../helpers/paths.ts';

describe('APA and IEEE renderings of every entry (golden)', async () => {
  const { output } = await firstUserRun();
  registerIeee();

  it('match test/golden/sanghyuk-chun.citations.txt', () => {
    const text = toCslJson(output.profile)
      .map((item) => `${String(item['id'])}\n  APA:  ${formatEntry(item, 'apa')}\n  IEEE: ${formatEntry(item, 'ieee').replace(/^\[1\]\s*/, '')}\n`)
      .join('\n');
    const file = join(REPO, 'test', 'golden', 'sanghyuk-chun.citations.txt');
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(file, text);
    expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});
