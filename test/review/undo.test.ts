/**
 * A decision can be taken back (review --undo), and a changed decision takes the earlier one's effect back
 * first: the reverse of the same minimal edit, so cv.json returns byte for byte to what it was, and only
 * while the work is as the decision left it (an edit made since is never overwritten).
 */
import { describe, expect, it } from 'vitest';
import { storeHome } from '../../src/canonical/canonical-home.ts';
import { readPreviousProfile } from '../../src/model/read-profile.ts';
import { latestReport } from '../../src/review/latest-report.ts';
import { recordAnswers, startSession, type Answer } from '../../src/review/record-answers.ts';
import type { Store } from '../../src/store/store.ts';
import { dataCopy, nightly, seededBucket } from '../helpers/owner-bucket.ts';
import { FIRST_PROFILE as P } from '../helpers/paths.ts';

const CANDIDATE = 'cand:arxiv-2410-18857';
const SEUNGHO = 'diff:cvpr20-wsol-eval:authors[2].name:1eb1548462';
const TITLE = 'diff:arxiv20-adamp:title:935cc9ae14';
const EVENT = 'event:arxiv20-adamp:published:conf/iclr/HeoCOHYKUH21';

describe('taking decisions back', async () => {
  const data = dataCopy();
  const { store } = await seededBucket(data, [P]);
  await nightly(store, data, '20261128T030000Z');
  const home = storeHome(store);
  const report = await latestReport(store, P);
  const published = await readPreviousProfile(store, P);
  const text = async (s: Store, file: string) => new TextDecoder().decode((await s.get(`canonical/${P}/${file}`))!.body);
  let minute = 0;
  const answer = async (...answers: Answer[]) => recordAnswers(home, P, report, answers, await startSession(home, P), `2026-11-28T09:${String(++minute).padStart(2, '0')}:00.000Z`, published);
  const decisions = async () => (JSON.parse(await text(store, 'decisions.json')) as { decisions: Array<Record<string, unknown>> }).decisions;

  it('accept, accept-theirs and an accepted "now published" event each undo to the same bytes of cv.json', async () => {
    const original = await text(store, 'cv.json');
    for (const a of [{ id: CANDIDATE, action: 'accept' }, { id: SEUNGHO, action: 'accept-theirs' }, { id: TITLE, action: 'accept-theirs' }, { id: EVENT, action: 'accept' }] as Answer[]) {
      const before = await text(store, 'cv.json');
      const done = await answer(a);
      expect(done.outcomes[0], a.id).toMatchObject({ result: 'recorded' });
      expect(await text(store, 'cv.json'), `${a.id} changed cv.json`).not.toBe(before);
      const recorded = (await decisions()).find((d) => d['item'] === a.id)!;
      expect(recorded['edit'], `${a.id} keeps what it wrote`).toMatchObject({ workId: expect.any(String) });
      const undone = await answer({ id: a.id, action: 'undo' });
      expect(undone.outcomes[0]).toMatchObject({ result: 'recorded', action: 'undo' });
      expect(await text(store, 'cv.json'), `${a.id} undone`).toBe(before);
      expect((await decisions()).some((d) => d['item'] === a.id)).toBe(false);
    }
    expect(await text(store, 'cv.json')).toBe(original);
  });

  it('a changed decision (accept, then reject) takes the accepted work out again and remembers what it replaced', async () => {
    const before = await text(store, 'cv.json');
    await answer({ id: CANDIDATE, action: 'accept' });
    expect(await text(store, 'cv.json')).toContain('Probabilistic Language-Image Pre-Training');
    const changed = await answer({ id: CANDIDATE, action: 'reject' });
    expect(changed.outcomes[0]).toMatchObject({ result: 'recorded', action: 'reject' });
    expect(await text(store, 'cv.json')).toBe(before);
    expect((await decisions()).find((d) => d['item'] === CANDIDATE)).toMatchObject({ action: 'reject', replaces: { action: 'accept' } });
    expect((await answer({ id: CANDIDATE, action: 'reject' })).outcomes[0]).toMatchObject({ result: 'already' });
    await answer({ id: CANDIDATE, action: 'undo' });
  });

  it('an edit made since the decision is never overwritten: the undo is refused and nothing is written', async () => {
    await answer({ id: SEUNGHO, action: 'accept-theirs' });
    const edited = (await text(store, 'cv.json')).replace('"Seungho Lee"', '"Seungho LEE"');
    const cur = await store.get(`canonical/${P}/cv.json`);
    await store.put(`canonical/${P}/cv.json`, edited, { contentType: 'application/json; charset=utf-8', ifMatch: cur!.etag });
    const refused = await answer({ id: SEUNGHO, action: 'undo' });
    expect(refused.outcomes[0]).toMatchObject({ result: 'conflict', detail: expect.stringContaining('changed since this decision wrote it') });
    expect(await text(store, 'cv.json')).toBe(edited);
    expect((await decisions()).some((d) => d['item'] === SEUNGHO)).toBe(true);
  });
});
