/**
 * A polite HTTP client for one source, shared by a whole run: one request in
 * flight, a minimum gap between requests (measured from the end of one to the
 * start of the next), a User-Agent naming the tool and a contact, bounded
 * retries with backoff (network errors, timeouts, 429 honouring Retry-After,
 * 5xx, and whatever the caller's judge calls anomalous), a per-request timeout
 * and a maximum response size. A host name that does not exist (DNS ENOTFOUND)
 * is not retried: the answer would be the same seconds later, and a run must
 * not sit silent for a minute on a mistyped URL. Each request, response and
 * retry is told as it happens (`onEvent`). Waiting goes through a Clock, so
 * tests run on virtual time. Redirects are followed here, not by axios, and
 * only while they stay on the source's hosts (the same origin, or https on the
 * same site or a host the source names): a redirect elsewhere is refused (the
 * owner's User-Agent goes nowhere else, and no answer from elsewhere is used),
 * and every hop is told, logged and kept in the response.
 */
import axios, { AxiosError, type AxiosInstance } from 'axios';
import pRetry, { AbortError } from 'p-retry';
import { MAX_DOCUMENT_BYTES } from '../../input/decode-text.ts';
import type { Clock } from '../clock.ts';
import { FetchFailure, snippet, type AttemptRecord } from './fetch-failure.ts';
import { retryAfterMs } from './retry-after.ts';

export interface PoliteHttpOptions {
  readonly userAgent: string;
  /** Minimum gap between two requests, ms. */
  readonly minIntervalMs: number;
  readonly clock: Clock;
  /** Attempts per request, the first included. */
  readonly maxAttempts?: number;
  /** Per-attempt timeout, ms (real time). */
  readonly timeoutMs?: number;
  /** Largest body accepted, bytes. */
  readonly maxBytes?: number;
  /** Wait before the first retry, doubled on each further retry. */
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** A Retry-After longer than this ends the request (the run must not hang). */
  readonly maxRetryAfterMs?: number;
  readonly accept?: string;
  /** Hosts besides the request's own site that a redirect may lead to (https only). */
  readonly redirectHosts?: readonly string[];
  /** Told of each attempt, response and retry as it happens (e.g. `profile-sync record` prints them). */
  readonly onEvent?: (event: HttpEvent) => void;
  /** Stops every request at once, in flight or waiting (Ctrl+C): each then fails with "interrupted", not retried. */
  readonly signal?: AbortSignal;
}

/** What one request does when its source does not answer: for telling a person up front how long a source is tried. */
export interface RetryPlan {
  readonly attempts: number;
  /** The waits between attempts when the source sets no Retry-After. */
  readonly backoffMs: readonly number[];
  readonly timeoutMs: number;
  /** The longest Retry-After honoured (longer ends the request). */
  readonly maxRetryAfterMs: number;
  /** The longest one request can take: every attempt timing out, the longest wait between attempts. */
  readonly worstCaseMs: number;
}

/** What a request is doing, as it happens. */
export type HttpEvent =
  | { readonly type: 'request'; readonly url: string; readonly attempt: number }
  | { readonly type: 'response'; readonly url: string; readonly attempt: number; readonly status: number; readonly bytes: number }
  | { readonly type: 'redirect'; readonly url: string; readonly status: number; readonly location: string; readonly followed: boolean }
  | { readonly type: 'retry'; readonly url: string; readonly attempt: number; readonly problem: string; readonly waitMs: number }
  | { readonly type: 'gave-up'; readonly url: string; readonly attempts: number; readonly problem: string };

export interface HttpResponse {
  readonly url: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The body bytes exactly as received. */
  readonly body: Uint8Array;
  readonly attempts: readonly AttemptRecord[];
  /** The redirects followed to get this answer, in order (absent: none); the body is the last hop's. */
  readonly redirects?: readonly RedirectHop[];
}

/** One redirect: the URL that answered it, its status and where it pointed. */
export interface RedirectHop {
  readonly url: string;
  readonly status: number;
  readonly location: string;
}

/** Says why a response must be retried (e.g. "empty page"), or undefined when it is usable. */
export type ResponseJudge = (response: Omit<HttpResponse, 'attempts'>) => string | undefined;

