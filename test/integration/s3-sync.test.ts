/**
 * The whole offline sync through the real AWS SDK against s3rver on
 * 127.0.0.1: keys, headers and bytes; idempotence; a server that stops
 * part-way; recovery.
 */
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { runSync } from '../../src/pipeline/sync.ts';
import { readPreviousProfile } from '../../src/model/read-profile.ts';
import type { Store } from '../../src/store/store.ts';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';
import { BUCKET, startS3, type RunningS3 } from '../helpers/s3rver.ts';

const P = FIRST_PROFILE;
let s3: RunningS3 | undefined;
afterEach(async () => {
  await s3?.close();
  s3 = undefined;
});

const sync = (store: Store, runId: string) => runSync({ dataDir: DATA, store, profiles: [P], runId, now: new Date('2026-11-28T03:00:00Z'), sources: { kind: 'replay' } });
const client = (endpoint: string) => new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });

describe('sync into S3 (s3rver)', () => {
  it('writes the expected keys with their content types, cache headers and bytes', async () => {
    s3 = await startS3();
    const store = s3.store('sites/');
    const result = await sync(store, '20261128T030000Z');
    expect(result.profiles[0]!.status).toBe('published');
    const keys = await store.list('');
    const profile = JSON.parse(new TextDecoder().decode((await store.get(`public/${P}/profile.json`))!.body)) as { publications: Array<{ id: string }> };
    const bundles = profile.publications.flatMap((w) => [`public/${P}/hugo-blox/publications/${w.id}/cite.bib`, `public/${P}/hugo-blox/publications/${w.id}/index.md`]).sort();
    expect(keys).toEqual([
      'public/_web/demo.html',
      'public/_web/publication-list.js',
      `public/${P}/al-folio/papers.bib`,
      `public/${P}/hugo-blox.zip`,
      ...bundles,
      ...profile.publications.map((w) => `public/${P}/papers/${w.id}.html`).sort(),
      `public/${P}/profile.json`,
      `public/${P}/profile.schema.json`,
      `public/${P}/publications.bib`,
      `public/${P}/publications.csl.json`,
      `public/${P}/publications.jsonld`,
      `raw/${P}/20261128T030000Z/arxiv-1.xml`,
      `raw/${P}/20261128T030000Z/arxiv-2.xml`,
      `raw/${P}/20261128T030000Z/arxiv-manifest.json`,
      `raw/${P}/20261128T030000Z/dblp-1.json`,
      `raw/${P}/20261128T030000Z/dblp-2.xml`,
      `raw/${P}/20261128T030000Z/dblp-manifest.json`,
      `raw/${P}/20261128T030000Z/owner.json`,
      `reports/${P}/20261128T030000Z/diff.html`,
      `reports/${P}/20261128T030000Z/diff.json`,
      `reports/${P}/20261128T030000Z/diff.md`,
      // the run's copy of every public object of the profile (the shared web component is not a profile's)
      ...keys.filter((k) => k.startsWith(`public/${P}/`)).map((k) => `reports/${P}/20261128T030000Z/public/${k.slice(`public/${P}/`.length)}`).sort(),
      `reports/${P}/20261128T030000Z/published.json`,
      `reports/${P}/latest.json`,
    ]);
    const head = async (key: string) => client(s3!.endpoint).send(new HeadObjectCommand({ Bucket: BUCKET, Key: `sites/${key}` }));
    expect(await head(`public/${P}/profile.json`)).toMatchObject({ ContentType: 'application/json; charset=utf-8', CacheControl: 'public, max-age=300' });
    expect(await head(`public/${P}/publications.bib`)).toMatchObject({ ContentType: 'application/x-bibtex; charset=utf-8' });
    expect(await head(`public/${P}/al-folio/papers.bib`)).toMatchObject({ ContentType: 'application/x-bibtex; charset=utf-8', CacheControl: 'public, max-age=300' });
    expect(await head(`public/${P}/hugo-blox.zip`)).toMatchObject({ ContentType: 'application/zip' });
    expect(await head(`public/${P}/hugo-blox/publications/arxiv20-adamp/index.md`)).toMatchObject({ ContentType: 'text/markdown; charset=utf-8' });
    expect(await head('public/_web/publication-list.js')).toMatchObject({ ContentType: 'text/javascript; charset=utf-8' });
    expect(await head(`reports/${P}/20261128T030000Z/diff.html`)).toMatchObject({ ContentType: 'text/html; charset=utf-8', CacheControl: 'private, max-age=31536000, immutable' });
    expect(await head(`raw/${P}/20261128T030000Z/arxiv-1.xml`)).toMatchObject({ CacheControl: 'private, max-age=31536000, immutable' });
    // Bytes: the raw document is exactly the recording.
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const got = await client(s3.endpoint).send(new GetObjectCommand({ Bucket: BUCKET, Key: `sites/raw/${P}/20261128T030000Z/dblp-2.xml` }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(readFileSync(join(DATA, 'recordings', P, 'dblp-2.xml')))).toBe(true);
    expect((await readPreviousProfile(store, P))?.publications).toHaveLength(18);
  });

  it('a second run with nothing new writes no public object', async () => {
    s3 = await startS3();
    const store = s3.store();
    await sync(store, '20261127T030000Z');
    const etag = (await store.get(`public/${P}/profile.json`))!.etag;
    const second = await sync(store, '20261128T030000Z');
    const outcome = second.profiles[0]!;
    expect(outcome.status === 'published' && outcome.keys.filter((k) => k.written && k.key.startsWith('public/'))).toEqual([]);
    expect(outcome.status === 'published' && outcome.profileChanged).toBe(false);
    expect((await store.get(`public/${P}/profile.json`))!.etag).toBe(etag);
  });

  it('a server that stops part-way leaves no inconsistent published state; the run after recovery completes', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'ps-s3rver-keep-'));
    s3 = await startS3(0, dir);
    const port = s3.port;
    let store = s3.store();
    await sync(store, '20261127T030000Z');
    const before = await readPreviousProfile(store, P);
    const latestBefore = new TextDecoder().decode((await store.get(`reports/${P}/latest.json`))!.body);

    // Stop the server after the next run has written its raw documents, before it publishes.
    const stopping: Store = {
      description: store.description,
      get: (k) => store.get(k),
      list: (p) => store.list(p),
      delete: (k, o) => store.delete(k, o),
      put: async (k, b, o) => {
        if (k.endsWith('/published.json')) await s3!.close(); // the claim, raw documents, manifests, the run's report and its copies went through; its record, public objects and latest.json will not
        return store.put(k, b, o);
      },
    };
    await expect(sync(stopping, '20261128T030000Z')).rejects.toThrow();

    // Back up on the same folder and port: the published pair is the earlier one, consistent.
    s3 = await startS3(port, dir);
    store = s3.store();
    expect(await readPreviousProfile(store, P)).toEqual(before);
    expect(new TextDecoder().decode((await store.get(`reports/${P}/latest.json`))!.body)).toBe(latestBefore);
    const latest = JSON.parse(latestBefore) as { report: { json: string } };
    expect(await store.get(latest.report.json)).toBeDefined();

    const after = await sync(store, '20261128T040000Z');
    expect(after.profiles[0]!.status).toBe('published');
    expect(JSON.parse(new TextDecoder().decode((await store.get(`reports/${P}/latest.json`))!.body))).toMatchObject({ runId: '20261128T040000Z' });
  });
});
