/** Time as the fetchers see it: real in production, virtual in tests (waits return at once). */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Waits ms; a given signal ends the wait early when it is aborted (Ctrl+C), resolving, not rejecting. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      // The timer is cleared on abort: nothing keeps the process waiting once it is told to stop.
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/**
 * A clock whose time moves only when someone sleeps: tests assert the spacing
 * between requests without waiting for it.
 */
export class VirtualClock implements Clock {
  private t: number;
  /** Every wait asked for, in order (ms). */
  readonly sleeps: number[] = [];

  constructor(start = Date.UTC(2026, 10, 28, 3, 0, 0)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  async sleep(ms: number): Promise<void> {
    const d = Math.max(0, ms);
    this.sleeps.push(d);
    this.t += d;
  }

  /** Total virtual time waited. */
  get waited(): number {
    return this.sleeps.reduce((a, b) => a + b, 0);
  }
}
