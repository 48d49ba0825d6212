/** pull / push / remove / seed / email and sync --bucket as the owner types them: messages and exit codes. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataCopy } from '../helpers/owner-bucket.ts';
import { FIRST_PROFILE as P } from '../helpers/paths.ts';
import { cli } from '../helpers/in-process-cli.ts';
import { pinClockForFile } from '../helpers/pinned-clock.ts';

// The CLI runs in this process (test/helpers/in-process-cli.ts) with the clock at the morning of the runs below, whatever day it is.
pinClockForFile('2026-11-28T04:00:00Z');


describe('the records commands', () => {
  it('seed, sync --bucket from the bucket (saying which local edits it does not use), email, remove guarded', async () => {
    const data = dataCopy();
    const bucket = mkdtempSync(join(tmpdir(), 'ps-cli-bucket-'));
    expect((await cli('push', '-p', P, '--data', data)).code).toBe(2); // --bucket is required
    expect(await cli('seed', '--bucket', bucket, '--data', data)).toMatchObject({ code: 0, stdout: `seeded ${P}\n` });
    expect(await cli('seed', '--bucket', bucket, '--data', data)).toMatchObject({ code: 0, stdout: `kept ${P}: already in the store (its records there are the truth)\n` });
    expect((await cli('pull', '-p', 'nobody', '--bucket', bucket, '--data', data)).stderr).toContain('no profile "nobody" at');

    // A local edit that is not pushed: sync --bucket publishes the bucket's records and says so.
    const cvFile = join(data, 'profiles', P, 'cv.json');
    writeFileSync(cvFile, readFileSync(cvFile, 'utf8').replace('"title": "Photorealistic Style Transfer via Wavelet Transforms"', '"title": "WCT2"'));
    const s = await cli('sync', '--offline', '--bucket', bucket, '--data', data, '--run-id', '20261128T030000Z');
    expect(s, s.stderr).toMatchObject({ code: 0 });
    expect(s.stderr).toContain(`[${P}] load canonical records from ${bucket}/canonical/`);
    expect(s.stderr).toMatch(/\[sanghyuk-chun\] not used: .*cv\.json differs from the store's: work changed: iccv19-wct2 \(title\)/);
    expect(s.stderr).toContain(`push your edits first (profile-sync push -p ${P} --bucket ${bucket})`);
    const profile = readFileSync(join(bucket, 'public', P, 'profile.json'), 'utf8');
    expect(profile).toContain('"title": "Photorealistic Style Transfer via Wavelet Transforms"');

    const email = await cli('email', '-p', P, '--bucket', bucket);
    expect(email.stdout.split('\n')[0]).toBe('Subject: sanghyuk-chun: 13 new papers, 6 differences, 1 version event to review');

    // never pulled into this data folder: push and remove refuse (exit 5), saying why
    const push = await cli('push', '-p', P, '--bucket', bucket, '--data', data);
    expect(push.code).toBe(5);
    expect(push.stderr).toMatch(/cv\.json: .* has one at .* that you never pulled/);
    expect((await cli('remove', '-p', P, '--bucket', bucket, '--data', data)).code).toBe(5);
    const removed = await cli('remove', '-p', P, '--bucket', bucket, '--data', data, '--force');
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('the published profile (public/sanghyuk-chun/) and the reports stay');
    expect((await cli('sync', '--offline', '--bucket', bucket, '--data', data, '-p', P)).code).toBe(3); // no records to sync from
  }, 180_000);

  it("the README's order (seed, sync --bucket, review --accept, then a first pull) takes the store's records: no false conflict", async () => {
    const data = dataCopy();
    const bucket = mkdtempSync(join(tmpdir(), 'ps-cli-bucket-'));
    expect((await cli('seed', '--bucket', bucket, '--data', data)).code).toBe(0);
    expect((await cli('sync', '--offline', '--bucket', bucket, '--data', data, '--run-id', '20261128T030000Z')).code).toBe(0);
    expect((await cli('review', '-p', P, '--bucket', bucket, '--data', data, '--accept', 'cand:arxiv-2410-18857')).code).toBe(0);
    const pulled = await cli('pull', '-p', P, '--bucket', bucket, '--data', data);
    expect(pulled, pulled.stderr).toMatchObject({ code: 0 });
    expect(pulled.stdout).toContain('updated cv.json');
    expect(readFileSync(join(data, 'profiles', P, 'cv.json'), 'utf8')).toBe(readFileSync(join(bucket, 'canonical', P, 'cv.json'), 'utf8'));
    // A local edit made before that first pull is something the store lacks: then it is a conflict, and the advice
    // never loses the store's decision (no push --force).
    const other = dataCopy();
    const cvFile = join(other, 'profiles', P, 'cv.json');
    writeFileSync(cvFile, readFileSync(cvFile, 'utf8').replace('"title": "Photorealistic Style Transfer via Wavelet Transforms"', '"title": "WCT2"'));
    const refused = await cli('pull', '-p', P, '--bucket', bucket, '--data', other);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain('work changed: iccv19-wct2 (title)');
    expect(refused.stderr).not.toContain('push --force');
    expect(refused.stderr).toContain('pull --force');
    // One line per problem: what each copy has, and what to do.
    expect(refused.stderr.trim().split('\n')).toEqual([
      `profile-sync pull: cv.json: your copy (never pulled from ${bucket}/canonical/) has what the store's lacks (work changed: iccv19-wct2 (title)), and the store's has work arxiv-2410-18857; nothing was written; pull --force takes the store's copy and keeps yours as .cv.json.before-pull (carry your edits over, then push)`,
    ]);
    const detailed = await cli('pull', '-p', P, '--bucket', bucket, '--data', other, '--verbose');
    expect(detailed.stderr).toContain('    work removed: arxiv-2410-18857');
    const push = await cli('push', '-p', P, '--bucket', bucket, '--data', other);
    expect(push.code).toBe(5);
    expect(push.stderr.trim().split('\n')).toHaveLength(1);
    expect(push.stderr).not.toContain('push --force');
  }, 120_000);
});

describe('a folder bucket with --prefix', () => {
  it('keeps each prefix\'s keys apart, as S3 does, and refuses a prefix that leaves the bucket', async () => {
    const data = dataCopy();
    const bucket = mkdtempSync(join(tmpdir(), 'ps-cli-prefix-'));
    expect((await cli('seed', '--bucket', bucket, '--prefix', 'lab-a', '--data', data)).code).toBe(0);
    // lab-b is empty: its seed writes, it does not find lab-a's records
    expect(await cli('seed', '--bucket', bucket, '--prefix', 'lab-b/', '--data', data)).toMatchObject({ code: 0, stdout: `seeded ${P}\n` });
    expect(existsSync(join(bucket, 'lab-a', 'canonical', P, 'cv.json'))).toBe(true);
    expect(existsSync(join(bucket, 'lab-b', 'canonical', P, 'cv.json'))).toBe(true);
    expect(existsSync(join(bucket, 'canonical'))).toBe(false);
    const outside = await cli('seed', '--bucket', bucket, '--prefix', '../elsewhere', '--data', data);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('--prefix "../elsewhere"');
  }, 180_000);

  it('a --bucket folder that does not exist is a usage error naming the path and how to create it; only seed or --create make one', async () => {
    const data = dataCopy();
    const parent = mkdtempSync(join(tmpdir(), 'ps-cli-typo-'));
    const typo = join(parent, 'rehersal');
    for (const args of [['review', '-p', P], ['sync', '--offline'], ['push', '-p', P], ['pull', '-p', P], ['email', '-p', P]]) {
      const r = await cli(...args, '--bucket', typo, ...(args[0] === 'email' ? [] : ['--data', data]));
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(2);
      expect(r.stderr.trim().split('\n'), args[0]).toEqual([`profile-sync: --bucket ${typo}: no store there (a mistyped path?); create it with: profile-sync seed --bucket ${typo} (or add --create)`]);
      expect(existsSync(typo), `${args[0]} made no folder`).toBe(false);
    }
    expect(await cli('seed', '--bucket', typo, '--data', data)).toMatchObject({ code: 0, stdout: `seeded ${P}\n` });
    const other = join(parent, 'lab-b');
    expect((await cli('push', '-p', P, '--bucket', other, '--data', data, '--create')).code).toBe(0);
    expect(existsSync(join(other, 'canonical', P, 'cv.json'))).toBe(true);
  }, 120_000);

  it('push of a paused profile says the nightly run skips it, also when it comes back after remove', async () => {
    const data = dataCopy();
    const bucket = mkdtempSync(join(tmpdir(), 'ps-cli-bucket-'));
    expect((await cli('seed', '--bucket', bucket, '--data', data)).code).toBe(0);
    expect((await cli('remove', '-p', P, '--bucket', bucket, '--data', data, '--force')).code).toBe(0);
    const cfg = join(data, 'profiles', P, 'config.json');
    writeFileSync(cfg, readFileSync(cfg, 'utf8').replace(/^\{/, '{\n  "paused": true,'));
    const r = await cli('push', '-p', P, '--bucket', bucket, '--data', data, '--force');
    expect(r, r.stderr).toMatchObject({ code: 0 });
    expect(r.stdout.split('\n')[0]).toBe(`pushed ${P} to ${bucket}/canonical/${P}/ (added again after remove, paused in config.json: the nightly run skips it until "paused" is false)`);
    expect(r.stdout).not.toContain('includes it');
  }, 120_000);
});
