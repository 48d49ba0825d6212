/**
 * S3Store against an endpoint that enforces conditional writes as S3 does
 * (test/helpers/conditional-s3.ts: s3rver behind a proxy that answers 412 and
 * 404): its real 412 path, the run claim, and the SDK's own retry of a PUT
 * that S3 stored but answered 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPublicObjects } from '../../src/publish/publish-record.ts';
import { ownedRunStore, RunClaimedError } from '../../src/store/run-claim.ts';
import { PreconditionFailedError } from '../../src/store/store.ts';
import { startConditionalS3, type ConditionalS3 } from '../helpers/conditional-s3.ts';

let s3: ConditionalS3;
beforeAll(async () => {
  s3 = await startConditionalS3();
});
afterAll(async () => {
  await s3?.close();
});

const json = { contentType: 'application/json' };
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('S3Store on an endpoint that honours conditions', () => {
  it('If-None-Match * on an existing key is refused with 412, and nothing is overwritten', async () => {
    const store = s3.store('t1/');
    await store.put('reports/a/r1/diff.json', 'first', { ...json, ifNoneMatch: '*' });
    const err = await store.put('reports/a/r1/diff.json', 'second', { ...json, ifNoneMatch: '*' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PreconditionFailedError);
    expect((err as Error).message).toMatch(/If-None-Match \*; S3 answered 412 PreconditionFailed/);
    expect(text((await store.get('reports/a/r1/diff.json'))!.body)).toBe('first');
    expect(s3.requests.filter((r) => r.key === 't1/reports/a/r1/diff.json').map((r) => r.status)).toEqual([200, 412, 200]);
  });

  it('a mismatched If-Match is refused with 412; If-Match on a deleted object with 404, both as lost conditions', async () => {
    const store = s3.store('t2/');
    const { etag } = await store.put('public/a/profile.json', 'v1', json);
    await store.put('public/a/profile.json', 'v2 by another run', { ...json, ifMatch: etag });
    await expect(store.put('public/a/profile.json', 'v2 by this run', { ...json, ifMatch: etag })).rejects.toThrow(/If-Match "[0-9a-f]+"; S3 answered 412/);
    await expect(store.put('public/a/gone.json', 'x', { ...json, ifMatch: etag })).rejects.toThrow(/S3 answered 404 NoSuchKey/);
    expect(text((await store.get('public/a/profile.json'))!.body)).toBe('v2 by another run');
  });

  it("a retried step of the same run converges on its own keys; a different run's writer is refused before writing", async () => {
    const base = s3.store('t3/');
    const claim = { profile: 'a', runId: '20261128T031500Z', owner: 'arn:aws:states:us-east-1:123456789012:execution:Workflow:night-1' };
    const attempt1 = ownedRunStore(base, claim, () => new Date('2026-11-28T03:15:00Z'));
    await attempt1.put('raw/a/20261128T031500Z/arxiv-1.xml', '<feed>attempt 1</feed>', { ...json, ifNoneMatch: '*' });
    // The retry (same execution) writes the same key again: identical bytes are accepted, new bytes replace its own.
    const attempt2 = ownedRunStore(base, claim, () => new Date('2026-11-28T03:15:00Z'));
    await attempt2.put('raw/a/20261128T031500Z/arxiv-1.xml', '<feed>attempt 1</feed>', { ...json, ifNoneMatch: '*' });
    await attempt2.put('raw/a/20261128T031500Z/arxiv-1.xml', '<feed>attempt 2</feed>', { ...json, ifNoneMatch: '*' });
    expect(text((await base.get('raw/a/20261128T031500Z/arxiv-1.xml'))!.body)).toBe('<feed>attempt 2</feed>');
    // Another execution that got the same run id (same start second) owns nothing here.
    const other = ownedRunStore(base, { ...claim, owner: 'arn:aws:states:us-east-1:123456789012:execution:Workflow:manual-2' }, () => new Date('2026-11-28T03:15:00Z'));
    const err = await other.put('raw/a/20261128T031500Z/arxiv-1.xml', '<feed>intruder</feed>', { ...json, ifNoneMatch: '*' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunClaimedError);
    expect(err).toBeInstanceOf(PreconditionFailedError); // exit 5 in the CLI
    expect((err as Error).message).toMatch(/belongs to arn:.*night-1; this writer is arn:.*manual-2/);
    expect(text((await base.get('raw/a/20261128T031500Z/arxiv-1.xml'))!.body)).toBe('<feed>attempt 2</feed>');
  });

  it('S3 stores a public object but answers 500: the SDK retries, gets 412, and the publish sees its own bytes and goes on', async () => {
    const store = s3.store('t4/');
    await store.put('public/a/profile.json', '{"v":1}', json);
    s3.faults.push({ method: 'PUT', key: /^t4\/public\/a\/profile\.json$/, when: 'after', times: 1 });
    const applied = await applyPublicObjects(store, [{ key: 'public/a/profile.json', body: new TextEncoder().encode('{"v":2}'), contentType: 'application/json' }]);
    expect(applied).toEqual([{ key: 'public/a/profile.json', bytes: 7, written: true }]);
    expect(s3.requests.filter((r) => r.key === 't4/public/a/profile.json' && r.method === 'PUT').map((r) => r.status)).toEqual([200, 500, 412]);
    expect(text((await store.get('public/a/profile.json'))!.body)).toBe('{"v":2}');
  });
});
