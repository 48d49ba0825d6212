/**
 * A real S3-protocol server (s3rver) on 127.0.0.1 with a temp folder. It runs
 * until close() (or after `lifetimeMs`, when a caller asks for one): no wall-clock
 * lifetime by default, so a suite on a loaded machine keeps its S3; a server a
 * test forgets to close does not keep the process alive (unref).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { Server } from 'node:http';
import { S3Store, s3ClientFor } from '../../src/adapters/s3-store.ts';
import { dateFromProcessClock, withoutIdleTimers } from './loopback-server.ts';

export const BUCKET = 'profile-sync-test';

export interface RunningS3 {
  readonly endpoint: string;
  readonly port: number;
  store(prefix?: string): S3Store;
  close(): Promise<void>;
}

export async function startS3(port = 0, directory = mkdtempSync(join(tmpdir(), 'ps-s3rver-')), lifetimeMs?: number): Promise<RunningS3> {
  const server = new S3rver({ address: '127.0.0.1', port, directory, silent: true, configureBuckets: [{ name: BUCKET, configs: [] }] });
  const info = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${info.port}`;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await server.close();
  };
  const http = (server as unknown as { httpServer?: Server }).httpServer;
  if (http) {
    withoutIdleTimers(http);
    dateFromProcessClock(http);
  }
  http?.unref();
  if (lifetimeMs !== undefined) setTimeout(() => void close(), lifetimeMs).unref();
  const client = s3ClientFor({ bucket: BUCKET, endpoint, forcePathStyle: true, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  return { endpoint, port: info.port, store: (prefix = '') => new S3Store(client, BUCKET, prefix), close };
}
