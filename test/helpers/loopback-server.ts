/**
 * A real HTTP server on 127.0.0.1 that serves scripted replies and injects
 * faults. It runs until close(); a server a test forgets to close does not keep
 * the process alive (unref). It has no wall-clock lifetime of its own: a suite
 * that shares one server across its cases runs as long as the machine needs
 * (a loaded machine once stopped the fault matrix's sources after 60 s, and
 * every later night saw ECONNREFUSED, i.e. degraded sources). A caller may
 * still ask for `lifetimeMs`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Reply =
  | { readonly status: number; readonly headers?: Record<string, string>; readonly body?: string | Uint8Array }
  /** Destroy the socket without answering. */
  | { readonly reset: true }
  /** Answer after a (real) delay. */
  | { readonly delayMs: number; readonly then: Reply }
  /** Announce `declared` bytes, send only `body`, then cut the connection. */
  | { readonly truncate: string; readonly declared: number; readonly status?: number };

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  /** The request body as text (POST forms); "" for GET. */
  readonly body: string;
}

export interface LoopbackServer {
  readonly baseUrl: string;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A test server keeps no wall-clock timer of its own on its connections (Node's keep-alive idle
 * timeout of 5 s, its header and request timeouts): on a loaded machine the process stalls for
 * seconds, and when it resumes the server drops a keep-alive connection as idle before reading the
 * request the client had already sent on it (the client sees ECONNRESET). Connections end at close().
 */
export function withoutIdleTimers(server: Server): void {
  server.keepAliveTimeout = 0;
  server.headersTimeout = 0;
  server.requestTimeout = 0;
}

/**
 * The server's `Date` header read from this process's clock, the clock its own checks read (s3rver's 15-minute
 * signature window compares `new Date()` with the request's time). Node stamps `Date` from its internal clock, which a
 * test's pinned clock (test/helpers/pinned-clock.ts) does not move: an AWS SDK client that sees a response `Date` days
 * from its own clock corrects its clock by that much (as it must against a real, distant server) and signs the next
 * request with a time the server then refuses as skewed. One clock per server, as on S3.
 */
export function dateFromProcessClock(server: Server): void {
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => res.setHeader('Date', new Date().toUTCString()));
}

/** `route` picks the reply for each request (it may keep its own counters). */
export async function startLoopback(route: (req: SeenRequest, n: number) => Reply, lifetimeMs?: number): Promise<LoopbackServer> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(seen);
      void send(res, route(seen, requests.length));
    });
  });
  withoutIdleTimers(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const stopTimer = lifetimeMs === undefined ? undefined : setTimeout(() => server.close(), lifetimeMs);
  stopTimer?.unref();
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(stopTimer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function send(res: ServerResponse, reply: Reply): Promise<void> {
  if ('delayMs' in reply) {
    await new Promise((r) => setTimeout(r, reply.delayMs));
    if (res.socket?.destroyed) return;
    return send(res, reply.then);
  }
  if ('reset' in reply) {
    res.socket?.destroy();
    return;
  }
  if ('truncate' in reply) {
    res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/atom+xml', 'Content-Length': String(reply.declared) });
    res.write(reply.truncate);
    setTimeout(() => res.socket?.destroy(), 10);
    return;
  }
  res.writeHead(reply.status, reply.headers ?? {});
  res.end(reply.body ?? '');
}
