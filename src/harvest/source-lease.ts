/**
 * One harvester per source for the whole deployment: a lease object in the store
 * (harvest/_lease/<source>.json), taken and renewed only by conditional writes
 * (If-None-Match: * when absent, If-Match on the ETag read otherwise), with an
 * expiry and the time the last request ended. It makes the sources' spacing hold
 * across Lambda invocations, retries and overlapping runs:
 *
 *  - only the holder sends requests; another run waits (or gives up after maxWaitMs);
 *  - a holder starts a request only while the lease has at least requestBudgetMs + gapMs
 *    left (renewing it first otherwise), so a holder that dies mid-request leaves a lease
 *    that expires no earlier than gapMs after that request's longest possible end;
 *  - a new holder sends its first request no earlier than gapMs after the previous
 *    holder's last request ended (written when it released), or after the expiry of a
 *    lease that was never released;
 *  - skewMs is added to every comparison of times written by another machine.
 */
import { PreconditionFailedError, type Store } from '../store/store.ts';
import type { Clock } from '../sources/clock.ts';

export interface LeaseDocument {
  readonly schemaVersion: 1;
  readonly source: string;
  readonly holder: string;
  readonly acquiredAt: number;
  /** ms since the epoch; a holder never starts a request that could end after expiresAt - gapMs. */
  readonly expiresAt: number;
  /** When the holder's last request ended (ms), written on renewal and release. */
  readonly lastRequestEndedAt?: number;
  readonly released: boolean;
  /** Requests this holder sent (for the run's report). */
  readonly requests: number;
}

export interface LeaseOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** "arxiv" or "dblp": the lease is harvest/_lease/<source>.json. */
  readonly source: string;
  /** Who holds it: run id and invocation, for the messages. */
  readonly holder: string;
  /** Minimum gap between the end of one request and the start of the next (any holder). */
  readonly gapMs: number;
  /** The longest one request may take, retries and their waits included. */
  readonly requestBudgetMs: number;
  /** How long a taken lease lasts; renewed before a request when less than requestBudgetMs + gapMs is left. */
  readonly ttlMs: number;
  /** Give up waiting for another holder after this long. */
  readonly maxWaitMs: number;
  /**
   * Holders starting with this prefix are earlier attempts of this one that have ended (a Step Functions
   * retry comes only after the failed or timed-out invocation is over): their lease is taken over at once,
   * a gap after now, instead of waiting for it to expire. Default: none.
   */
  readonly inheritsFrom?: string;
  /** Margin for clocks of different machines. Default 250 ms. */
  readonly skewMs?: number;
  /** How often to look again at a busy lease. Default: min(5 s, ttlMs / 4). */
  readonly pollMs?: number;
}

export class LeaseBusyError extends Error {
  override name = 'LeaseBusyError';
}

export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

export const leaseKey = (source: string) => `harvest/_lease/${source}.json`;

const encode = (doc: LeaseDocument) => `${JSON.stringify(doc, null, 2)}\n`;

function decode(body: Uint8Array, key: string): LeaseDocument {
  const doc = JSON.parse(new TextDecoder().decode(body)) as Partial<LeaseDocument>;
  if (typeof doc.holder !== 'string' || typeof doc.expiresAt !== 'number' || typeof doc.released !== 'boolean') {
    throw new Error(`${key}: not a lease document (holder, expiresAt, released expected)`);
  }
  return doc as LeaseDocument;
}

export class SourceLease {
  private readonly o: Required<LeaseOptions>;
  private etag: string | undefined;
  private doc: LeaseDocument | undefined;
  /** Earliest start of this holder's next request (ms). */
  private notBefore = 0;
  private lastEnd: number | undefined;
  private requests = 0;
  /** How long acquire() waited for another holder (ms). */
  waitedMs = 0;

  constructor(options: LeaseOptions) {
    this.o = { skewMs: 250, inheritsFrom: '', pollMs: Math.min(5000, Math.max(1, Math.floor(options.ttlMs / 4))), ...options };
    if (this.o.ttlMs <= this.o.requestBudgetMs + this.o.gapMs + this.o.skewMs) {
      throw new Error(`lease ttlMs (${this.o.ttlMs}) must exceed requestBudgetMs + gapMs + skewMs (${this.o.requestBudgetMs + this.o.gapMs + this.o.skewMs})`);
    }
  }

  get held(): boolean {
    return this.doc !== undefined && !this.doc.released;
  }

  private get key(): string {
    return leaseKey(this.o.source);
  }

