/**
 * Virtual time shared by several concurrent tasks (the "processes" of a test):
 * time moves only when every task is waiting on this clock, and then to the
 * earliest wake-up (ties in the order the waits were asked), one task at a time.
 *
 * VirtualClock keeps one counter that every sleep adds to, so two tasks that
 * wait at the same time make time run faster than it would. Here two tasks
 * waiting at once wait the same virtual time, as on a real clock; and real work
 * (a request to a loopback server, a file written) takes no virtual time at all,
 * however loaded the machine: every run sees the same order of waits and the
 * same times. A task that is not waiting on the clock (it is in a request, say)
 * holds time still, so its lease cannot expire under it.
 */
import type { Clock } from '../../src/sources/clock.ts';

interface Waiter {
  readonly at: number;
  readonly seq: number;
  readonly wake: () => void;
}

export class TaskClock implements Clock {
  private t: number;
  /** Tasks running (not waiting on the clock). */
  private running = 0;
  private seq = 0;
  private readonly waiting: Waiter[] = [];

  constructor(start = Date.UTC(2026, 10, 28, 3, 0, 0)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  /** Runs `fn` as one task of the clock; its sleeps must happen inside one. Tasks do not nest (an outer one waiting on an inner one would hold time still). */
  async task<T>(fn: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
      this.advance();
    }
  }

  sleep(ms: number): Promise<void> {
    if (this.running === 0) return Promise.reject(new Error('TaskClock.sleep outside a task (wrap the caller in clock.task)'));
    return new Promise<void>((resolve) => {
      this.waiting.push({ at: this.t + Math.max(0, ms), seq: this.seq++, wake: resolve });
      this.running--;
      this.advance();
    });
  }

  /** When no task runs: the earliest waiter wakes, at its time. */
  private advance(): void {
    if (this.running > 0 || this.waiting.length === 0) return;
    this.waiting.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = this.waiting.shift()!;
    this.t = Math.max(this.t, next.at);
    this.running++;
    next.wake();
  }
}