/** What to send: GET, or POST with a body (and its Content-Type among the headers). */
export interface RequestInit {
  readonly method: 'GET' | 'POST';
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RequestLogEntry {
  readonly url: string;
  readonly status?: number;
  readonly attempts: number;
  readonly bytes: number;
  readonly outcome: 'ok' | 'failed';
  readonly problem?: string;
  /** Every redirect on the way (the status above is the last hop's). */
  readonly redirects?: readonly RedirectHop[];
}

/** Redirects one request follows at most. */
export const MAX_REDIRECTS = 3;

/** Why a redirect from `from` to `to` is not followed, or undefined when it stays on the source's hosts. */
export function redirectRefusal(from: string, to: string, extraHosts: readonly string[] = []): string | undefined {
  const a = new URL(from);
  const b = new URL(to);
  if (b.protocol !== 'https:' && b.protocol !== 'http:') return `not an http(s) address`;
  if (a.origin === b.origin) return undefined;
  if (b.protocol !== 'https:') return `leaves ${a.origin} for plain http`;
  const site = (host: string) => (/^[\d.]+$|:/.test(host) ? host : host.split('.').slice(-2).join('.'));
  if (b.hostname === a.hostname || site(b.hostname) === site(a.hostname) || extraHosts.includes(b.hostname)) return undefined;
  return `leads off the source's hosts (${a.hostname}) to ${b.hostname}`;
}

/** A redirect not followed: the request ends (not retried), the hop said. */
class RedirectRefused extends AbortError {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Why a request ended when the client's signal was aborted. */
export const INTERRUPTED = 'interrupted (Ctrl+C): not retried';

class RetryableProblem extends Error {
  constructor(
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export class PoliteHttp {
  private readonly o: Required<Omit<PoliteHttpOptions, 'onEvent' | 'signal'>>;
  private readonly signal: AbortSignal | undefined;
  private readonly onEvent: (event: HttpEvent) => void;
  private readonly http: AxiosInstance;
  private lastEnd: number | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Every request made through this client, for the source-health report. */
  readonly log: RequestLogEntry[] = [];

  constructor(options: PoliteHttpOptions) {
    this.onEvent = options.onEvent ?? (() => undefined);
    this.signal = options.signal;
    this.o = {
      maxAttempts: 4,
      timeoutMs: 30_000,
      maxBytes: MAX_DOCUMENT_BYTES,
      backoffBaseMs: 5_000,
      backoffMaxMs: 60_000,
      maxRetryAfterMs: 120_000,
      accept: '*/*',
      redirectHosts: [],
      ...options,
    };
    this.http = axios.create({
      responseType: 'arraybuffer',
      maxContentLength: this.o.maxBytes,
      // Followed in attempt(), hop by hop, only on the source's hosts.
      maxRedirects: 0,
      validateStatus: () => true,
      decompress: true,
      headers: { 'User-Agent': this.o.userAgent, Accept: this.o.accept },
    });
  }

  /** The longest one request can take: every attempt timing out, the longest wait between attempts. */
  get worstCaseMs(): number {
    const o = this.o;
    return o.maxAttempts * o.timeoutMs + (o.maxAttempts - 1) * Math.max(o.minIntervalMs, o.backoffMaxMs, o.maxRetryAfterMs);
  }

  /** How a request is retried (the same rules send() applies). */
  get retryPlan(): RetryPlan {
    const o = this.o;
    const backoffMs = Array.from({ length: o.maxAttempts - 1 }, (_, i) => Math.max(o.minIntervalMs, Math.min(o.backoffMaxMs, o.backoffBaseMs * 2 ** i)));
    return { attempts: o.maxAttempts, backoffMs, timeoutMs: o.timeoutMs, maxRetryAfterMs: o.maxRetryAfterMs, worstCaseMs: this.worstCaseMs };
  }

  /** GETs url, retrying what is worth retrying; throws FetchFailure when it gives up. userAgent overrides the client's (a profile's own contact). */
  get(url: string, judge?: ResponseJudge, userAgent?: string, headers?: Readonly<Record<string, string>>): Promise<HttpResponse> {
    return this.send(url, { method: 'GET', ...(headers ? { headers } : {}) }, judge, userAgent);
  }

  /**
   * One request (GET, or POST with a form body: arXiv takes long id_lists that way), with the
   * same pacing, retries and limits as get(). Extra headers (e.g. If-None-Match) are sent as given.
   */
  async send(url: string, init: RequestInit, judge?: ResponseJudge, userAgent?: string): Promise<HttpResponse> {
    const attempts: AttemptRecord[] = [];
    let waitBeforeNext = 0;
    let lastBody: Uint8Array | undefined;
    let lastStatus: number | undefined;
    let hops: RedirectHop[] = [];
    try {
      const response = await pRetry(
        () =>
          this.exclusive(async () => {
            this.throwIfInterrupted();
            await this.pace(waitBeforeNext);
            this.throwIfInterrupted();
            const startedAt = this.o.clock.now();
            this.onEvent({ type: 'request', url, attempt: attempts.length + 1 });
            hops = [];
            try {
              const res = await this.attempt(url, init, userAgent, hops);
              lastBody = res.body;
              lastStatus = res.status;
              this.onEvent({ type: 'response', url, attempt: attempts.length + 1, status: res.status, bytes: res.body.byteLength });
              const problem = this.problemOf(res, judge);
              if (problem === undefined) {
                attempts.push({ status: res.status, problem: 'ok', startedAt });
                return res;
              }
              attempts.push({ status: res.status, problem: problem.message, startedAt });
              throw problem;
            } catch (e) {
              if (e instanceof RedirectRefused) {
                lastStatus = e.status;
                attempts.push({ status: e.status, problem: e.message, startedAt });
              }
              if (e instanceof RetryableProblem || e instanceof AbortError) throw e;
              if (this.signal?.aborted) {
                attempts.push({ problem: INTERRUPTED, startedAt });
                throw new AbortError(INTERRUPTED);
              }
              const problem = describeNetworkError(e, this.o);
              attempts.push({ problem: problem.message, startedAt });
              throw problem;
            } finally {
              this.lastEnd = this.o.clock.now();
            }
          }),
        {
          retries: this.o.maxAttempts - 1,
          minTimeout: 0,
          maxTimeout: 0,
          factor: 1,
          shouldRetry: ({ error }) => error instanceof RetryableProblem,
          onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
            const backoff = Math.min(this.o.backoffMaxMs, this.o.backoffBaseMs * 2 ** (attemptNumber - 1));
            const asked = error instanceof RetryableProblem ? error.retryAfter : undefined;
            if (asked !== undefined && asked > this.o.maxRetryAfterMs) {
              throw new AbortError(`server asked to wait ${Math.round(asked / 1000)} s (Retry-After), more than the ${this.o.maxRetryAfterMs / 1000} s a run allows`);
            }
            waitBeforeNext = asked ?? backoff;
            if (retriesLeft > 0 && error instanceof RetryableProblem) this.onEvent({ type: 'retry', url, attempt: attemptNumber, problem: error.message, waitMs: waitBeforeNext });
          },
        },
      );
      const redirects = hops.length > 0 ? { redirects: hops } : {};
      const result = { ...response, attempts, ...redirects };
      this.log.push({ url, status: response.status, attempts: attempts.length, bytes: response.body.byteLength, outcome: 'ok', ...redirects });
      return result;
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      const failure = new FetchFailure(url, attempts, reason, lastStatus, lastBody ? snippet(lastBody) : undefined);
      this.onEvent({ type: 'gave-up', url, attempts: attempts.length, problem: failure.message });
      this.log.push({
        url,
        ...(lastStatus !== undefined ? { status: lastStatus } : {}),
        attempts: attempts.length,
        bytes: lastBody?.byteLength ?? 0,
        outcome: 'failed',
        problem: failure.message,
        ...(hops.length > 0 ? { redirects: hops } : {}),
      });
      throw failure;
    }
  }

  /** Runs fn after every earlier request of this client has finished: one in flight. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async pace(extraWait: number): Promise<void> {
    const sinceLast = this.lastEnd === undefined ? Infinity : this.o.clock.now() - this.lastEnd;
    const gap = Math.max(this.o.minIntervalMs - sinceLast, 0);
    const wait = Math.max(gap, extraWait);
    if (wait > 0) await this.o.clock.sleep(wait, this.signal);
  }

  private throwIfInterrupted(): void {
    if (this.signal?.aborted) throw new AbortError(INTERRUPTED);
  }

  /** One attempt: the request, and each redirect that stays on the source's hosts (told and pushed to `hops`). */
  private async attempt(url: string, init: RequestInit, userAgent: string | undefined, hops: RedirectHop[]): Promise<Omit<HttpResponse, 'attempts'>> {
    const sent: Record<string, string> = { ...(init.headers ?? {}), ...(userAgent ? { 'User-Agent': userAgent } : {}) };
    let current = url;
    let method = init.method;
    let data = init.body;
    const signal = this.signal ? AbortSignal.any([AbortSignal.timeout(this.o.timeoutMs), this.signal]) : AbortSignal.timeout(this.o.timeoutMs);
    for (;;) {
      const res = await this.http.request<ArrayBuffer>({
        url: current,
        method,
        ...(data !== undefined ? { data } : {}),
        timeout: this.o.timeoutMs,
        signal,
        ...(Object.keys(sent).length > 0 ? { headers: sent } : {}),
      });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
      const location = headers['location'];
      if (![301, 302, 303, 307, 308].includes(res.status) || location === undefined) return { url, status: res.status, headers, body: new Uint8Array(res.data) };
      let next: string;
      try {
        next = new URL(location, current).toString();
      } catch {
        throw new RedirectRefused(`HTTP ${res.status} from ${current} redirects to ${JSON.stringify(location.slice(0, 200))}, not a URL; not followed`, res.status);
      }
      const refused = hops.length >= MAX_REDIRECTS ? `more than ${MAX_REDIRECTS} redirects` : redirectRefusal(url, next, this.o.redirectHosts);
      hops.push({ url: current, status: res.status, location: next });
      this.onEvent({ type: 'redirect', url: current, status: res.status, location: next, followed: refused === undefined });
      if (refused !== undefined) throw new RedirectRefused(`HTTP ${res.status} from ${current} redirects to ${next}: ${refused}; not followed`, res.status);
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET';
        data = undefined;
      }
      current = next;
    }
  }

