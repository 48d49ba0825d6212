/**
 * A canonical file that is not UTF-8 (one Latin-1 byte the owner's editor wrote) is refused as a
 * source document is: exit 3, file:line:column, what the encoding looks like. Nothing is
 * published from it, and a review never rewrites the owner's byte into U+FFFD.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/in-process-cli.ts';
import { pinClockForFile } from '../helpers/pinned-clock.ts';
import { dataCopy } from '../helpers/owner-bucket.ts';
import { FIRST_PROFILE as P } from '../helpers/paths.ts';

// The CLI runs in this process (test/helpers/in-process-cli.ts) with the clock at the morning of the runs below, whatever day it is.
pinClockForFile('2026-11-28T04:00:00Z');

/** cv.json with "Font" written as "F\xF6nt" (ISO-8859-1 ö) in the first title; the line and column of that byte. */
function latin1Cv(data: string): { file: string; bytes: Buffer; line: number; column: number } {
  const file = join(data, 'profiles', P, 'cv.json');
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf('"title": "') + '"title": "'.length;
  const before = text.slice(0, at);
  const bytes = Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from([0x46, 0xf6]), Buffer.from(text.slice(at + 2), 'utf8')]);
  writeFileSync(file, bytes);
  return { file, bytes, line: before.split('\n').length, column: at - before.lastIndexOf('\n') + 1 };
}

describe('a canonical file that is not UTF-8', () => {
  it('sync refuses it (exit 3, line and column, "looks like ISO-8859-1") and publishes nothing', async () => {
    const data = dataCopy();
    const out = mkdtempSync(join(tmpdir(), 'ps-enc-out-'));
    const { file, line, column } = latin1Cv(data);
    const r = await cli('sync', '--offline', '--data', data, '--out', out, '-p', P);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout + r.stderr).toContain(`${file}:${line}:${column}: not valid UTF-8 (byte 0xF6 begins no UTF-8 character): looks like ISO-8859-1 or Windows-1252, where byte 0xF6 is "ö"`);
    expect(existsSync(join(out, 'public', P, 'profile.json'))).toBe(false);
  }, 60_000);

  it('review refuses it too and leaves the owner\'s bytes as they were', async () => {
    const data = dataCopy();
    const out = mkdtempSync(join(tmpdir(), 'ps-enc-out-'));
    expect((await cli('sync', '--offline', '--data', data, '--out', out, '-p', P, '--run-id', '20261127T030000Z')).code).toBe(0);
    const { file, bytes } = latin1Cv(data);
    const r = await cli('review', '--data', data, '--out', out, '-p', P, '--accept', 'cand:arxiv-2101-05068');
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout + r.stderr).toContain("not valid UTF-8");
    expect(readFileSync(file).equals(bytes)).toBe(true);
  }, 60_000);

  it('a UTF-16 cv.json is named as such', async () => {
    const data = dataCopy();
    const file = join(data, 'profiles', P, 'cv.json');
    writeFileSync(file, Buffer.from(readFileSync(file, 'utf8'), 'utf16le'));
    const r = await cli('sync', '--offline', '--data', data, '--out', mkdtempSync(join(tmpdir(), 'ps-enc-out-')), '-p', P);
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toContain(`${file}:1:1: not UTF-8: looks like UTF-16LE`);
  }, 60_000);
});
