/** Time as the fetchers see it: real in production, virtual in tests (waits return at once). */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
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
