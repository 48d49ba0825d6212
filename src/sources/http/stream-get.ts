/**
 * One GET whose body is read as a stream (dblp's daily dump, about 1 GB): the
 * body is never held whole. Conditional when validators are given (a 304 has no
 * body). Redirects are not followed (the dump and its DTD are served where they
 * are named). A response that stalls longer than `idleMs` between chunks ends
 * the stream with an error, so a hung download cannot outlive its task.
 */
import type { Clock } from '../clock.ts';
import { retryAfterMs } from './retry-after.ts';

export interface StreamResponse {
  readonly url: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Present for 200 only: the bytes as they arrive. */
  readonly body?: AsyncIterable<Uint8Array>;
  /** Requests made for this answer (retryingStreamGet); 1 when absent. */
  readonly attempts?: number;
}

export interface StreamGet {
  get(url: string, headers: Readonly<Record<string, string>>): Promise<StreamResponse>;
}

export interface StreamGetOptions {
  readonly userAgent: string;
  /** Longest wait for the response head, and between two chunks of the body (real time). */
  readonly idleMs?: number;
}

async function* withIdleLimit(body: ReadableStream<Uint8Array>, idleMs: number, url: string): AsyncIterable<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stalled = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${url}: no data for ${Math.round(idleMs / 1000)} s`)), idleMs);
      });
      try {
        const { done, value } = await Promise.race([reader.read(), stalled]);
        if (done) return;
        yield value;
      } finally {
        clearTimeout(timer);
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

export interface StreamRetryOptions {
  readonly clock: Clock;
  /** Requests in all (default 4). */
  readonly attempts?: number;
  /** The waits between them when the server gives no Retry-After (default 30 s, 2 min, 5 min). */
  readonly waitsMs?: readonly number[];
  /** A Retry-After longer than this is not waited for: the answer is returned as it is (default 15 min). */
  readonly maxRetryAfterMs?: number;
}

/** Answers worth asking again: rate limited, or the server (or a proxy before it) failing for now. */
const RETRYABLE = new Set([429, 500, 502, 503, 504]);

/**
 * The dump's two requests asked again when dblp is busy or failing for now: 429 and 5xx (honouring
 * Retry-After up to a limit) and a failed connection or response head; at most `attempts` requests,
 * waiting between them on the run's clock. A body that fails mid-stream is not retried here: the
 * read cannot resume, and the step reports it (the next night, or the state's retry, reads again).
 */
export function retryingStreamGet(inner: StreamGet, o: StreamRetryOptions): StreamGet {
  const attempts = o.attempts ?? 4;
  const waits = o.waitsMs ?? [30_000, 120_000, 300_000];
  const maxRetryAfter = o.maxRetryAfterMs ?? 15 * 60_000;
  return {
    async get(url, headers) {
      for (let attempt = 1; ; attempt++) {
        const res = await inner.get(url, headers).catch((e: unknown) => e as Error);
        const last = attempt >= attempts;
        if (!(res instanceof Error) && (!RETRYABLE.has(res.status) || last)) return { ...res, attempts: attempt };
        if (res instanceof Error) {
          if (last) throw new Error(`${res.message} (after ${attempt} attempts)`);
          await o.clock.sleep(waits[Math.min(attempt - 1, waits.length - 1)]!);
          continue;
        }
        const asked = retryAfterMs(res.headers['retry-after'], o.clock.now());
        if (asked !== undefined && asked > maxRetryAfter) return { ...res, attempts: attempt };
        await o.clock.sleep(asked ?? waits[Math.min(attempt - 1, waits.length - 1)]!);
      }
    },
  };
}

/** StreamGet over the platform's fetch. */
export function fetchStreamGet(o: StreamGetOptions): StreamGet {
  const idleMs = o.idleMs ?? 60_000;
  return {
    async get(url, headers) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), idleMs);
      let res: Response;
      try {
        res = await fetch(url, { headers: { 'User-Agent': o.userAgent, 'Accept-Encoding': 'identity', ...headers }, redirect: 'manual', signal: controller.signal });
      } finally {
        clearTimeout(timer);
      }
      const h: Record<string, string> = {};
      res.headers.forEach((v, k) => {
        h[k] = v;
      });
      if (res.status !== 200 || !res.body) {
        await res.body?.cancel().catch(() => undefined);
        return { url, status: res.status, headers: h };
      }
      return { url, status: 200, headers: h, body: withIdleLimit(res.body, idleMs, url) };
    },
  };
}
