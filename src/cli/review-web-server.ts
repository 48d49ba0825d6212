/**
 * The review site on this machine: a node:http server on 127.0.0.1 only, answering with the same handler the
 * Lambda uses. It stops on SIGINT / SIGTERM, and by itself after a quiet spell (no request for `idleMs`).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_BODY_BYTES, type WebRequest } from '../review/web/http-types.ts';
import type { ReviewHandler } from '../review/web/review-handler.ts';

export interface LocalReviewServer {
  readonly baseUrl: string;
  /** Resolves when the server has stopped (a signal, the idle limit, or stop()). */
  readonly stopped: Promise<string>;
  stop(reason?: string): void;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function serveReview(handler: ReviewHandler, options: { port: number; idleMs: number }): Promise<LocalReviewServer> {
  let idle: NodeJS.Timeout | undefined;
  let stop: (reason?: string) => void = () => undefined;
  const server = createServer((req, res) => {
    armIdle();
    void (async () => {
      try {
        const body = await readBody(req);
        if (body === undefined) {
          res.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8' }).end('request too large\n');
          return;
        }
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
        const request: WebRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers, body };
        const answer = await handler(request);
        res.writeHead(answer.status, answer.headers).end(answer.body);
      } catch {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('internal error\n');
      }
    })();
  });
  server.keepAliveTimeout = 5_000;
  const armIdle = () => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(() => stop(`no request for ${Math.round(options.idleMs / 60_000)} minute(s)`), options.idleMs);
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const stopped = new Promise<string>((resolve) => {
    let done = false;
    const onSignal = (signal: NodeJS.Signals) => stop(signal);
    stop = (reason = 'stopped') => {
      if (done) return;
      done = true;
      if (idle) clearTimeout(idle);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      server.close(() => resolve(reason));
      server.closeAllConnections();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  armIdle();
  return { baseUrl: `http://127.0.0.1:${port}`, stopped, stop: (reason) => stop(reason) };
}
