/**
 * `profile-sync review --web` as the owner runs it (a real process): the first line of stdout is the one-time
 * link, the page it opens is served on 127.0.0.1 only, answers land in data/profiles/<p>/, and SIGTERM stops
 * it (exit 0). `review-link` prints a link the same server takes; after `revoke-links` it is refused.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { BIN, cli } from '../helpers/cli.ts';
import { DATA, FIRST_PROFILE as P, REPO } from '../helpers/paths.ts';

describe('profile-sync review --web', () => {
  it('serves the review page from a one-time link, records an answer, and stops on SIGTERM', async () => {
    const data = mkdtempSync(join(tmpdir(), 'ps-web-data-'));
    const out = mkdtempSync(join(tmpdir(), 'ps-web-out-'));
    const keys = join(mkdtempSync(join(tmpdir(), 'ps-web-keys-')), 'review-keys.json');
    cpSync(DATA, data, { recursive: true });
    expect((await cli('sync', '--offline', '--data', data, '--out', out, '--run-id', '20261128T030000Z')).code).toBe(0);

    const child = spawn(process.execPath, [BIN, 'review', '--web', '--port', '0', '--no-open', '--keys', keys, '--data', data, '--out', out, '-p', P], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
      expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/open\?t=l1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      const base = new URL(first).origin;
      expect((await fetch(first)).status).toBe(200);
      const used = await fetch(`${base}/open`, { method: 'POST', body: new URLSearchParams({ t: new URL(first).searchParams.get('t')! }), redirect: 'manual' });
      expect(used.status).toBe(303);
      const cookie = used.headers.get('set-cookie')!.split(';')[0]!;
      expect(cookie).toMatch(/^ps-review=/);
      const page = await (await fetch(`${base}/p/${P}`, { headers: { cookie } })).text();
      const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
      const answered = await fetch(`${base}/p/${P}/decide`, { method: 'POST', headers: { cookie }, body: new URLSearchParams({ csrf, item: 'cand:arxiv-2410-18857', action: 'reject', seen: '' }) });
      expect(answered.status).toBe(200);
      expect(JSON.parse(readFileSync(join(data, 'profiles', P, 'decisions.json'), 'utf8')).decisions).toMatchObject([{ item: 'cand:arxiv-2410-18857', action: 'reject' }]);
      expect((await fetch(first)).status).toBe(401); // used

      const link = await cli('review-link', '-p', P, '--keys', keys, '--base-url', base, '--expires', '2d');
      expect(link.code).toBe(0);
      expect((await fetch(link.stdout.trim())).status).toBe(200);
      expect((await cli('revoke-links', '-p', P, '--out', out)).code).toBe(0);
      expect((await fetch(link.stdout.trim())).status).toBe(401);
      expect((await fetch(`${base}/p/${P}`, { headers: { cookie } })).status).toBe(401); // the session ended with the revocation
      expect(stderr).not.toContain('t=');
      expect(stderr).not.toContain(new URL(first).searchParams.get('t')!);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toContain('review page stopped (SIGTERM)');
  }, 120_000);

  it('usage errors: review-link without -p, a bad --expires, --web with answers; --help lists the options', async () => {
    expect((await cli('review-link')).code).toBe(2);
    expect((await cli('review', '--web', '--accept', 'cand:x', '-p', P)).code).toBe(2); // answers go in the browser
    const bad = await cli('review-link', '-p', P, '--expires', '90d', '--keys', join(mkdtempSync(join(tmpdir(), 'ps-web-keys-')), 'k.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('at most 30d');
    const help = await cli('review', '--help');
    expect(help.stdout).toMatch(/--web[\s\S]*--port <n>[\s\S]*--no-open[\s\S]*--idle <minutes>[\s\S]*--keys <file>/);
    expect((await cli('revoke-links', '--help')).stdout).toMatch(/Exit codes:/);
  }, 60_000);
});
