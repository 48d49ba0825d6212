/**
 * A test file's wall clock pinned to a moment, for every test in it: `Date` is faked (timers stay real), and it
 * advances from that moment in steps as real time passes (by a little less on a busy machine), so time measured by
 * the code under test still moves forward. A file that runs
 * the CLI in-process (its entry reads `new Date()`) and pins its clock this way sees the same day whatever day it
 * runs on, so its outcome cannot depend on today's date: the time-travel pass (scripts/time-travel.sh) does not
 * run it again. A file that also starts a process (the CLI, a server) is run again all the same: the process
 * reads the machine's clock. The pin must hold to the file's end: a helper that sets the clock for a moment
 * (withDateAt) puts the pin back, and a file whose pin was lost fails.
 */
import { afterAll, beforeAll, vi } from 'vitest';

/** Whether the running file pinned its clock (pinClockForFile). */
let pinned = false;

const pinAt = (now: Date | number) => vi.useFakeTimers({ toFake: ['Date'], now, shouldAdvanceTime: true });

/** Call once at the top level of a test file. `at`: an ISO time, e.g. the run's own (2026-11-28T03:00:00Z). */
export function pinClockForFile(at: string): void {
  const moment = new Date(at);
  if (Number.isNaN(moment.getTime())) throw new Error(`pinClockForFile: not a time: ${at}`);
  beforeAll(() => {
    pinAt(moment);
    pinned = true;
  });
  afterAll(() => {
    const kept = vi.isFakeTimers();
    vi.useRealTimers();
    pinned = false;
    if (!kept) throw new Error(`this file pinned its clock at ${at}, and something put the real clock back before its end (set the clock for a moment with withDateAt)`);
  });
}

/**
 * Runs `start` (synchronous) with `Date` at `at` and no other time passing, then puts back the clock it found: the
 * file's pinned clock, continuing from where it was, or the real one.
 */
export function withDateAt<T>(at: Date, start: () => T): T {
  const resume = pinned ? Date.now() : undefined;
  vi.useFakeTimers({ toFake: ['Date'], now: at });
  try {
    return start();
  } finally {
    vi.useRealTimers();
    if (resume !== undefined) pinAt(resume);
  }
}
