/**
 * Issue 14, items 7 and 8: every mistake a person makes on the command line is
 * one clear line with the right exit code, never a stack trace: a missing or
 * wrong path, an ambiguous or malformed profile id, a title nested
 * 100,000 elements deep. Profile ids are checked before any path is built.
 * The CLI runs in this process, with the clock pinned; what needs a process of its own (an environment without
 * credentials, the CDK app as cdk starts it) is in user-errors-processes.test.ts.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Element, Text } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { textContent } from '../../src/sources/xml/xml-document.ts';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';
import { cli, oneLine, stackLines } from '../helpers/in-process-cli.ts';
import { pinClockForFile } from '../helpers/pinned-clock.ts';

pinClockForFile('2026-11-28T04:00:00Z');

const CV = join(DATA, 'profiles', FIRST_PROFILE, 'cv.json');
const REC = join(DATA, 'recordings', FIRST_PROFILE);

describe('paths on the command line (exit 2)', () => {
  const out = () => mkdtempSync(join(tmpdir(), 'ps-usage-out-'));

  it('a missing --cv or --arxiv file', async () => {
    const o = out();
    expect(oneLine(await cli('reconcile', '--cv', 'no/such/cv.json', '--out', o))).toBe('profile-sync: --cv no/such/cv.json: no such file');
    const r = await cli('reconcile', '--cv', CV, '--arxiv', 'missing.xml', '--out', o);
    expect(r.code).toBe(2);
    expect(oneLine(r)).toBe('profile-sync: --arxiv missing.xml: no such file');
    expect((await cli('parse', 'arxiv', 'missing.xml')).code).toBe(2);
  });

  it('a folder given as a file', async () => {
    const r = await cli('reconcile', '--cv', DATA, '--out', out());
    expect(r.code).toBe(2);
    expect(oneLine(r)).toBe(`profile-sync: --cv ${DATA}: is a folder, not a file`);
    expect(oneLine(await cli('reconcile', '--cv', CV, '--dblp', REC, '--out', out()))).toBe(`profile-sync: --dblp ${REC}: is a folder, not a file`);
  });

  it('--out naming a file', async () => {
    const file = join(out(), 'a-file.txt');
    writeFileSync(file, 'not a folder');
    const r = await cli('sync', '--offline', '--out', file);
    expect(r.code).toBe(2);
    expect(oneLine(r)).toBe(`profile-sync: --out ${file}: is a file, not a folder`);
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  });
});

describe('profile ids (exit 2, the known profiles listed, nothing read outside data/profiles)', () => {
  it('sync -p ../../etc and an unknown profile', async () => {
    const o = join(mkdtempSync(join(tmpdir(), 'ps-ids-')), 'out');
    const escape = await cli('sync', '--offline', '-p', '../../etc', '--out', o);
    expect(escape.code).toBe(2);
    expect(oneLine(escape)).toBe(`profile-sync: --profile "../../etc" is not a profile id (lowercase letters, digits and hyphens); known profiles: ${FIRST_PROFILE}`);
    const unknown = await cli('sync', '--offline', '-p', 'nobody', '--out', o);
    expect(unknown.code).toBe(2);
    expect(oneLine(unknown)).toBe(`profile-sync: no profile "nobody" in data/profiles; known profiles: ${FIRST_PROFILE}`);
    expect(existsSync(o)).toBe(false);
  });

  it('review -p ../x, and review with several profiles and no -p', async () => {
    const data = mkdtempSync(join(tmpdir(), 'ps-ids-data-'));
    cpSync(join(DATA, 'profiles', FIRST_PROFILE), join(data, 'profiles', FIRST_PROFILE), { recursive: true });
    cpSync(join(DATA, 'profiles', FIRST_PROFILE), join(data, 'profiles', 'second-member'), { recursive: true });
    const o = mkdtempSync(join(tmpdir(), 'ps-ids-out-'));
    const escape = await cli('review', '-p', '../x', '--data', data, '--out', o);
    expect(escape.code).toBe(2);
    expect(oneLine(escape)).toBe('profile-sync: --profile "../x" is not a profile id (lowercase letters, digits and hyphens)');
    const several = await cli('review', '--data', data, '--out', o);
    expect(several.code).toBe(2);
    expect(oneLine(several)).toMatch(/several profiles in .*: choose one with --profile/);
  });
});

describe('every command checks -p before building a key or path from it (exit 2, one line)', () => {
  it('pull, push, remove, email, rollback, record and seed refuse "../x"; record and seed name the known profiles', async () => {
    const bucket = mkdtempSync(join(tmpdir(), 'ps-ids-bucket-'));
    const o = mkdtempSync(join(tmpdir(), 'ps-ids-out-'));
    const runs: Array<[string[], string]> = [
      [['pull', '-p', '../x', '--bucket', bucket], 'profile-sync: --profile "../x" is not a profile id (lowercase letters, digits and hyphens)'],
      [['push', '-p', '../x', '--bucket', bucket], 'profile-sync: --profile "../x" is not a profile id (lowercase letters, digits and hyphens)'],
      [['remove', '-p', '../x', '--bucket', bucket], 'profile-sync: --profile "../x" is not a profile id (lowercase letters, digits and hyphens)'],
      [['email', '-p', '../x', '--bucket', bucket], 'profile-sync: --profile "../x" is not a profile id (lowercase letters, digits and hyphens)'],
      [['rollback', '-p', '../x', '--to', '20261127T031500Z', '--out', o], 'profile-sync: --profile "../x" is not a profile id (lowercase letters, digits and hyphens)'],
      [['record', '-p', '../../etc'], `profile-sync: --profile "../../etc" is not a profile id (lowercase letters, digits and hyphens); known profiles: ${FIRST_PROFILE}`],
      [['record', '-p', 'nobody'], `profile-sync: no profile "nobody" in data/profiles; known profiles: ${FIRST_PROFILE}`],
      [['seed', '-p', 'nobody', '--bucket', bucket], `profile-sync: no profile "nobody" in data/profiles; known profiles: ${FIRST_PROFILE}`],
    ];
    for (const [args, line] of runs) {
      const r = await cli(...args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(oneLine(r)).toBe(line);
    }
  });
});

describe('an XML title nested 100,000 elements deep', () => {
  const deep = `${'<i>'.repeat(100_000)}deep${'</i>'.repeat(100_000)}`;

  it('textContent reads any depth (it does not recurse)', () => {
    let node: Element | Text = new Text('deep');
    for (let i = 0; i < 100_000; i++) node = new Element('i', {}, [node]);
    expect(textContent(new Element('title', {}, [node, new Text(' end')]))).toBe('deep end');
  });

  it('parse and reconcile say where, in one line (exit 3)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ps-deep-'));
    const file = join(dir, 'deep.xml');
    writeFileSync(file, readFileSync(join(REC, 'arxiv-2.xml'), 'utf8').replace(/<title>[^<]*<\/title>/, `<title>${deep}</title>`).replace(/(<entry>[\s\S]*?)<title>[^<]*<\/title>/, `$1<title>${deep}</title>`));
    const parsed = await cli('parse', 'arxiv', file);
    expect(parsed.code).toBe(3);
    expect(stackLines(parsed.stdout + parsed.stderr)).toBe(0);
    expect(JSON.parse(parsed.stdout).error).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: malformed XML: elements nested more than 1000 levels deep$`));
    const out = join(dir, 'out');
    mkdirSync(out);
    const r = await cli('reconcile', '--cv', CV, '--arxiv', file, '--out', out);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('nested more than 1000 levels deep');
    expect(stackLines(r.stderr)).toBe(0);
  });
});
