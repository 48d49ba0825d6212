/** The owner's email is the report: told once, cut to SNS's limits, sent through a port. */
import { describe, expect, it } from 'vitest';
import { NO_DECISIONS } from '../../src/canonical/decisions.ts';
import type { CandidateItem, Report } from '../../src/model/report.ts';
import { MAX_BODY_BYTES, MAX_LINES_PER_SECTION, notificationFor, type NotifiedState } from '../../src/review/notification.ts';
import { legacyNotifiedKey, notifiedKey, notifyOwner } from '../../src/review/notify-owner.ts';
import { dataCopy, nightly, seededBucket } from '../helpers/owner-bucket.ts';
import { firstUserRun } from '../helpers/first-user-run.ts';
import { FIRST_PROFILE as P } from '../helpers/paths.ts';

const opts = (now = '2026-11-28T03:20:00Z', weeklyReminder = false) => ({ now: new Date(now), storeArgs: '--bucket owner-bucket', reportLocation: 's3://owner-bucket/reports/sanghyuk-chun/20261128T030000Z/diff.html', weeklyReminder });

describe("the owner's email", async () => {
  const { output } = await firstUserRun();
  const report = output.report;

  it("the first user's first run: counts in the subject, one line per item, the exact commands", () => {
    const n = notificationFor(report, NO_DECISIONS, undefined, opts());
    expect(n.message!.subject).toBe('sanghyuk-chun: 13 new papers, 6 differences, 1 version event to review');
    const lines = n.message!.body.split('\n');
    expect(lines).toContain('New papers that name you (accept or reject): 13');
    expect(lines).toContain("- Probabilistic Embeddings for Cross-Modal Retrieval (arXiv'21) [medium: the owner is named with one co-author from the CV (Seong Joon Oh); not on the owner's dblp page] cand:arxiv-2101-05068");
    expect(lines).toContain("- ECCV Caption: Correcting False Negatives by Collecting Machine-and-Human-verified Image-Caption Associations for MS-COCO (arXiv'22) [high: the owner is named with 2 co-authors from the CV (Seong Joon Oh, Song Park)] cand:arxiv-2204-03359");
    expect(lines).toContain("- Evaluating Weakly Supervised Object Localization Methods Right, authors[2].name: Seongho Lee → Seungho Lee [arxiv 2001.07437] 'diff:cvpr20-wsol-eval:authors[2].name:1eb1548462'"); // quoted: zsh reads [ ] as a pattern
    expect(lines).toContain('- Slowing Down the Weight Norm Increase in Momentum-based Optimizers: the preprint is now published: ICLR 2021 (dblp conf/iclr/HeoCOHYKUH21) event:arxiv20-adamp:published:conf/iclr/HeoCOHYKUH21');
    expect(lines).toContain('  npx profile-sync review -p sanghyuk-chun --bucket owner-bucket');
    expect(lines).toContain('  npx profile-sync review -p sanghyuk-chun --bucket owner-bucket --open');
    expect(lines.filter((l) => l.startsWith('- '))).toHaveLength(20);
    expect(n.state.told).toHaveProperty(['cand:arxiv-2101-05068'], '2026-11-28T03:20:00.000Z');
  });

  it('tells nothing twice: the next night with the same items sends nothing; a new item is sent alone', () => {
    const first = notificationFor(report, NO_DECISIONS, undefined, opts());
    expect(notificationFor(report, NO_DECISIONS, first.state, opts('2026-11-29T03:20:00Z')).message).toBeUndefined();
    const extra: CandidateItem = { ...report.candidates[0]!, id: 'cand:arxiv-2612-00001', workId: 'arxiv-2612-00001', title: 'A Paper From December', year: 2026, venue: undefined as never };
    const next = notificationFor({ ...report, candidates: [...report.candidates, extra] }, NO_DECISIONS, first.state, opts('2026-11-30T03:20:00Z'));
    expect(next.message!.subject).toBe('sanghyuk-chun: 1 new paper to review');
    expect(next.message!.body).toContain('found 1 new item for you (and 20 from earlier emails still pending)');
    expect(next.message!.body.split('\n').filter((l) => l.startsWith('- '))).toEqual([expect.stringContaining('A Paper From December')]);
  });

  it('forgets decided items, and a weekly reminder (when configured) repeats what is still pending', () => {
    const first = notificationFor(report, NO_DECISIONS, undefined, opts());
    const decided = { schemaVersion: 1 as const, decisions: [{ item: 'cand:arxiv-2101-05068', action: 'accept' as const, at: 'x' }] };
    const quiet = notificationFor(report, decided, first.state, opts('2026-11-29T03:20:00Z', true));
    expect(quiet.message).toBeUndefined(); // a day later: no reminder yet
    expect(quiet.state.told).not.toHaveProperty(['cand:arxiv-2101-05068']);
    const week = notificationFor(report, decided, quiet.state, opts('2026-12-05T03:20:00Z', true));
    expect(week.reminder).toBe(true);
    expect(week.message!.subject).toBe('sanghyuk-chun: reminder, 19 items still to review');
    expect(notificationFor(report, decided, quiet.state, opts('2026-12-05T03:20:00Z', false)).message).toBeUndefined();
  });

  it('names a degraded source with its cause, once; a recovered source failing again is news again', () => {
    const degraded: Report = { ...report, sources: [report.sources[0]!, { ...report.sources[1]!, status: 'degraded', reasons: ['HTTP 503 after 3 attempts', 'using the last good snapshot from run 20261127T030000Z'], usedSnapshot: { runId: '20261127T030000Z', fetchedAt: 'x', ageHours: 24 } }] };
    const first = notificationFor(report, NO_DECISIONS, undefined, opts());
    const bad = notificationFor(degraded, NO_DECISIONS, first.state, opts('2026-11-29T03:20:00Z'));
    expect(bad.message!.subject).toBe('sanghyuk-chun: source problem; dblp degraded');
    // the reasons as the reconcile stage writes them: the snapshot is named once
    expect(bad.message!.body).toContain('- dblp: degraded: HTTP 503 after 3 attempts; using the snapshot of run 20261127T030000Z (24 h old)\n');
    expect(notificationFor(degraded, NO_DECISIONS, bad.state, opts('2026-11-30T03:20:00Z')).message).toBeUndefined();
    const ok = notificationFor(report, NO_DECISIONS, bad.state, opts('2026-12-01T03:20:00Z'));
    expect(ok.message).toBeUndefined();
    expect(notificationFor(degraded, NO_DECISIONS, ok.state, opts('2026-12-02T03:20:00Z')).message!.subject).toContain('dblp degraded');
  });

  it("cuts long lists with a count of what was left out, within SNS's limits (ASCII subject under 100 characters, bounded body)", () => {
    const many = Array.from({ length: 300 }, (_, i): CandidateItem => ({ ...report.candidates[0]!, id: `cand:x-${i}`, title: `Ünïcode title ${i} ${'long words '.repeat(40)}` }));
    const long = 'a-profile-with-a-very-long-identifier-that-goes-on-and-on-for-the-lab-of-someone';
    const n = notificationFor({ ...report, profile: long, candidates: many, sources: report.sources.map((s) => ({ ...s, status: 'degraded' as const, reasons: ['timeout'] })) }, NO_DECISIONS, undefined, opts());
    const { subject, body } = n.message!;
    expect(subject.length).toBeLessThan(100);
    expect(subject).toMatch(/^[\x20-\x7e]+$/);
    expect(body.split('\n').filter((l) => l.startsWith('- Ünïcode'))).toHaveLength(MAX_LINES_PER_SECTION);
    expect(body).toContain(`… and ${300 - MAX_LINES_PER_SECTION} more papers (see the report)`);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(Buffer.byteLength(body)).toBeLessThan(262_144);
    expect(n.state.told).toHaveProperty(['cand:x-299']); // counted, so told

    // Every section full of multi-byte text: the body is cut at a line, and says where the rest is.
    const wide = 'ü'.repeat(500);
    const huge = notificationFor(
      {
        ...report,
        candidates: many.map((c) => ({ ...c, title: wide })),
        differences: Array.from({ length: 300 }, (_, i) => ({ ...report.differences[0]!, id: `diff:y-${i}`, workTitle: wide, canonical: wide, source: wide, note: 'same' })),
        events: Array.from({ length: 300 }, (_, i) => ({ ...report.events[0]!, id: `event:z-${i}`, detail: wide })),
      },
      NO_DECISIONS,
      undefined,
      opts(),
    ).message!.body;
    expect(Buffer.byteLength(huge)).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(huge).toMatch(/\n… cut here: the email reached 64 KB\. See the report: s3:\/\/owner-bucket\/reports\/sanghyuk-chun\/20261128T030000Z\/diff\.html\n$/);
    expect(huge).not.toContain('\uFFFD');
  });
});

