/**
 * Two review sessions on one profile (two laptops, one bucket): every answer
 * of both is kept; only a true conflict (the same item answered differently,
 * or a value changed under an accept-theirs) is refused, never overwritten.
 * The bucket is a folder store, which refuses stale If-Match writes as S3 does.
 */
import { describe, expect, it } from 'vitest';
import { storeHome } from '../../src/canonical/canonical-home.ts';
import { loadCv } from '../../src/canonical/load.ts';
import { latestReport } from '../../src/review/latest-report.ts';
import { recordAnswers, ReviewNotRecordedError, startSession } from '../../src/review/record-answers.ts';
import { PreconditionFailedError } from '../../src/store/store.ts';
import type { Store } from '../../src/store/store.ts';
import { dataCopy, nightly, seededBucket } from '../helpers/owner-bucket.ts';
import { FIRST_PROFILE as P } from '../helpers/paths.ts';

const TITLE = 'diff:arxiv20-adamp:title:935cc9ae14';
const SEUNGHO = 'diff:cvpr20-wsol-eval:authors[2].name:1eb1548462';

describe('two review sessions on one bucket', async () => {
  const setUp = async () => {
    const data = dataCopy();
    const { store } = await seededBucket(data, [P]);
    await nightly(store, data, '20261128T030000Z');
    return { store, home: storeHome(store), report: await latestReport(store, P) };
  };
  const decisionsOf = async (store: Store) => JSON.parse(new TextDecoder().decode((await store.get(`canonical/${P}/decisions.json`))!.body)) as { decisions: Array<{ item: string; action: string }> };
  const cvOf = async (store: Store) => loadCv('cv.json', new TextDecoder().decode((await store.get(`canonical/${P}/cv.json`))!.body), P);

  it('merges the later session into what the earlier one wrote; a different answer to the same item is refused, not overwritten', async () => {
    const { store, home, report } = await setUp();
    const a = await startSession(home, P); // laptop A opens the prompt …
    const b = await startSession(home, P); // … so does laptop B
    const rb = await recordAnswers(home, P, report, [
      { id: 'cand:arxiv-2101-05068', action: 'accept' },
      { id: TITLE, action: 'accept-theirs' },
    ], b, '2026-11-28T09:00:00.000Z');
    expect(rb).toMatchObject({ cvWritten: true, decisionsWritten: true, attempts: 1 });

    const ra = await recordAnswers(home, P, report, [
      { id: 'cand:arxiv-2511-99999', action: 'reject' },
      { id: SEUNGHO, action: 'accept-theirs' },
      { id: 'cand:arxiv-2101-05068', action: 'accept' }, // the same answer B gave
      { id: TITLE, action: 'keep-mine' }, // B took theirs: a true conflict
    ], a, '2026-11-28T09:05:00.000Z');
    expect(ra.attempts).toBe(2); // A's first write was refused (If-Match), then re-applied on B's text
    expect(ra.outcomes.map((o) => [o.id, o.result])).toEqual([
      ['cand:arxiv-2511-99999', 'recorded'],
      [SEUNGHO, 'recorded'],
      ['cand:arxiv-2101-05068', 'already'],
      [TITLE, 'conflict'],
    ]);
    expect(ra.outcomes[3]!.detail).toMatch(/decided "accept-theirs" at 2026-11-28T09:00:00.000Z by another session/);

    const decided = Object.fromEntries((await decisionsOf(store)).decisions.map((d) => [d.item, d.action]));
    expect(decided).toEqual({ 'cand:arxiv-2101-05068': 'accept', [TITLE]: 'accept-theirs', 'cand:arxiv-2511-99999': 'reject', [SEUNGHO]: 'accept-theirs' });
    const cv = await cvOf(store);
    expect(cv.publications.filter((p) => p.id === 'arxiv-2101-05068')).toHaveLength(1); // inserted once
    expect(cv.publications.find((p) => p.id === 'arxiv20-adamp')!.title).toMatch(/^AdamP/); // B's edit kept
    expect(cv.publications.find((p) => p.id === 'cvpr20-wsol-eval')!.authors[2]!.name).toBe('Seungho Lee'); // A's edit added
  });

  it('a session that loses between its two writes re-applies on fresh text without doubling its cv.json edit', async () => {
    const { store, home, report } = await setUp();
    const rival = await startSession(home, P);
    let raced = false;
    // The other laptop writes decisions.json right after this session wrote cv.json.
    const racing: Store = {
      description: store.description,
      get: (k) => store.get(k),
      list: (p) => store.list(p),
      delete: (k, o) => store.delete(k, o),
      put: async (k, b, o) => {
        const r = await store.put(k, b, o);
        if (k.endsWith('/cv.json') && !raced) {
          raced = true;
          await recordAnswers(storeHome(store), P, report, [{ id: 'cand:arxiv-2305-18171', action: 'reject' }], rival, '2026-11-28T09:01:00.000Z');
        }
        return r;
      },
    };
    const h = storeHome(racing);
    const r = await recordAnswers(h, P, report, [{ id: 'cand:arxiv-2410-18857', action: 'accept' }], await startSession(h, P), '2026-11-28T09:02:00.000Z');
    expect(r.attempts).toBe(2);
    expect((await cvOf(store)).publications.filter((p) => p.id === 'arxiv-2410-18857')).toHaveLength(1);
    expect((await decisionsOf(store)).decisions.map((d) => d.item).sort()).toEqual(['cand:arxiv-2305-18171', 'cand:arxiv-2410-18857']);
  });
});

