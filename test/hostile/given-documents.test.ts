/**
 * Issue 14, item 9: a document given on the command line that is not what its
 * option says (told by the parsers, not by a file name) is invalid input:
 * exit 3, the user's own path in the message, nothing published.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA, FIRST_PROFILE, REPO } from '../helpers/paths.ts';
import { cli, stackLines } from '../helpers/in-process-cli.ts';
import { pinClockForFile } from '../helpers/pinned-clock.ts';

// The CLI runs in this process with the clock at the run's morning, whatever day it is.
pinClockForFile('2026-11-28T04:00:00Z');

const CV = join(DATA, 'profiles', FIRST_PROFILE, 'cv.json');
const REC = join(DATA, 'recordings', FIRST_PROFILE);
const FIX = join(REPO, 'test', 'fixtures');

describe('reconcile with a document of the wrong kind', () => {
  it.each([
    ['--arxiv', 'a dblp person page', join(REC, 'dblp-2.xml'), 'a dblp person bibliography'],
    ['--arxiv', 'an author search', join(REC, 'dblp-1.json'), 'a dblp author search (JSON)'],
    ['--arxiv', "arXiv's error feed", join(FIX, 'arxiv', 'legacy-error-200.xml'), `arXiv's error feed: "incorrect id format for 1234.12345"`],
    ['--dblp', 'a publication search', join(FIX, 'dblp', 'publ-search-current.json'), 'a dblp publication search (JSON)'],
    ['--dblp', 'an author search', join(REC, 'dblp-1.json'), 'a dblp author search (JSON)'],
    ['--dblp', 'an arXiv feed', join(REC, 'arxiv-1.xml'), 'an arXiv API response (Atom feed)'],
  ])('%s <%s>: invalid input naming the file and what it is; nothing published', async (option, _label, file, what) => {
    const out = mkdtempSync(join(tmpdir(), 'ps-kind-'));
    const r = await cli('reconcile', '--cv', CV, option, file, '--out', out);
    expect(r.code).toBe(3);
    expect(stackLines(r.stderr)).toBe(0);
    expect(r.stderr.split('\n')[0]).toContain(`profile-sync: ${file}:1:1: ${option} takes `);
    expect(r.stderr.split('\n')[0]).toContain(`but this is ${what}`);
    expect(readdirSync(out)).toEqual([]);
  });

  it('the right kinds are taken (the recordings reconcile and publish)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ps-kind-'));
    const r = await cli('reconcile', '--cv', CV, '--arxiv', join(REC, 'arxiv-1.xml'), join(REC, 'arxiv-2.xml'), '--dblp', join(REC, 'dblp-2.xml'), '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\n {2}arxiv: ok, \d+ records\n {2}dblp: ok, \d+ records\n/);
    // dblp records given on their own (/rec/<key>.xml) are read as a person page's records are.
    const records = await cli('reconcile', '--cv', CV, '--dblp', join(FIX, 'dblp', 'rec-single.xml'), '--out', mkdtempSync(join(tmpdir(), 'ps-kind-')));
    expect(records.code, records.stderr).toBe(0);
    expect(records.stdout).toContain('\n  dblp: ok, 1 record\n');
  });
});

describe('parse with a document of the other source', () => {
  it('says what the document is (exit 3)', async () => {
    const arxiv = await cli('parse', 'arxiv', join(REC, 'dblp-2.xml'));
    expect(arxiv.code).toBe(3);
    expect(JSON.parse(arxiv.stdout).error).toBe(`${join(REC, 'dblp-2.xml')}:1:1: not an arXiv API response: this is a dblp person bibliography (https://dblp.org/pid/<pid>.xml)`);
    const dblp = await cli('parse', 'dblp', join(REC, 'arxiv-1.xml'));
    expect(dblp.code).toBe(3);
    expect(JSON.parse(dblp.stdout).error).toBe(`${join(REC, 'arxiv-1.xml')}:1:1: not a dblp document: this is an arXiv API response (Atom feed)`);
  });
});
