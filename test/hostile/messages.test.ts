/**
 * Issue 14, item 10: messages say what is true. A field present with the
 * wrong type is not "missing"; truncated XML ends early at its real end; an
 * empty file says so; a JSON syntax error is listed once; each validation
 * error is printed once; --json gives structured errors as `parse` does.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCv } from '../../src/canonical/load.ts';
import { InputError } from '../../src/input/input-error.ts';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';
import { cli } from '../helpers/in-process-cli.ts';
import { pinClockForFile } from '../helpers/pinned-clock.ts';

// The CLI runs in this process with the clock at the run's morning, whatever day it is.
pinClockForFile('2026-11-28T04:00:00Z');

const CV = join(DATA, 'profiles', FIRST_PROFILE, 'cv.json');
const cvText = readFileSync(CV, 'utf8');
const REC = join(DATA, 'recordings', FIRST_PROFILE);

function problems(text: string): string[] {
  try {
    loadCv('cv.json', text);
    return [];
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return e.issues.map((i) => `${i.line}:${i.column} ${i.message}`);
  }
}

/** A data folder whose cv.json is `text`. */
function dataWith(text: string): string {
  const data = mkdtempSync(join(tmpdir(), 'ps-msg-data-'));
  cpSync(join(DATA, 'profiles'), join(data, 'profiles'), { recursive: true });
  writeFileSync(join(data, 'profiles', FIRST_PROFILE, 'cv.json'), text);
  return data;
}

describe('what a problem is called', () => {
  it('a field present with the wrong type is reported as that type, not as missing', () => {
    const [first] = problems(cvText.replace(/"year": 2019,/, '"year": "2019",'));
    expect(first).toMatch(/^\d+:\d+ expected number, got the string "2019"$/);
    expect(problems(cvText.replace(/"year": 2019,/, ''))[0]).toMatch(/required field is missing \(expected number\)$/);
  });

  it('truncated XML ends early at its real last line, naming what is left open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ps-msg-'));
    const text = readFileSync(join(REC, 'arxiv-2.xml'), 'utf8');
    const cut = text.slice(0, text.indexOf('<name>', text.indexOf('<entry>')) + 9);
    writeFileSync(join(dir, 'cut.xml'), cut);
    const r = await cli('parse', 'arxiv', join(dir, 'cut.xml'));
    expect(r.code).toBe(3);
    const lines = cut.split('\n');
    expect(JSON.parse(r.stdout).error).toBe(`${join(dir, 'cut.xml')}:${lines.length}:${lines.at(-1)!.length + 1}: malformed XML: the document ends early (truncated?): <feed>, <entry>, <author>, <name> are not closed`);
  });

  it('an empty file says it is empty (XML, JSON, cv.json)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ps-msg-'));
    writeFileSync(join(dir, 'empty.xml'), '');
    writeFileSync(join(dir, 'empty.json'), '');
    expect(JSON.parse((await cli('parse', 'arxiv', join(dir, 'empty.xml'))).stdout).error).toBe(`${join(dir, 'empty.xml')}:1:1: the document is empty`);
    expect(JSON.parse((await cli('parse', 'dblp', join(dir, 'empty.json'))).stdout).error).toBe(`${join(dir, 'empty.json')}:1:1: the document is empty`);
    expect(problems('')).toEqual(['1:1 the document is empty']);
  });

  it('a JSON syntax error is listed once', () => {
    expect(problems(cvText.slice(0, 500))).toEqual([expect.stringMatching(/^18:\d+ invalid JSON: the document ends early, inside the string that starts at line 18, column \d+$/)]);
    expect(problems(cvText.replace('"year": 2019', 'year: 2019'))).toHaveLength(1);
  });
});

describe('how problems are printed', () => {
  const broken = cvText.replace('"title": "CutMix', '"titel": "CutMix').replace(/"year": 2019,/, '"year": "2019",');

  it('sync prints each validation error once, on stderr (stdout\'s summary counts them)', async () => {
    const r = await cli('sync', '--offline', '--data', dataWith(broken), '--out', mkdtempSync(join(tmpdir(), 'ps-msg-out-')));
    expect(r.code).toBe(3);
    const all = `${r.stdout}\n${r.stderr}`;
    expect(r.stdout).not.toContain('unknown field');
    const titel = all.split('\n').filter((l) => l.includes('unknown field "titel"'));
    const year = all.split('\n').filter((l) => l.includes('expected number, got the string "2019"'));
    expect([titel.length, year.length]).toEqual([1, 1]);
    expect(r.stderr).toContain(`[${FIRST_PROFILE}] invalid canonical records (3 problems): nothing published`); // titel unknown, title missing, year a string
  });

  it('sync --json and reconcile --json give the errors structured, as parse does', async () => {
    const data = dataWith(broken);
    const synced = await cli('sync', '--offline', '--json', '--data', data, '--out', mkdtempSync(join(tmpdir(), 'ps-msg-out-')));
    expect(synced.code).toBe(3);
    const profile = (JSON.parse(synced.stdout) as { profiles: Array<{ status: string; errors: unknown[] }> }).profiles[0]!;
    expect(profile.status).toBe('invalid');
    const file = join(data, 'profiles', FIRST_PROFILE, 'cv.json');
    expect(profile.errors).toEqual([
      { file, path: ['publications', 6, 'title'], line: expect.any(Number), column: 5, message: 'required field is missing (expected string)' },
      { file, path: ['publications', 6, 'year'], line: expect.any(Number), column: 7, message: 'expected number, got the string "2019"' },
      { file, path: ['publications', 6, 'titel'], line: expect.any(Number), column: 7, message: 'unknown field "titel"' },
    ]);
    const reconciled = await cli('reconcile', '--json', '--cv', join(data, 'profiles', FIRST_PROFILE, 'cv.json'), '--out', mkdtempSync(join(tmpdir(), 'ps-msg-out-')));
    expect(reconciled.code).toBe(3);
    expect(JSON.parse(reconciled.stdout)).toEqual({ error: 'invalid input: nothing was published', issues: profile.errors });
  });
});
