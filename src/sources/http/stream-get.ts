/**
 * One GET whose body is read as a stream (dblp's daily dump, about 1 GB): the
 * body is never held whole. Conditional when validators are given (a 304 has no
 * body). Redirects are not followed (the dump and its DTD are served where they
 * are named). A response that stalls longer than `idleMs` between chunks ends
 * the stream with an error, so a hung download cannot outlive its task.
 */
export interface StreamResponse {
  readonly url: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Present for 200 only: the bytes as they arrive. */
  readonly body?: AsyncIterable<Uint8Array>;
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
