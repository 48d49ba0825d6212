/** The folder store's If-Match is atomic: of two writers holding the same ETag, exactly one wins. */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FsStore } from '../../src/store/fs-store.ts';
import { PreconditionFailedError } from '../../src/store/store.ts';

describe('folder store: If-Match under concurrency', () => {
  it('of many concurrent replacements with the same ETag, exactly one succeeds; the lock leaves no file behind', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ps-ifmatch-'));
    const store = new FsStore(root);
    const { etag } = await store.put('harvest/_lease/arxiv.json', '{"v":0}', { contentType: 'application/json' });
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => store.put('harvest/_lease/arxiv.json', `{"v":${i + 1}}`, { contentType: 'application/json', ifMatch: etag })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof PreconditionFailedError)).toBe(true);
    expect(readdirSync(join(root, 'harvest', '_lease'))).toEqual(['arxiv.json']);
    expect(await store.list('harvest/')).toEqual(['harvest/_lease/arxiv.json']);
  });
});
