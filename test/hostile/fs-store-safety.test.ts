/**
 * Issue 14, item 6: the folder store never reads or writes through a symbolic
 * link inside the store (a linked reports/<profile> would receive the report
 * and latest.json outside the store), and a write that fails part-way (the
 * file-size limit reached, as on a full disk) leaves the old bytes and no
 * temporary file, and the CLI says so in one line.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FsStore } from '../../src/store/fs-store.ts';
import { DATA, FIRST_PROFILE, REPO } from '../helpers/paths.ts';
import { cli, stackLines } from '../helpers/in-process-cli.ts';

const json = { contentType: 'application/json; charset=utf-8' };

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('a symbolic link inside the store', () => {
  function linkedStore() {
    const root = mkdtempSync(join(tmpdir(), 'ps-store-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'ps-elsewhere-'));
    mkdirSync(join(root, 'reports'), { recursive: true });
    symlinkSync(elsewhere, join(root, 'reports', FIRST_PROFILE), 'dir');
    writeFileSync(join(elsewhere, 'latest.json'), '{"outside": true}');
    return { root, elsewhere, store: new FsStore(root) };
  }

  it('is refused for writes, reads and listings, naming the link; nothing lands outside', async () => {
    const { root, elsewhere, store } = linkedStore();
    const refused = new RegExp(`${join(root, 'reports', FIRST_PROFILE).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is a symbolic link inside the store folder`);
    await expect(store.put(`reports/${FIRST_PROFILE}/20261128T030000Z/diff.json`, '{}', { ...json, ifNoneMatch: '*' })).rejects.toThrow(refused);
    await expect(store.put(`reports/${FIRST_PROFILE}/latest.json`, '{}', json)).rejects.toThrow(refused);
    await expect(store.get(`reports/${FIRST_PROFILE}/latest.json`)).rejects.toThrow(refused);
    await expect(store.list(`reports/${FIRST_PROFILE}/`)).rejects.toThrow(refused);
    await expect(store.list('reports/')).rejects.toThrow(refused);
    expect(readdirSync(elsewhere)).toEqual(['latest.json']);
    expect(readFileSync(join(elsewhere, 'latest.json'), 'utf8')).toBe('{"outside": true}');
  });

  it('a sync into such a store stops with one line (exit 1) and writes nothing outside it', async () => {
    const { root, elsewhere } = linkedStore();
    const r = await cli('sync', '--offline', '--out', root, '--run-id', '20261128T030000Z');
    expect(r.code).toBe(1);
    expect(stackLines(r.stderr)).toBe(0);
    expect(r.stderr.trim().split('\n').filter((l) => l.startsWith('profile-sync:'))).toEqual([`profile-sync: ${join(root, 'reports', FIRST_PROFILE)} is a symbolic link inside the store folder; profile-sync neither reads nor writes through links there (replace it with a real folder or file)`]);
    expect(readdirSync(elsewhere)).toEqual(['latest.json']);
  });

  it('the store folder itself may be a link', async () => {
    const real = mkdtempSync(join(tmpdir(), 'ps-real-'));
    const alias = join(mkdtempSync(join(tmpdir(), 'ps-alias-')), 'out');
    symlinkSync(real, alias, 'dir');
    const store = new FsStore(alias);
    await store.put('public/p/profile.json', '{}', json);
    expect(readFileSync(join(real, 'public', 'p', 'profile.json'), 'utf8')).toBe('{}');
  });
});

describe('a write that fails part-way', () => {
  // A child process whose file-size limit (ulimit -f, in KiB) stops a write after its first bytes (EFBIG), as a full disk does.
  const limited = (kib: number, script: string) =>
    spawnSync('bash', ['-c', `ulimit -f ${kib}; exec "${process.execPath}" --import tsx -e "$0"`, script], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });

  it('keeps the old bytes and leaves no temporary file', () => {
    const root = mkdtempSync(join(tmpdir(), 'ps-efbig-'));
    mkdirSync(join(root, 'public', 'p'), { recursive: true });
    writeFileSync(join(root, 'public', 'p', 'profile.json'), 'old');
    const r = limited(64, `
      const { FsStore } = await import('./src/store/fs-store.ts');
      const store = new FsStore(${JSON.stringify(root)});
      const before = await store.get('public/p/profile.json');
      try {
        await store.put('public/p/profile.json', 'x'.repeat(1024 * 1024), { contentType: 'application/json', ifMatch: before.etag });
        console.log('written');
      } catch (e) {
        console.log(e.code, e.path);
      }`);
    expect(r.stdout.trim()).toBe(`EFBIG ${join(root, 'public', 'p', 'profile.json')}`);
    expect(readFileSync(join(root, 'public', 'p', 'profile.json'), 'utf8')).toBe('old');
    expect(allFiles(root).map((f) => f.slice(root.length))).toEqual(['/public/p/profile.json']);
  });

  it('a sync that hits it ends with one line naming the file (exit 1), no stack trace, no temporary file', () => {
    const data = mkdtempSync(join(tmpdir(), 'ps-efbig-data-'));
    cpSync(DATA, data, { recursive: true });
    const out = mkdtempSync(join(tmpdir(), 'ps-efbig-out-'));
    // The bin builds its bundle when the sources are newer than it (bin/profile-sync.js): built first, without the
    // limit, or the limit stops the build instead of the sync (whether another test built it first is luck).
    expect(spawnSync(process.execPath, ['bin/profile-sync.js', '--help'], { cwd: REPO, encoding: 'utf8', timeout: 60_000 }).status).toBe(0);
    const r = spawnSync('bash', ['-c', `ulimit -f 16; exec "${process.execPath}" bin/profile-sync.js sync --offline --data "${data}" --out "${out}" --run-id 20261128T030000Z`], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(stackLines(r.stderr)).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^profile-sync: ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\S+: file too large for this file system or limit \\(EFBIG, write\\)$`, 'm'));
    expect(allFiles(out).filter((f) => /\.tmp-\d+-\d+$/.test(f))).toEqual([]);
    expect(existsSync(join(out, 'public', FIRST_PROFILE, 'profile.json'))).toBe(false);
  });
});
