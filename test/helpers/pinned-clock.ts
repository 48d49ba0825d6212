/**
 * A test file's wall clock pinned to a moment, for every test in it: `Date` is faked (timers stay real), and it
 * advances from that moment in steps as real time passes (by a little less on a busy machine), so time measured by
 * the code under test still moves forward. A file that runs
 * the CLI in-process (its entry reads `new Date()`) and pins its clock this way sees the same day whatever day it
 * runs on, so its outcome cannot depend on today's date: the time-travel pass (scripts/time-travel.sh) does not
 * run it again. A file that also starts a process (the CLI, a server) is run again all the same: the process
 * reads the machine's clock.
 */
import { afterAll, beforeAll, vi } from 'vitest';

/** Call once at the top level of a test file. `at`: an ISO time, e.g. the run's own (2026-11-28T03:00:00Z). */
export function pinClockForFile(at: string): void {
  const moment = new Date(at);
  if (Number.isNaN(moment.getTime())) throw new Error(`pinClockForFile: not a time: ${at}`);
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: moment, shouldAdvanceTime: true });
  });
  afterAll(() => {
    vi.useRealTimers();
  });
}