  /** Takes the lease, waiting for a live holder to release it or for its lease to expire. */
  async acquire(): Promise<void> {
    const { clock, store, skewMs, gapMs } = this.o;
    const started = clock.now();
    for (;;) {
      const now = clock.now();
      const obj = await store.get(this.key);
      const prev = obj ? decode(obj.body, this.key) : undefined;
      // An earlier attempt of this holder is over: its requests ended before now.
      const inherited = prev !== undefined && !prev.released && this.o.inheritsFrom !== '' && prev.holder.startsWith(this.o.inheritsFrom);
      const free = !prev || prev.released || inherited || now >= prev.expiresAt + skewMs;
      if (free) {
        // After a clean release: the previous last request's end + gap. From an earlier attempt: now + gap.
        // After an expiry: the expiry itself (the holder started nothing that could end later than expiresAt - gap).
        const after = !prev
          ? 0
          : prev.released
            ? (prev.lastRequestEndedAt ?? 0) + gapMs + skewMs
            : inherited
              ? Math.max(now, prev.lastRequestEndedAt ?? 0) + gapMs + skewMs
              : Math.max(prev.expiresAt, (prev.lastRequestEndedAt ?? 0) + gapMs) + skewMs;
        const doc: LeaseDocument = { schemaVersion: 1, source: this.o.source, holder: this.o.holder, acquiredAt: now, expiresAt: now + this.o.ttlMs, ...(prev?.lastRequestEndedAt !== undefined ? { lastRequestEndedAt: prev.lastRequestEndedAt } : {}), released: false, requests: 0 };
        try {
          const put = await store.put(this.key, encode(doc), { contentType: 'application/json', ...(obj ? { ifMatch: obj.etag } : { ifNoneMatch: '*' as const }) });
          this.etag = put.etag;
          this.doc = doc;
          this.notBefore = after;
          this.waitedMs = clock.now() - started;
          return;
        } catch (e) {
          if (e instanceof PreconditionFailedError) continue; // another run took it first: look again
          throw e;
        }
      }
      if (now - started >= this.o.maxWaitMs) {
        throw new LeaseBusyError(`${this.o.source} lease is held by ${prev.holder} until ${new Date(prev.expiresAt).toISOString()}; waited ${Math.round((now - started) / 1000)} s`);
      }
      await clock.sleep(Math.max(1, Math.min(this.o.pollMs, prev.expiresAt + skewMs - now)));
    }
  }

  /** Call before each request: renews the lease when needed and waits for the spacing. */
  async beforeRequest(): Promise<void> {
    const { clock, gapMs, requestBudgetMs, skewMs } = this.o;
    if (!this.doc || this.doc.released) throw new LeaseLostError(`${this.o.source} lease is not held by ${this.o.holder}`);
    const earliest = Math.max(this.notBefore, this.lastEnd === undefined ? 0 : this.lastEnd + gapMs);
    const wait = earliest - clock.now();
    if (wait > 0) await clock.sleep(wait);
    // Checked after the wait, just before the request starts.
    if (this.doc.expiresAt - clock.now() < requestBudgetMs + gapMs + skewMs) await this.write({ expiresAt: clock.now() + this.o.ttlMs });
    this.requests++;
  }

  /**
   * Keeps the lease while `work` runs: for a request the lease's spacing does not pace, as long as it
   * takes (dblp's daily dump: minutes of streaming, and retries waiting on dblp). Renewed every
   * `everyMs` of real time (default a third of its life); a renewal that finds the lease taken stops
   * renewing (the holder's next request or its release says so).
   */
  async keepDuring<T>(work: () => Promise<T>, everyMs = Math.floor(this.o.ttlMs / 3)): Promise<T> {
    let renewing: Promise<void> = Promise.resolve();
    let lost = false;
    const timer = setInterval(() => {
      if (lost || !this.doc || this.doc.released) return;
      renewing = renewing
        .then(() => this.write({ expiresAt: this.o.clock.now() + this.o.ttlMs }))
        .catch(() => {
          lost = true;
        });
    }, everyMs);
    timer.unref();
    try {
      return await work();
    } finally {
      clearInterval(timer);
      await renewing;
    }
  }

  /** Call when a request has ended (successfully or not). */
  afterRequest(): void {
    this.lastEnd = this.o.clock.now();
  }

  /** Gives the lease up, recording when the last request ended (the next holder waits a gap after it). */
  async release(): Promise<void> {
    if (!this.doc || this.doc.released) return;
    await this.write({ released: true, expiresAt: this.o.clock.now() });
  }

  private async write(change: Partial<LeaseDocument>): Promise<void> {
    const doc: LeaseDocument = { ...this.doc!, ...change, requests: this.requests, ...(this.lastEnd !== undefined ? { lastRequestEndedAt: this.lastEnd } : {}) };
    try {
      const put = await this.o.store.put(this.key, encode(doc), { contentType: 'application/json', ifMatch: this.etag! });
      this.etag = put.etag;
      this.doc = doc;
    } catch (e) {
      if (e instanceof PreconditionFailedError) {
        this.doc = undefined;
        throw new LeaseLostError(`${this.o.source} lease held by ${this.o.holder} was taken by another run (it had expired): stopping before the next request`);
      }
      throw e;
    }
  }
}
