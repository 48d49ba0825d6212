/**
 * The review prompt as a person meets it: the real CLI in a pseudo-terminal
 * (util-linux `script` allocates it; keys are written to the terminal as typed:
 * Enter is \r, Ctrl+C is \x03, Ctrl+D is \x04), against a folder bucket that
 * enforces conditional writes as S3 does. Also two sessions in two processes.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { dataCopy, nightly, seededBucket } from '../helpers/owner-bucket.ts';
import { FIRST_PROFILE as P, REPO } from '../helpers/paths.ts';

const BIN = join(REPO, 'bin', 'profile-sync.js');
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** A CLI run in a terminal, driven key by key. */
function terminal(args: string[]) {
  const child = spawn('script', ['-qfec', [process.execPath, BIN, ...args].map(quote).join(' '), '/dev/null'], { cwd: REPO, env: { ...process.env, TERM: 'dumb' } });
  let screen = '';
  child.stdout.on('data', (d: Buffer) => (screen += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (screen += d.toString('utf8')));
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return {
    /** Waits until the screen shows `text` `times` times in all. */
    async waitFor(text: string, times = 1, ms = 15_000): Promise<void> {
      const until = Date.now() + ms;
      while (screen.split(text).length - 1 < times) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${JSON.stringify(text)}; screen:\n${screen}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    type: (keys: string) => child.stdin.write(keys),
    async end(): Promise<{ code: number; screen: string }> {
      const code = await Promise.race([exited, new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`no exit; screen:\n${screen}`)), 15_000))]);
      child.stdin.end();
      return { code, screen };
    },
  };
}

const setUp = async () => {
  const data = dataCopy();
  const { store, root } = await seededBucket(data, [P]);
  await nightly(store, data, '20261128T030000Z');
  const decisions = () => (existsSync(join(root, 'canonical', P, 'decisions.json')) ? (JSON.parse(readFileSync(join(root, 'canonical', P, 'decisions.json'), 'utf8')) as { decisions: Array<{ item: string; action: string }> }).decisions : []);
  return { data, root, decisions, cv: () => readFileSync(join(root, 'canonical', P, 'cv.json'), 'utf8') };
};
const PROMPT = 's=skip, q=quit] > ';

describe('review in a terminal', () => {
  it('asks again on an unknown key; Ctrl+C keeps the answers given so far and exits 130 without a stack trace', async () => {
    const { root, decisions, cv } = await setUp();
    const t = terminal(['review', '-p', P, '--bucket', root]);
    await t.waitFor(PROMPT);
    t.type('x\r');
    await t.waitFor('"x" is not an answer here: type a, r, s or q');
    await t.waitFor(PROMPT, 2); // asked again, same item
    t.type('a\r');
    await t.waitFor('(2/20)');
    await t.waitFor(PROMPT, 3);
    t.type('\x03');
    const { code, screen } = await t.end();
    expect(code).toBe(130);
    expect(screen).toContain('interrupted: recording the 1 answer(s) given so far');
    expect(screen).toContain('accept cand:arxiv-2410-18857');
    expect(screen).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
    expect(decisions().map((d) => [d.item, d.action])).toEqual([['cand:arxiv-2410-18857', 'accept']]);
    expect(cv()).toContain('"venue": "arXiv\'24"'); // the accepted paper is a canonical record now
  }, 40_000);

  it('Ctrl+D ends the prompt the same way', async () => {
    const { root, decisions } = await setUp();
    const t = terminal(['review', '-p', P, '--bucket', root]);
    await t.waitFor(PROMPT);
    t.type('r\r');
    await t.waitFor(PROMPT, 2);
    t.type('\x04');
    const { code } = await t.end();
    expect(code).toBe(130);
    expect(decisions().map((d) => [d.item, d.action])).toEqual([['cand:arxiv-2410-18857', 'reject']]);
  }, 40_000);

  it('two sessions in two processes: the second merges into the first; a different answer to the same item is refused (exit 5)', async () => {
    const { root, decisions } = await setUp();
    const t = terminal(['review', '-p', P, '--bucket', root]);
    await t.waitFor(PROMPT); // session A has read the records
    // Session B (another laptop) answers by flags and finishes first.
    const b = await promisify(execFile)(process.execPath, [BIN, 'review', '-p', P, '--bucket', root, '--reject', 'cand:arxiv-2410-18857', '--accept', 'cand:arxiv-2204-03359'], { cwd: REPO });
    expect(b.stdout).toContain('recorded 2 decision(s)');
    t.type('a\r'); // A accepts what B rejected
    await t.waitFor(PROMPT, 2);
    t.type('r\r'); // A rejects what B accepted
    await t.waitFor(PROMPT, 3);
    t.type('s\r');
    await t.waitFor(PROMPT, 4);
    t.type('t\r'); // 4th item: a candidate; "t" is not an answer for it → asked again
    await t.waitFor('"t" is not an answer here');
    t.type('r\r');
    await t.waitFor(PROMPT, 6);
    t.type('q\r');
    const { code, screen } = await t.end();
    expect(code).toBe(5);
    expect(screen).toContain('not recorded: accept cand:arxiv-2410-18857: decided "reject"');
    expect(screen).toContain('not recorded: reject cand:arxiv-2204-03359: decided "accept"');
    expect(screen).toContain('(merged with decisions another session recorded meanwhile)');
    expect(Object.fromEntries(decisions().map((d) => [d.item, d.action]))).toEqual({
      'cand:arxiv-2410-18857': 'reject', // B's answers stand
      'cand:arxiv-2204-03359': 'accept',
      'cand:arxiv-2103-16302': 'reject', // A's answer on an item B did not touch is kept
    });
  }, 40_000);
});

describe('review --open', () => {
  it('fetches the latest diff.html to a local file and prints its path where no browser can be opened', async () => {
    const { root } = await setUp();
    const env = { ...process.env };
    delete env['DISPLAY'];
    delete env['WAYLAND_DISPLAY'];
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, 'review', '-p', P, '--bucket', root, '--open'], { cwd: REPO, env });
    const path = stdout.trim();
    expect(path).toMatch(/profile-sync\/sanghyuk-chun\/20261128T030000Z\/diff\.html$/);
    expect(readFileSync(path, 'utf8')).toBe(readFileSync(join(root, 'reports', P, '20261128T030000Z', 'diff.html'), 'utf8'));
    expect(stderr).toContain('no browser could be opened here');
  }, 30_000);
});
