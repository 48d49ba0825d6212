/**
 * The time-travel pass (scripts/time-travel.sh) does not run again a file that pins its clock and starts no process:
 * that holds only if the pin covers every test of the file and the file sees the pinned day on any day. This file
 * pins its own clock and checks both, that the pin survives a helper that sets the clock for a moment, and that every
 * file that pins does so at its top level. (A file whose pin was lost before its end fails: pinClockForFile.)
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { REPO } from '../helpers/paths.ts';
import { pinClockForFile, withDateAt } from '../helpers/pinned-clock.ts';

const MOMENT = '2026-11-28T04:00:00Z';
pinClockForFile(MOMENT);

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    return e.isDirectory() ? testFiles(full) : e.name.endsWith('.test.ts') ? [relative(REPO, full)] : [];
  });
}

describe('a pinned clock', () => {
  it('is the moment given, on any day, and advances from there', async () => {
    const first = Date.now();
    expect(first - Date.parse(MOMENT)).toBeGreaterThanOrEqual(0);
    expect(first - Date.parse(MOMENT)).toBeLessThan(600_000); // this file's tests so far take seconds, not ten minutes
    expect(new Date().toISOString().slice(0, 10)).toBe('2026-11-28');
    // It advances in steps as real time passes (by less than real time on a busy machine: enough for what measures it).
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(Date.now()).toBeGreaterThan(first);
  });

  it('holds after a helper set the clock for a moment (withDateAt: the workflow emulator starts an execution at its start time)', () => {
    const before = Date.now();
    expect(withDateAt(new Date('2031-01-01T00:00:00Z'), () => new Date().toISOString())).toBe('2031-01-01T00:00:00.000Z');
    expect(vi.isFakeTimers()).toBe(true);
    expect(Date.now() - before).toBeGreaterThanOrEqual(0);
    expect(Date.now() - before).toBeLessThan(60_000);
    expect(new Date().toISOString().slice(0, 10)).toBe('2026-11-28');
  });

  it('covers every test of a file that pins: the call is a top-level statement, not inside a describe or a hook', () => {
    const pinning = testFiles(join(REPO, 'test')).filter((f) => readFileSync(join(REPO, f), 'utf8').includes('pinClockForFile('));
    expect(pinning.length).toBeGreaterThan(10);
    const nested = pinning.filter((f) => !/^pinClockForFile\(/m.test(readFileSync(join(REPO, f), 'utf8')));
    expect(nested).toEqual([]);
  });

  it('time travel runs again every file that starts the CLI as a process, pinned or not', () => {
    const again = execFileSync('bash', [join(REPO, 'scripts', 'time-travel.sh'), '--list'], { cwd: REPO, encoding: 'utf8' }).trim().split('\n');
    const processes = testFiles(join(REPO, 'test')).filter((f) => /helpers\/cli\.ts|bin\/profile-sync|\bBIN\b/.test(readFileSync(join(REPO, f), 'utf8')));
    expect(processes.length).toBeGreaterThan(3);
    expect(processes.filter((f) => !again.includes(f))).toEqual([]);
    // A pinned file that runs only main() in-process is not run again (the corpus, for one).
    expect(again).not.toContain('test/hostile/corpus.test.ts');
  });
});
