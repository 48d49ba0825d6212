/**
 * Rollback on S3: a run's publish record and copies (reports/<p>/<run>/)
 * restore its public objects with conditional writes; a run publishing in
 * between makes the rollback fail, not lose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSync } from '../../src/pipeline/sync.ts';
import { rollback } from '../../src/publish/rollback.ts';
import { PreconditionFailedError, type Store } from '../../src/store/store.ts';
import { startConditionalS3, type ConditionalS3 } from '../helpers/conditional-s3.ts';
import { DATA, FIRST_PROFILE as P } from '../helpers/paths.ts';

let s3: ConditionalS3;
beforeAll(async () => {
  s3 = await startConditionalS3();
});
afterAll(async () => {
  await s3?.close();
});

const text = async (store: Store, key: string) => new TextDecoder().decode((await store.get(key))!.body);

describe('rollback on S3', () => {
  it('restores what an earlier run published, and refuses to overwrite a publish it did not read', async () => {
    const store = s3.store('rb/');
    await runSync({ dataDir: DATA, store, profiles: [P], runId: '20261127T031500Z', now: new Date('2026-11-27T03:15:00Z'), sources: { kind: 'replay' } });
    const good = await text(store, `public/${P}/profile.json`);
    // A bad publish (stand-in: the profile rewritten by hand), then roll back to the good run.
    const current = await store.get(`public/${P}/profile.json`);
    await store.put(`public/${P}/profile.json`, '{"broken":true}', { contentType: 'application/json', ifMatch: current!.etag });
    const result = await rollback(store, P, '20261127T031500Z', { at: new Date('2026-11-28T09:00:00Z') });
    // Every object the run published is there (the formats and site exports unchanged), in publishing order, the profile last and the only one restored.
    expect(result.items.map((i) => i.key).sort()).toEqual(await store.list(`public/${P}/`));
    expect(result.items.slice(0, 4).map((i) => i.key)).toEqual([`public/${P}/profile.schema.json`, `public/${P}/publications.csl.json`, `public/${P}/publications.bib`, `public/${P}/publications.jsonld`]);
    expect(result.items.at(-1)).toMatchObject({ key: `public/${P}/profile.json`, action: 'restored' });
    expect(result.items.filter((i) => i.action !== 'unchanged').map((i) => i.key)).toEqual([`public/${P}/profile.json`]);
    expect(result.untouched).toEqual([]);
    expect(await text(store, `public/${P}/profile.json`)).toBe(good);
    expect(result.note).toBe(`reports/${P}/rollbacks/20261128T090000Z-to-20261127T031500Z.json`);
    const restore = s3.requests.filter((r) => r.key === `rb/public/${P}/profile.json` && r.method === 'PUT').at(-1)!;
    expect(restore).toMatchObject({ status: 200, condition: expect.stringMatching(/^If-Match "/) });

    // Someone publishes between the rollback's read and its write: S3's 412 stops it.
    const racing: Store = {
      description: store.description,
      get: async (k) => {
        const got = await store.get(k);
        if (k === `public/${P}/profile.json` && got) await store.put(k, '{"newer":true}', { contentType: 'application/json', ifMatch: got.etag });
        return got;
      },
      list: (p) => store.list(p),
      put: (k, b, o) => store.put(k, b, o),
      delete: (k, o) => store.delete(k, o),
    };
    await store.put(`public/${P}/profile.json`, '{"broken":true}', { contentType: 'application/json' });
    await expect(rollback(racing, P, '20261127T031500Z', { at: new Date('2026-11-28T10:00:00Z') })).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await text(store, `public/${P}/profile.json`)).toBe('{"newer":true}');
  }, 30_000);
});