  private problemOf(res: Omit<HttpResponse, 'attempts'>, judge: ResponseJudge | undefined): RetryableProblem | undefined {
    if (res.status === 429) {
      const wait = retryAfterMs(res.headers['retry-after'], this.o.clock.now());
      return new RetryableProblem(`HTTP 429 Too Many Requests${wait !== undefined ? ` (Retry-After ${Math.round(wait / 1000)} s)` : ''}`, wait);
    }
    if (res.status >= 500) {
      const wait = retryAfterMs(res.headers['retry-after'], this.o.clock.now());
      return new RetryableProblem(`HTTP ${res.status}`, wait);
    }
    const judged = judge?.(res);
    return judged === undefined ? undefined : new RetryableProblem(judged);
  }
}

function describeNetworkError(e: unknown, o: { readonly maxBytes: number; readonly timeoutMs: number }): Error {
  if (e instanceof AxiosError || (e instanceof Error && e.name === 'CanceledError')) {
    const err = e as AxiosError;
    if (err.message.includes('maxContentLength')) {
      return new AbortError(`response larger than ${o.maxBytes} bytes`);
    }
    if (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT' || err.code === 'ERR_CANCELED' || e.name === 'CanceledError') {
      return new RetryableProblem(`no complete response within ${o.timeoutMs / 1000} s (timeout)`);
    }
    if (err.code === 'ECONNRESET' || /aborted|socket hang up/i.test(err.message)) {
      return new RetryableProblem(`connection reset (${err.code ?? err.message})`);
    }
    if (err.code === 'ENOTFOUND') {
      // The name does not exist: asking again in a few seconds gets the same answer (a temporary
      // DNS failure is EAI_AGAIN, which is retried below).
      const host = (e as { hostname?: string }).hostname ?? hostOf(err.config?.url);
      return new AbortError(`cannot resolve host ${host ?? '(unknown)'} (DNS: no such name; check the URL and the network); not retried`);
    }
    if (err.code === 'ECONNREFUSED') return new RetryableProblem('connection refused (ECONNREFUSED)');
    return new RetryableProblem(`network error (${err.code ?? err.message})`);
  }
  return new RetryableProblem(`network error (${e instanceof Error ? e.message : String(e)})`);
}

function hostOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).hostname : undefined;
  } catch {
    return undefined;
  }
}
