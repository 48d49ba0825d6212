/**
 * Test files in the "shared" project share a worker's module cache (vitest.config.ts). After every file, this
 * checks that it left the worker as it found it: the S3 client's send unpatched (aws-sdk-client-mock), real
 * timers. A file that leaves either behind fails here, not some later file that happens to share its worker.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, vi } from 'vitest';

const g = globalThis as { __profileSyncSend?: unknown };
g.__profileSyncSend ??= S3Client.prototype.send;

afterAll(() => {
  const left: string[] = [];
  if (S3Client.prototype.send !== g.__profileSyncSend) {
    left.push('S3Client.prototype.send patched (aws-sdk-client-mock?): restore it, and list the file in MOCKING (vitest.config.ts)');
    S3Client.prototype.send = g.__profileSyncSend as typeof S3Client.prototype.send;
  }
  if (vi.isFakeTimers()) {
    left.push('fake timers on: call vi.useRealTimers() in a finally block');
    vi.useRealTimers();
  }
  // Put right, so that only the file that left it fails.
  if (left.length > 0) throw new Error(`this test file left ${left.join('; and ')}`);
});
