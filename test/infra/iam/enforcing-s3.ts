/**
 * S3 as AWS answers a caller its policies limit: a loopback proxy in front of
 * an S3 endpoint (the conditional proxy over s3rver) that evaluates each
 * request of the current caller against its policies and the bucket policy
 * (test/infra/iam/stack-access.ts) before forwarding it, and answers 403
 * AccessDenied as S3 does when they do not allow it. A GET of a missing key
 * answers 403, not 404, to a caller without an unconditioned s3:ListBucket
 * (S3's rule), so the CLI's S3Store goes on to list that key, as it does on
 * AWS. Every request is recorded with its IAM requests and the decision.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { IamRequest } from './evaluate.ts';
import { CallerState, listenEnforcing, type EnforcingEndpoint } from './enforcing-endpoint.ts';
import type { RecordedCall } from './recorded-calls.ts';
import { evaluateCalls, type Caller, type StackResources } from './stack-access.ts';

export type EnforcingS3 = EnforcingEndpoint;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const denied = (res: ServerResponse) => {
  res.writeHead(403, { 'Content-Type': 'application/xml' });
  res.end('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>');
};

/** `upstream`: the S3 endpoint (path-style, bucket `bucket`) whose bucket stands for the template's data bucket, `bucketName`. */
export async function startEnforcingS3(o: { upstream: string; bucket: string; bucketName: string; callers: (caller: string) => Caller; resources: StackResources }): Promise<EnforcingS3> {
  const upstream = new URL(o.upstream);
  const state = new CallerState();
  /** The bucket a request names: the stand-in's bucket is the template's; any other keeps its own name (and is never forwarded when denied). */
  const nameOf = (bucket: string) => (bucket === o.bucket ? o.bucketName : bucket);

  /** The IAM requests of one S3 request, and what it is called (S3's condition keys the request carries: s3:prefix, s3:if-none-match, s3:if-match). */
  const iamRequests = (method: string, bucket: string, key: string, url: URL, headers: IncomingMessage['headers']): { call: string; requests: Array<Omit<IamRequest, 'principal'>> } => {
    const object = (k: string) => `arn:aws:s3:::${nameOf(bucket)}/${k}`;
    const bucketArn = `arn:aws:s3:::${nameOf(bucket)}`;
    const where = bucket === o.bucket ? '' : `${bucket}/`;
    if (key !== '') {
      if (method === 'GET' || method === 'HEAD') return { call: `${method} ${where}${key}`, requests: [{ action: 's3:GetObject', resource: object(key) }] };
      if (method === 'PUT') {
        const conditional = { ...(typeof headers['if-none-match'] === 'string' ? { 's3:if-none-match': headers['if-none-match'] } : {}), ...(typeof headers['if-match'] === 'string' ? { 's3:if-match': headers['if-match'] } : {}) };
        const shown = Object.keys(conditional).length > 0 ? ` (${Object.keys(conditional).map((k) => (k === 's3:if-none-match' ? 'If-None-Match' : 'If-Match')).join(', ')})` : '';
        return { call: `PUT ${where}${key}${shown}`, requests: [{ action: 's3:PutObject', resource: object(key), ...(shown ? { context: conditional } : {}) }] };
      }
      if (method === 'DELETE') return { call: `DELETE ${where}${key}${headers['if-match'] ? ' (If-Match)' : ''}`, requests: [{ action: 's3:DeleteObject', resource: object(key) }, ...(headers['if-match'] ? [{ action: 's3:GetObject', resource: object(key) }] : [])] };
    } else if (method === 'GET' && url.searchParams.get('list-type') === '2') {
      const prefix = url.searchParams.get('prefix');
      return { call: `LIST ${where}${prefix ?? '(no prefix)'}`, requests: [{ action: 's3:ListBucket', resource: bucketArn, ...(prefix !== null ? { context: { 's3:prefix': prefix } } : {}) }] };
    }
    return { call: `${method} ${url.pathname}${url.search}`, requests: [{ action: 's3:UnknownRequest', resource: bucketArn }] };
  };

  const forward = (req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (res) => {
        void readBody(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), reject);
      });
      out.on('error', reject);
      out.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://proxy');
    const path = decodeURIComponent(url.pathname);
    // Path-style: /<bucket>/<key>.
    const bucket = path.split('/')[1] ?? '';
    const key = path.slice(bucket.length + 2);
    const method = req.method ?? 'GET';
    const recorded: RecordedCall = { caller: state.current, ...iamRequests(method, bucket, key, url, req.headers) };
    state.calls.push(recorded);
    const refused = await evaluateCalls([recorded], o.callers, o.resources);
    if (refused.length > 0) {
      state.denied.push(...refused);
      return denied(res);
    }
    const got = await forward(req, body);
    if (got.status === 404 && (method === 'GET' || method === 'HEAD') && key !== '') {
      // S3: a missing key is 404 only to a caller allowed s3:ListBucket on the bucket (no prefix in that check).
      const check: RecordedCall = { caller: state.current, call: `(404 or 403 for ${key})`, requests: [{ action: 's3:ListBucket', resource: `arn:aws:s3:::${nameOf(bucket)}` }] };
      if ((await evaluateCalls([check], o.callers, o.resources)).length > 0) return denied(res);
    }
    res.writeHead(got.status, got.headers);
    res.end(got.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.writeHead(500, { 'Content-Type': 'application/xml' });
      res.end(`<Error><Code>ProxyError</Code><Message>${(e as Error).message}</Message></Error>`);
    });
  });
  return listenEnforcing(server, state);
}
