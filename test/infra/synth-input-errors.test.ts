/**
 * Issue 14, item 8, at `cdk synth`: a broken cv.json or an unknown profile stops the CDK app (a process, as cdk
 * starts it) with exit 1 and the lines that say where, never a stack trace or an error object's dump.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackLines } from '../helpers/cli-output.ts';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';
import { runCdkApp as synth } from './cdk-app.ts';

describe('cdk synth (the app, as cdk runs it: exit 1 and the lines, no dump)', () => {
  it('a broken cv.json: file, line, field', async () => {
    const data = mkdtempSync(join(tmpdir(), 'ps-synth-data-'));
    cpSync(join(DATA, 'profiles'), join(data, 'profiles'), { recursive: true });
    const cvFile = join(data, 'profiles', FIRST_PROFILE, 'cv.json');
    writeFileSync(cvFile, readFileSync(cvFile, 'utf8').replace('"kind": "demo"', '"kind": "poster"'));
    const r = await synth({ data });
    expect(r.code).toBe(1);
    expect(stackLines(r.stderr)).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^profile-sync: ${cvFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: publications\\[\\d+\\]\\.kind: Invalid option`, 'm'));
    expect(r.stderr).not.toContain('InputError');
  }, 60_000);

  it('-c profiles=nobody', async () => {
    const r = await synth({ profiles: 'nobody' });
    expect(r.code).toBe(1);
    expect(stackLines(r.stderr)).toBe(0);
    expect(r.stderr.trim()).toBe(`profile-sync: context profiles: expected profiles that have a folder in data/profiles (${FIRST_PROFILE}), got "nobody"`);
  }, 60_000);
});