describe('twenty review sessions at once (issue 22, item 1)', () => {
  const decisionsOf = async (store: Store) => JSON.parse(new TextDecoder().decode((await store.get(`canonical/${P}/decisions.json`))!.body)) as { decisions: Array<{ item: string; action: string }> };
  const cvOf = async (store: Store) => loadCv('cv.json', new TextDecoder().decode((await store.get(`canonical/${P}/cv.json`))!.body), P);
  it('each session\'s effects land together or not at all: no accepted work in cv.json without its decision', async () => {
    const data = dataCopy();
    const { store } = await seededBucket(data, [P]);
    await nightly(store, data, '20261128T030000Z');
    const home = storeHome(store);
    const report = await latestReport(store, P);
    // One item per session; every candidate accepted (each one edits cv.json and decisions.json).
    const items = [...report.candidates.map((c) => ({ id: c.id, action: 'accept' as const })), ...report.differences.map((d) => ({ id: d.id, action: 'keep-mine' as const }))].slice(0, 20);
    expect(items.length).toBeGreaterThanOrEqual(15);
    const sessions = await Promise.all(items.map(() => startSession(home, P)));
    const settled = await Promise.allSettled(items.map((a, i) => recordAnswers(home, P, report, [a], sessions[i]!, `2026-11-28T09:${String(i).padStart(2, '0')}:00.000Z`)));
    const decided = new Set((await decisionsOf(store)).decisions.map((d) => d.item));
    const cv = await cvOf(store);
    for (const [i, s] of settled.entries()) {
      const a = items[i]!;
      const candidate = report.candidates.find((c) => c.id === a.id);
      const inCv = candidate !== undefined && cv.publications.some((p) => p.id === candidate.workId);
      if (s.status === 'fulfilled') {
        expect(s.value.outcomes[0]!.result, a.id).toBe('recorded');
        expect(decided.has(a.id), a.id).toBe(true);
        if (candidate) expect(inCv, a.id).toBe(true);
      } else {
        // gave up: nothing of it stays
        expect(decided.has(a.id), a.id).toBe(false);
        expect(inCv, `${a.id} is in cv.json but its decision was not recorded`).toBe(false);
      }
    }
    // And with backoff, twenty sessions on one profile all get through.
    expect(settled.filter((s) => s.status === 'rejected').map((s) => String((s as PromiseRejectedResult).reason))).toEqual([]);
  }, 120_000);

  it('a session that gives up takes its cv.json edit back: exit-5 sessions leave nothing behind', async () => {
    const data = dataCopy();
    const { store } = await seededBucket(data, [P]);
    await nightly(store, data, '20261128T030000Z');
    const before = new TextDecoder().decode((await store.get(`canonical/${P}/cv.json`))!.body);
    // Every decisions.json write loses (other sessions always got there first).
    const losing: Store = {
      description: store.description,
      get: (k) => store.get(k),
      list: (p) => store.list(p),
      delete: (k, o) => store.delete(k, o),
      put: async (k, b, o) => {
        if (k.endsWith('/decisions.json')) throw new PreconditionFailedError(k, 'If-Match');
        return store.put(k, b, o);
      },
    };
    const h = storeHome(losing);
    const report = await latestReport(store, P);
    const gaveUp = await recordAnswers(h, P, report, [{ id: 'cand:arxiv-2410-18857', action: 'accept' }], await startSession(h, P), '2026-11-28T09:02:00.000Z').catch((e: unknown) => e);
    expect(gaveUp).toBeInstanceOf(ReviewNotRecordedError);
    expect(String(gaveUp)).toContain('nothing of this session was recorded');
    expect(new TextDecoder().decode((await store.get(`canonical/${P}/cv.json`))!.body)).toBe(before);
  }, 60_000);
});
