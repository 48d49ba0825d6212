/**
 * A broken canonical file gets an error that names the file, the field path,
 * the line and the column — and the sync publishes nothing for that profile.
 */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, loadCv } from '../../src/canonical/load.ts';
import { InputError, formatIssue, type InputIssue } from '../../src/input/input-error.ts';
import { runSync } from '../../src/pipeline/sync.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { DATA, FIRST_PROFILE, FIRST_PROFILE_DIR } from '../helpers/paths.ts';

const FILE = 'data/profiles/sanghyuk-chun/cv.json';
const good = readFileSync(join(FIRST_PROFILE_DIR, 'cv.json'), 'utf8');
const goodConfig = readFileSync(join(FIRST_PROFILE_DIR, 'config.json'), 'utf8');

/** Replaces the first occurrence of `from` (which must exist) and returns the 1-based line and column where it was. */
function edit(text: string, from: string, to: string): { text: string; line: number; column: number } {
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`fixture text not found: ${from}`);
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return { text: text.slice(0, at) + to + text.slice(at + from.length), line, column };
}

function issuesOf(load: () => unknown): readonly InputIssue[] {
  try {
    load();
  } catch (e) {
    if (e instanceof InputError) return e.issues;
    throw e;
  }
  throw new Error('expected the file to be rejected');
}

describe('broken canonical files', () => {
  it('accepts the real file', () => {
    expect(() => loadCv(FILE, good, FIRST_PROFILE)).not.toThrow();
  });

  it('bad JSON: names the line and column of the syntax error', () => {
    // A trailing comma after the last reviewing venue.
    const broken = edit(good, '"venue": "CVPR 2021"\n      }', '"venue": "CVPR 2021"\n      },');
    const [issue, ...rest] = issuesOf(() => loadCv(FILE, broken.text));
    expect(rest).toEqual([]);
    // The comma sits at the end of the line after the venue.
    expect(issue).toMatchObject({ file: FILE, path: [], line: broken.line + 1, column: 8 });
    expect(issue!.message).toBe('invalid JSON: trailing comma (JSON allows none before } or ])');
    const err = (() => { try { loadCv(FILE, broken.text); } catch (e) { return e as Error; } })();
    expect(err?.message).toContain(`${FILE}:${broken.line + 1}:`);
  });

  it('missing title: names publications[3].title and the line of that work', () => {
    const broken = edit(good, '"title": "Evaluating Weakly Supervised Object Localization Methods Right",\n', '');
    const issues = issuesOf(() => loadCv(FILE, broken.text));
    expect(issues).toHaveLength(1);
    // The work's object starts a few lines above the removed title.
    const objectLine = good.slice(0, good.indexOf('"id": "cvpr20-wsol-eval"')).split('\n').length - 1;
    expect(issues[0]).toMatchObject({ file: FILE, path: ['publications', 3, 'title'], line: objectLine });
    expect(issues[0]!.message).toMatch(/required field is missing/);
  });

  it('unknown kind: names the field, line and column, and lists the allowed kinds', () => {
    const broken = edit(good, '"kind": "demo"', '"kind": "poster"');
    const [issue] = issuesOf(() => loadCv(FILE, broken.text));
    expect(issue).toMatchObject({ path: ['publications', 8, 'kind'], line: broken.line, column: broken.column });
    expect(issue!.message).toMatch(/conference/);
  });

  it('duplicate id: names the second one and where the first is', () => {
    const broken = edit(good, '"id": "eccv20-dm-font"', '"id": "aaai21-lf-font"');
    const [issue] = issuesOf(() => loadCv(FILE, broken.text));
    expect(issue).toMatchObject({ path: ['publications', 1, 'id'], line: broken.line, column: broken.column });
    expect(issue!.message).toBe('duplicate id "aaai21-lf-font" (first used at publications[0])');
  });

  it('malformed arXiv ID and DOI: each named at its own line', () => {
    const step1 = edit(good, '"venue": "ICCV\'19",', '"venue": "ICCV\'19",\n      "ids": { "arxiv": "1905.4899", "doi": "https://doi.org/10.1109/ICCV.2019.00612" },');
    const issues = issuesOf(() => loadCv(FILE, step1.text));
    expect(issues.map((i) => i.path)).toEqual([
      ['publications', 6, 'ids', 'arxiv'],
      ['publications', 6, 'ids', 'doi'],
    ]);
    expect(issues.every((i) => i.line === step1.line + 1)).toBe(true);
    expect(issues[0]!.message).toMatch(/malformed arXiv ID/);
    expect(issues[1]!.message).toMatch(/malformed DOI/);
  });

  it('an impossible arXiv ID (4-digit sequence after 2014, month 13) is rejected', () => {
    for (const id of ['1905.0489', '1913.04899', '1905.04899v2']) {
      const broken = edit(good, '"venue": "ICCV\'19",', `"venue": "ICCV'19", "ids": { "arxiv": "${id}" },`);
      expect(issuesOf(() => loadCv(FILE, broken.text))[0]!.message).toMatch(/malformed arXiv ID/);
    }
  });

  it('unknown field and duplicate key are named (a typo must not be silently ignored)', () => {
    const typo = edit(good, '"venue": "ICML\'20"', '"venu": "ICML\'20"');
    const typoIssues = issuesOf(() => loadCv(FILE, typo.text));
    // Sorted by position: the work (missing venue) starts above the typo.
    expect(typoIssues.map((i) => i.message)).toEqual(['required field is missing (expected string)', 'unknown field "venu"']);
    expect(typoIssues[1]).toMatchObject({ path: ['publications', 2, 'venu'], line: typo.line });
    const dup = edit(good, '"venue": "ICML\'20"', '"venue": "ICML\'20", "venue": "ICML 2020"');
    expect(issuesOf(() => loadCv(FILE, dup.text))[0]).toMatchObject({ path: ['publications', 2, 'venue'], message: 'duplicate key "venue"' });
  });

  it('the owner must be marked exactly once, with a name form of the person', () => {
    const none = edit(good, '"name": "Sanghyuk Chun",\n          "owner": true,\n          "equalContribution": true', '"name": "Sanghyuk Chun",\n          "equalContribution": true');
    expect(issuesOf(() => loadCv(FILE, none.text))[0]).toMatchObject({ path: ['publications', 0, 'authors'], message: expect.stringMatching(/found 0/) });
    const wrong = edit(good, '"name": "Sanghyuk Chun",\n          "owner": true,\n          "equalContribution": true', '"name": "Song Chun",\n          "owner": true,\n          "equalContribution": true');
    expect(issuesOf(() => loadCv(FILE, wrong.text))[0]).toMatchObject({ path: ['publications', 0, 'authors', 1, 'name'], line: wrong.line });
  });

  it('an owner DOI is held to the characters a source DOI may have: a quote, "<" or "#" is refused with where', () => {
    for (const doi of ['10.1234/a\\"onmouseover=x', '10.1234/a<b>', '10.1234/a#frag', '10.1234/caf\u00e9']) {
      const broken = edit(good, '"venue": "ICCV\'19",', `"venue": "ICCV'19", "ids": { "doi": "${doi}" },`);
      const [issue] = issuesOf(() => loadCv(FILE, broken.text));
      expect(issue, doi).toMatchObject({ path: expect.arrayContaining(['ids', 'doi']), line: broken.line });
      expect(issue!.message).toMatch(/malformed DOI: .*double quotes/);
    }
    const fine = edit(good, '"venue": "ICCV\'19",', '"venue": "ICCV\'19", "ids": { "doi": "10.1007/978-3-030-58529-7_43" },');
    expect(() => loadCv(FILE, fine.text)).not.toThrow();
  });

  it('config: arXiv interval below 3 s and a malformed dblp pid are rejected with their lines', () => {
    const fast = edit(goodConfig, '"minIntervalSeconds": 3', '"minIntervalSeconds": 1');
    expect(issuesOf(() => loadConfig('config.json', fast.text))[0]).toMatchObject({ path: ['sources', 'arxiv', 'minIntervalSeconds'], line: fast.line });
    const pid = edit(goodConfig, '"searchName"', '"pid": "not a pid", "searchName"');
    expect(issuesOf(() => loadConfig('config.json', pid.text))[0]).toMatchObject({ path: ['sources', 'dblp', 'pid'], line: pid.line });
  });
});

