/** The profile-sync command as a person runs it: real process, real files, exit codes. */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';

describe('profile-sync sync', () => {
  it('publishes the first user\'s profile into the store folder and prints a summary', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ps-cli-'));
    const r = await cli('sync', '--offline', '--out', out, '--run-id', '20261128T010203Z', '--json');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ runId: '20261128T010203Z', profiles: [{ profile: FIRST_PROFILE, status: 'published', publications: 18, talks: 8 }] });
    expect(r.stderr).toContain('[sanghyuk-chun] load canonical records');
    const profile = JSON.parse(readFileSync(join(out, 'public', FIRST_PROFILE, 'profile.json'), 'utf8'));
    expect(profile).toMatchObject({ schemaVersion: 1, profile: FIRST_PROFILE, runId: '20261128T010203Z' });
  }, 30_000);

  it('exits 3 and publishes nothing when the canonical file is broken', async () => {
    const data = mkdtempSync(join(tmpdir(), 'ps-cli-data-'));
    const out = mkdtempSync(join(tmpdir(), 'ps-cli-out-'));
    cpSync(join(DATA, 'profiles'), join(data, 'profiles'), { recursive: true });
    const cvFile = join(data, 'profiles', FIRST_PROFILE, 'cv.json');
    writeFileSync(cvFile, readFileSync(cvFile, 'utf8').replace('"title": "CutMix', '"titel": "CutMix'));
    const r = await cli('sync', '--data', data, '--out', out);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/sanghyuk-chun: INVALID, nothing published/);
    expect(r.stderr).toMatch(new RegExp(`^profile-sync sync: .*cv\\.json:\\d+:\\d+: publications\\[6\\]\\.titel: unknown field "titel"$`, 'm'));
    expect(existsSync(join(out, 'public'))).toBe(false);
  }, 30_000);

  it('exits 2 on a usage error and 0 on --help, which lists the exit codes', async () => {
    expect((await cli('sync', '--no-such-option')).code).toBe(2);
    expect((await cli('sync', '--run-id', 'yesterday')).code).toBe(2);
    const help = await cli('sync', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes:[\s\S]*3 {2}invalid input/);
  }, 30_000);
});
