/**
 * Conditional writes on S3: s3rver ignores If-Match / If-None-Match, so the
 * 412 and 409 branches are shown with aws-sdk-client-mock.
 */
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { S3Store } from '../../src/adapters/s3-store.ts';
import { publishRun } from '../../src/publish/publish.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import { cvWith, input } from '../helpers/reconcile-builders.ts';
import { PreconditionFailedError } from '../../src/store/store.ts';

const s3 = mockClient(S3Client);
afterEach(() => s3.reset());
// mockClient patches S3Client.prototype.send: put it back (the file also runs isolated, see vitest.config.ts MOCKING).
afterAll(() => s3.restore());

const failure = (status: number, name: string) => new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });
const bodyOf = (text: string) => ({ transformToByteArray: async () => new TextEncoder().encode(text) }) as never;

describe('S3Store conditional writes', () => {
  it('creates run-scoped objects with If-None-Match *, and a 412 becomes PreconditionFailedError', async () => {
    s3.on(PutObjectCommand).rejects(failure(412, 'PreconditionFailed'));
    const store = new S3Store(new S3Client({ region: 'us-east-1' }), 'b', 'p');
    await expect(store.put('reports/x/r1/diff.json', '{}', { contentType: 'application/json', ifNoneMatch: '*' })).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input).toMatchObject({ Bucket: 'b', Key: 'p/reports/x/r1/diff.json', IfNoneMatch: '*', ContentType: 'application/json' });
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(1); // not retried blindly
  });

  it('replaces the published profile with If-Match on the ETag read; 409 ConditionalRequestConflict is reported too', async () => {
    s3.on(GetObjectCommand).resolves({ Body: bodyOf('{"old":true}'), ETag: '"etag-1"' });
    s3.on(PutObjectCommand).resolves({ ETag: '"x"' });
    s3.on(PutObjectCommand, { Key: 'public/ada/profile.json' }).rejects(failure(409, 'ConditionalRequestConflict'));
    const store = new S3Store(new S3Client({ region: 'us-east-1' }), 'b');
    const report = { ...reconcile(input(cvWith([]), [], [])).report, runId: 'r2' };
    const err = await publishRun(store, report, [{ key: 'public/ada/profile.json', body: '{"new":true}', contentType: 'application/json' }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PreconditionFailedError);
    expect((err as Error).message).toMatch(/If-Match "etag-1"; S3 answered 409 ConditionalRequestConflict/);
    const puts = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
    expect(puts.map((p) => [p.Key, p.IfMatch ?? p.IfNoneMatch])).toEqual([
      ['reports/ada/r2/diff.json', '*'],
      ['reports/ada/r2/diff.md', '*'],
      ['reports/ada/r2/diff.html', '*'],
      ['reports/ada/r2/public/profile.json', '*'],
      ['reports/ada/r2/published.json', '*'],
      ['public/ada/profile.json', '"etag-1"'],
    ]);
    // latest.json is not written after a lost condition: readers keep the earlier consistent pair.
    expect(puts.some((p) => p.Key === 'reports/ada/latest.json')).toBe(false);
  });

  it('creates a first public object with If-None-Match *', async () => {
    s3.on(GetObjectCommand).rejects(failure(404, 'NoSuchKey'));
    s3.on(PutObjectCommand).resolves({ ETag: '"x"' });
    const store = new S3Store(new S3Client({ region: 'us-east-1' }), 'b');
    const report = { ...reconcile(input(cvWith([]), [], [])).report, runId: 'r1' };
    await publishRun(store, report, [{ key: 'public/ada/profile.json', body: '{}', contentType: 'application/json' }]);
    const put = s3.commandCalls(PutObjectCommand).find((c) => c.args[0].input.Key === 'public/ada/profile.json')!.args[0].input;
    expect(put).toMatchObject({ IfNoneMatch: '*', CacheControl: 'public, max-age=300' });
  });

  it('a 403 on GET (no bucket-wide ListBucket) is a missing key only when listing the key finds nothing', async () => {
    s3.on(GetObjectCommand).rejects(failure(403, 'AccessDenied'));
    s3.on(ListObjectsV2Command).resolves({ Contents: [] });
    const store = new S3Store(new S3Client({ region: 'us-east-1' }), 'b', 'p');
    expect(await store.get('canonical/ada/decisions.json')).toBeUndefined();
    expect(s3.commandCalls(ListObjectsV2Command)[0]!.args[0].input).toMatchObject({ Bucket: 'b', Prefix: 'p/canonical/ada/decisions.json', MaxKeys: 1 });
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'p/canonical/ada/decisions.json' }] });
    await expect(store.get('canonical/ada/decisions.json')).rejects.toThrow(/AccessDenied/); // it exists: a real denial
  });

  it('deletes with If-Match on the ETag read; 412 (changed) and 404 (gone) become PreconditionFailedError', async () => {
    s3.on(DeleteObjectCommand).resolvesOnce({}).rejectsOnce(failure(412, 'PreconditionFailed')).rejectsOnce(failure(404, 'NoSuchKey'));
    const store = new S3Store(new S3Client({ region: 'us-east-1' }), 'b', 'p');
    await store.delete('canonical/ada/cv.json', { ifMatch: '"etag-1"' });
    await expect(store.delete('canonical/ada/config.json', { ifMatch: '"etag-2"' })).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(store.delete('canonical/ada/decisions.json', { ifMatch: '"etag-3"' })).rejects.toThrow(/If-Match "etag-3"; S3 answered 404/);
    expect(s3.commandCalls(DeleteObjectCommand).map((c) => [c.args[0].input.Key, c.args[0].input.IfMatch])).toEqual([
      ['p/canonical/ada/cv.json', '"etag-1"'],
      ['p/canonical/ada/config.json', '"etag-2"'],
      ['p/canonical/ada/decisions.json', '"etag-3"'],
    ]);
  });
});