describe('sync with a broken profile', () => {
  it('publishes nothing for it, reports file/path/line, and still publishes the good profile', async () => {
    const data = mkdtempSync(join(tmpdir(), 'ps-data-'));
    const out = mkdtempSync(join(tmpdir(), 'ps-out-'));
    cpSync(join(DATA, 'profiles', FIRST_PROFILE), join(data, 'profiles', FIRST_PROFILE), { recursive: true });
    const badDir = join(data, 'profiles', 'broken-lab-member');
    mkdirSync(badDir, { recursive: true });
    const broken = edit(good.replace('"profile": "sanghyuk-chun"', '"profile": "broken-lab-member"'), '"kind": "demo"', '"kind": "poster"');
    writeFileSync(join(badDir, 'cv.json'), broken.text);
    writeFileSync(join(badDir, 'config.json'), goodConfig.replace('"profile": "sanghyuk-chun"', '"profile": "broken-lab-member"'));

    const store = new FsStore(out);
    const result = await runSync({ dataDir: data, store, profiles: [], runId: '20261128T000000Z', now: new Date('2026-11-28T00:00:00Z'), sources: { kind: 'replay' } });

    const bad = result.profiles.find((p) => p.profile === 'broken-lab-member');
    expect(bad?.status).toBe('invalid');
    expect(bad?.status === 'invalid' && formatIssue(bad.errors[0]!)).toBe(`${join(badDir, 'cv.json')}:${broken.line}:${broken.column}: publications[8].kind: ${issuesOf(() => loadCv('x', broken.text))[0]!.message}`);
    expect(await store.list('public/broken-lab-member/')).toEqual([]);
    expect((await store.list('public/sanghyuk-chun/')).filter((k) => !k.includes('/hugo-blox/') && !k.includes('/papers/'))).toEqual([
      'public/sanghyuk-chun/al-folio/papers.bib',
      'public/sanghyuk-chun/hugo-blox.zip',
      'public/sanghyuk-chun/profile.json',
      'public/sanghyuk-chun/profile.schema.json',
      'public/sanghyuk-chun/publications.bib',
      'public/sanghyuk-chun/publications.csl.json',
      'public/sanghyuk-chun/publications.jsonld',
    ]);
  });
});
