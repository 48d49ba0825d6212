/**
 * Issue 21 item 6: one spelling per co-author across everything published. The
 * first user's CV writes "Jung-woo Ha" (most often) and "Jung-Woo Ha",
 * "Youngjoon Yoo" and "YoungJoon Yoo": every published file carries one
 * spelling of each, cv.json is unchanged, the report lists the variants, and
 * config.json publishing.authorSpellings picks another spelling.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSync } from '../../src/pipeline/sync.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { authorSpellings } from '../../src/text/author-spellings.ts';
import { DATA, FIRST_PROFILE as P } from '../helpers/paths.ts';

async function publish(aliases?: Record<string, string>) {
  const data = mkdtempSync(join(tmpdir(), 'ps-spell-data-'));
  cpSync(DATA, data, { recursive: true });
  const configFile = join(data, 'profiles', P, 'config.json');
  if (aliases) {
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as { publishing: Record<string, unknown> };
    config.publishing['authorSpellings'] = aliases;
    writeFileSync(configFile, JSON.stringify(config, null, 2));
  }
  const cvBefore = readFileSync(join(data, 'profiles', P, 'cv.json'), 'utf8');
  const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-spell-')));
  await runSync({ dataDir: data, store, profiles: [P], runId: '20261128T030000Z', now: new Date('2026-11-28T03:00:00Z'), sources: { kind: 'replay' } });
  const texts: Array<[string, string]> = [];
  for (const key of await store.list(`public/${P}/`)) if (!key.endsWith('.zip')) texts.push([key, Buffer.from((await store.get(key))!.body).toString('utf8')]);
  const md = Buffer.from((await store.get(`reports/${P}/20261128T030000Z/diff.md`))!.body).toString('utf8');
  return { texts, md, cvUnchanged: readFileSync(join(data, 'profiles', P, 'cv.json'), 'utf8') === cvBefore };
}

describe('co-author spellings', () => {
  it('the CV\'s most frequent spelling is published everywhere; cv.json is unchanged; the report lists the variants', async () => {
    const { texts, md, cvUnchanged } = await publish();
    expect(cvUnchanged).toBe(true);
    const all = texts.map(([, t]) => t).join('\n');
    expect(all).toContain('Jung-woo Ha');
    expect(all).not.toContain('Jung-Woo Ha');
    expect(all).not.toMatch(/Ha, Jung-Woo/);
    expect(all).not.toContain('YoungJoon Yoo');
    expect(md).toContain('## Co-authors written more than one way (2)');
    expect(md).toContain('- Jung-woo Ha / Jung-Woo Ha → published as Jung-woo Ha (most frequent); other spellings in `arxiv20-adamp`, `arxiv19-confidence-skimming`');
  });

  it('config.json publishing.authorSpellings chooses the spelling', async () => {
    const { texts, md } = await publish({ 'Jung-woo Ha': 'Jung-Woo Ha' });
    const all = texts.map(([, t]) => t).join('\n');
    expect(all).toContain('Jung-Woo Ha');
    expect(all).not.toContain('Jung-woo Ha');
    expect(md).toContain('→ published as Jung-Woo Ha (alias)');
  });

  it('groups by the normalised name; an alias may join names that do not normalise alike; a tie keeps the first met', () => {
    const s = authorSpellings([
      { name: 'Ann Lee', workId: 'w1' },
      { name: 'Ann LEE', workId: 'w2' },
      { name: 'A. Lee', workId: 'w3' },
      { name: 'Bo Kim', workId: 'w1' },
    ]);
    expect(s.spell('Ann LEE')).toBe('Ann Lee');
    expect(s.spell('A. Lee')).toBe('A. Lee');
    expect(s.spell('Bo Kim')).toBe('Bo Kim');
    expect(s.groups).toEqual([{ chosen: 'Ann Lee', variants: ['Ann Lee', 'Ann LEE'], works: ['w2'], rule: 'most frequent' }]);
    const joined = authorSpellings([{ name: 'A. Lee', workId: 'w3' }, { name: 'Ann Lee', workId: 'w1' }], { 'A. Lee': 'Ann Lee' });
    expect(joined.spell('A. Lee')).toBe('Ann Lee');
    expect(joined.groups).toEqual([{ chosen: 'Ann Lee', variants: ['A. Lee', 'Ann Lee'], works: ['w3'], rule: 'alias' }]);
  });
});
