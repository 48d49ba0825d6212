/** The run claim on the folder store (which refuses If-None-Match * and a stale If-Match like S3). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimKey, ownedRunStore, RunClaimedError } from '../../src/store/run-claim.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { PreconditionFailedError } from '../../src/store/store.ts';

const fresh = () => new FsStore(mkdtempSync(join(tmpdir(), 'ps-claim-')));
const json = { contentType: 'application/json', ifNoneMatch: '*' as const };
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const run = { profile: 'ada', runId: '20261128T031500Z' };
const at = () => new Date('2026-11-28T03:15:00Z');

describe('run claim', () => {
  it('a retry of the same run rewrites its own run-scoped keys; other keys keep their conditions', async () => {
    const store = fresh();
    await ownedRunStore(store, { ...run, owner: 'exec-1' }, at).put('reports/ada/20261128T031500Z/diff.json', '{"a":1}', json);
    const retry = ownedRunStore(store, { ...run, owner: 'exec-1' }, at);
    await retry.put('reports/ada/20261128T031500Z/diff.json', '{"a":1}', json); // identical: accepted
    await retry.put('reports/ada/20261128T031500Z/diff.json', '{"a":2}', json); // the retry's own new bytes
    expect(text((await store.get('reports/ada/20261128T031500Z/diff.json'))!.body)).toBe('{"a":2}');
    // Outside the run's keys the store's conditions stand, owner or not.
    await retry.put('public/ada/profile.json', '{}', json);
    await expect(retry.put('public/ada/profile.json', '{}', json)).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(retry.put('reports/ada/20261127T000000Z/diff.json', 'x', json)).resolves.toBeDefined();
    await expect(retry.put('reports/ada/20261127T000000Z/diff.json', 'x', json)).rejects.toBeInstanceOf(PreconditionFailedError);
  });

  it('another run with the same id is refused before it writes anything', async () => {
    const store = fresh();
    await ownedRunStore(store, { ...run, owner: 'exec-1' }, at).put('raw/ada/20261128T031500Z/arxiv-1.xml', '<feed/>', json);
    const other = ownedRunStore(store, { ...run, owner: 'exec-2' }, at);
    await expect(other.put('raw/ada/20261128T031500Z/dblp-1.xml', '<dblpperson/>', json)).rejects.toBeInstanceOf(RunClaimedError);
    expect(await store.get('raw/ada/20261128T031500Z/dblp-1.xml')).toBeUndefined();
    expect(JSON.parse(text((await store.get(claimKey('ada', run.runId)))!.body))).toMatchObject({ owner: 'exec-1', runId: run.runId });
  });

  it('two runs racing for the same id: exactly one gets it', async () => {
    const store = fresh();
    const results = await Promise.allSettled(['exec-a', 'exec-b', 'exec-c'].map((owner) => ownedRunStore(store, { ...run, owner }, at).claim()));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([expect.any(RunClaimedError), expect.any(RunClaimedError)]);
  });
});
