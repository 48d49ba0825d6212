/**
 * An S3 endpoint with S3's conditional-write semantics: a loopback proxy in
 * front of s3rver that, for a PUT carrying If-None-Match: * or If-Match,
 * checks the object's current ETag (a HEAD on s3rver, one PUT per key at a
 * time) and answers as S3 does: 412 PreconditionFailed when the key exists or
 * the ETag differs, 404 NoSuchKey for If-Match on a missing key. Everything
 * else is forwarded unchanged (same headers, so s3rver's SigV4 check holds).
 * Faults can be injected on chosen requests: a 500 before the write, or a 500
 * after s3rver stored the object (the client then retries its request).
 * s3rver stays the store of keys, headers and bytes. Binds 127.0.0.1; runs
 * until close() (no wall-clock lifetime unless `lifetimeMs` is given; unref'd,
 * so a forgotten one does not keep the process alive).
 */
import { HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { S3Store, s3ClientFor } from '../../src/adapters/s3-store.ts';
import { dateFromProcessClock, withoutIdleTimers } from './loopback-server.ts';
import { BUCKET, startS3, type RunningS3 } from './s3rver.ts';

export interface ProxyFault {
  readonly method: string;
  /** Matches the object key (without the bucket). */
  readonly key: RegExp;
  /** before: answer 500 without writing; after: let s3rver store the object, then answer 500. */
  readonly when: 'before' | 'after';
  /** How many matching requests get the fault. */
  times: number;
}

export interface ProxiedRequest {
  readonly method: string;
  readonly key: string;
  readonly condition?: string;
  readonly status: number;
}

export interface ConditionalS3 {
  readonly endpoint: string;
  /** Every object request seen, with the status the proxy answered. */
  readonly requests: ProxiedRequest[];
  readonly faults: ProxyFault[];
  store(prefix?: string): S3Store;
  close(): Promise<void>;
}

const xmlError = (code: string, message: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startConditionalS3(lifetimeMs?: number): Promise<ConditionalS3> {
  const s3: RunningS3 = await startS3(0, undefined, lifetimeMs);
  const direct = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  const requests: ProxiedRequest[] = [];
  const faults: ProxyFault[] = [];
  const locks = new Map<string, Promise<void>>();

  const currentEtag = async (key: string): Promise<string | undefined> => {
    try {
      return (await direct.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).ETag;
    } catch (e) {
      if (e instanceof S3ServiceException && e.$metadata.httpStatusCode === 404) return undefined;
      throw e;
    }
  };

  const forward = (req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const out = request({ host: '127.0.0.1', port: s3.port, method: req.method, path: req.url, headers: req.headers }, (res) => {
        void readBody(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), reject);
      });
      out.on('error', reject);
      out.end(body);
    });

  const answer = (res: ServerResponse, status: number, code: string, message: string) => {
    res.writeHead(status, { 'Content-Type': 'application/xml' });
    res.end(xmlError(code, message));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://proxy');
    const path = decodeURIComponent(url.pathname);
    const key = path.startsWith(`/${BUCKET}/`) ? path.slice(BUCKET.length + 2) : '';
    const method = req.method ?? 'GET';
    const ifNoneMatch = req.headers['if-none-match'];
    const ifMatch = req.headers['if-match'];
    const condition = method === 'PUT' && key !== '' ? (ifNoneMatch ? `If-None-Match ${String(ifNoneMatch)}` : ifMatch ? `If-Match ${String(ifMatch)}` : undefined) : undefined;
    const seen = (status: number) => {
      if (key) requests.push({ method, key, status, ...(condition ? { condition } : {}) });
    };
    const fault = key ? faults.find((f) => f.times > 0 && f.method === method && f.key.test(key)) : undefined;

    // One conditional PUT per key at a time: the check and the write are one step, as on S3.
    const previous = locks.get(key) ?? Promise.resolve();
    let release = () => undefined as void;
    const mine = new Promise<void>((r) => (release = r));
    if (condition) locks.set(key, previous.then(() => mine));
    if (condition) await previous;
    try {
      if (condition) {
        const etag = await currentEtag(key);
        if (ifNoneMatch === '*' && etag !== undefined) {
          seen(412);
          return answer(res, 412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
        }
        if (ifMatch !== undefined && etag === undefined) {
          seen(404);
          return answer(res, 404, 'NoSuchKey', 'The specified key does not exist.');
        }
        if (ifMatch !== undefined && etag !== ifMatch) {
          seen(412);
          return answer(res, 412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
        }
      }
      if (fault?.when === 'before') {
        fault.times--;
        seen(500);
        return answer(res, 500, 'InternalError', 'We encountered an internal error. Please try again.');
      }
      const got = await forward(req, body);
      if (fault?.when === 'after' && got.status < 300) {
        fault.times--;
        seen(500);
        return answer(res, 500, 'InternalError', 'We encountered an internal error. Please try again.');
      }
      seen(got.status);
      res.writeHead(got.status, got.headers);
      res.end(got.body);
    } finally {
      release();
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => answer(res, 500, 'ProxyError', (e as Error).message));
  });
  withoutIdleTimers(server);
  dateFromProcessClock(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.unref();
  const timer = lifetimeMs === undefined ? undefined : setTimeout(() => server.close(), lifetimeMs);
  timer?.unref();
  const client = s3ClientFor({ bucket: BUCKET, endpoint, forcePathStyle: true, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  return {
    endpoint,
    requests,
    faults,
    store: (prefix = '') => new S3Store(client, BUCKET, prefix),
    close: async () => {
      clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      direct.destroy();
      await s3.close();
    },
  };
}
