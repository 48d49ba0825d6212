import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FsStore } from '../../src/store/fs-store.ts';
import { PreconditionFailedError } from '../../src/store/store.ts';

const fresh = () => new FsStore(mkdtempSync(join(tmpdir(), 'ps-store-')));
const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined);
const json = { contentType: 'application/json; charset=utf-8' };

describe('FsStore', () => {
  it('puts, gets and lists by key, sorted, under a prefix only', async () => {
    const store = fresh();
    await store.put('public/a/profile.json', '{"a":1}', json);
    await store.put('raw/a/20261128T000000Z/arxiv-2.xml', '<feed/>', { contentType: 'application/atom+xml' });
    await store.put('raw/a/20261128T000000Z/arxiv-1.xml', new Uint8Array([0xef, 0xbb, 0xbf, 0x3c]), { contentType: 'application/atom+xml' });
    expect(text((await store.get('public/a/profile.json'))?.body)).toBe('{"a":1}');
    expect(await store.get('public/a/missing.json')).toBeUndefined();
    expect(await store.list('raw/a/')).toEqual(['raw/a/20261128T000000Z/arxiv-1.xml', 'raw/a/20261128T000000Z/arxiv-2.xml']);
    expect(await store.list('raw/a/20261128T000000Z/arxiv-1')).toEqual(['raw/a/20261128T000000Z/arxiv-1.xml']);
    expect(await store.list('nothing/')).toEqual([]);
    // bytes are kept exactly (a BOM is not stripped)
    expect([...(await store.get('raw/a/20261128T000000Z/arxiv-1.xml'))!.body]).toEqual([0xef, 0xbb, 0xbf, 0x3c]);
  });

  it('If-None-Match * creates once and refuses to overwrite', async () => {
    const store = fresh();
    await store.put('reports/a/r1/diff.json', 'first', { ...json, ifNoneMatch: '*' });
    await expect(store.put('reports/a/r1/diff.json', 'second', { ...json, ifNoneMatch: '*' })).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(text((await store.get('reports/a/r1/diff.json'))?.body)).toBe('first');
  });

  it('If-Match replaces only the version that was read', async () => {
    const store = fresh();
    const { etag } = await store.put('public/a/profile.json', 'v1', json);
    expect((await store.get('public/a/profile.json'))?.etag).toBe(etag);
    await store.put('public/a/profile.json', 'v2', { ...json, ifMatch: etag });
    await expect(store.put('public/a/profile.json', 'v3', { ...json, ifMatch: etag })).rejects.toThrow(/another run wrote it first/);
    expect(text((await store.get('public/a/profile.json'))?.body)).toBe('v2');
  });

  it('rejects keys that could escape the folder and leaves no temp files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ps-store-'));
    const store = new FsStore(root);
    for (const key of ['../x', '/etc/passwd', 'a//b', 'a/./b', 'a/../../b', '']) {
      await expect(store.put(key, 'x', json)).rejects.toThrow(/invalid store key/);
    }
    await store.put('a/b.json', 'x', json);
    expect(readdirSync(join(root, 'a'))).toEqual(['b.json']);
  });

  it('deletes a key; with If-Match only the version that was read, and a gone key fails the condition', async () => {
    const store = fresh();
    const { etag } = await store.put('canonical/a/cv.json', 'v1', json);
    await store.put('canonical/a/config.json', 'c1', json);
    await expect(store.delete('canonical/a/cv.json', { ifMatch: '"0000"' })).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(text((await store.get('canonical/a/cv.json'))?.body)).toBe('v1');
    await store.delete('canonical/a/cv.json', { ifMatch: etag });
    expect(await store.get('canonical/a/cv.json')).toBeUndefined();
    await expect(store.delete('canonical/a/cv.json', { ifMatch: etag })).rejects.toBeInstanceOf(PreconditionFailedError);
    await store.delete('canonical/a/cv.json'); // unconditional: a missing key is fine
    await store.delete('canonical/a/config.json');
    expect(await store.list('canonical/')).toEqual([]);
    expect((await store.put('canonical/a/cv.json', 'v2', json)).etag).toBeTruthy();
    expect((await store.get('canonical/a/cv.json'))!.lastModified).toBeInstanceOf(Date);
  });
});