describe('notifyOwner', () => {
  it('sends through the port, then records what was told; a failed send records nothing; a retry after a send sends nothing', async () => {
    const data = dataCopy();
    const { store } = await seededBucket(data, [P]);
    await nightly(store, data, '20261128T030000Z');
    const sent: Array<[string, string]> = [];
    const send = async (s: string, b: string) => void sent.push([s, b]);
    const base = { store, profile: P, now: new Date('2026-11-28T03:20:00Z'), storeArgs: '--bucket owner-bucket' };

    await expect(notifyOwner({ ...base, send: async () => Promise.reject(new Error('SNS throttled')) })).rejects.toThrow(/throttled/);
    expect(await store.get(notifiedKey(P))).toBeUndefined();
    expect(await notifyOwner({ ...base, send, dryRun: true })).toMatchObject({ sent: false, newItems: 20 });
    expect(await store.get(notifiedKey(P))).toBeUndefined();

    expect(await notifyOwner({ ...base, send })).toMatchObject({ sent: true, newItems: 20, pending: 20 });
    expect(sent).toHaveLength(2);
    const state = JSON.parse(new TextDecoder().decode((await store.get(notifiedKey(P)))!.body)) as NotifiedState;
    expect(Object.keys(state.told)).toHaveLength(20);
    expect(await notifyOwner({ ...base, send })).toMatchObject({ sent: false, newItems: 0 });
    expect(sent).toHaveLength(2);
  });

  it('what was told lives outside reports/ (notices/, which no lifecycle rule expires); a state still at reports/<profile>/notified.json is honoured and carried over', async () => {
    const data = dataCopy();
    const { store } = await seededBucket(data, [P]);
    await nightly(store, data, '20261128T030000Z');
    const send = async () => undefined;
    const base = { store, profile: P, now: new Date('2026-11-28T03:20:00Z'), storeArgs: '--bucket owner-bucket', send };
    expect(notifiedKey(P)).toBe(`notices/${P}/notified.json`);
    await notifyOwner(base);
    // A deployment from before notices/: its state is where reports/ kept it.
    const told = (await store.get(notifiedKey(P)))!;
    await store.put(legacyNotifiedKey(P), told.body, { contentType: 'application/json' });
    await store.delete(notifiedKey(P));
    expect(await notifyOwner({ ...base, now: new Date('2026-11-29T03:20:00Z') })).toMatchObject({ sent: false, newItems: 0 });
    expect(new TextDecoder().decode((await store.get(notifiedKey(P)))!.body)).toBe(new TextDecoder().decode(told.body));
  });
});
