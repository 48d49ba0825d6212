/** Recording decisions and accept-theirs on the first user's report. */
import { describe, expect, it } from 'vitest';
import { NO_DECISIONS } from '../../src/canonical/decisions.ts';
import { applyAcceptTheirs } from '../../src/review/accept-theirs.ts';
import { pendingItems, recordDecision } from '../../src/review/pending.ts';
import { firstUserRun } from '../helpers/first-user-run.ts';

describe('review', async () => {
  const { input, output } = await firstUserRun();
  const report = output.report;

  it('lists every pending item with the answers it takes', () => {
    const items = pendingItems(report, NO_DECISIONS);
    expect(items).toHaveLength(report.summary.pendingReview);
    expect(items.find((i) => i.kind === 'candidate')!.actions).toEqual(['accept', 'reject']);
    expect(items.find((i) => i.kind === 'difference')!.actions).toEqual(['keep-mine', 'accept-theirs']);
  });

  it('a candidate decision covers all identifiers of the work; wrong answers are refused', () => {
    const d = recordDecision(NO_DECISIONS, report, 'cand:arxiv-2101-05068', 'reject', '2026-11-28T00:00:00Z');
    expect(d.decisions).toEqual([{ item: 'cand:arxiv-2101-05068', action: 'reject', at: '2026-11-28T00:00:00Z', covers: { arxiv: ['2101.05068'], doi: [], dblp: [] } }]);
    const homonym = recordDecision(NO_DECISIONS, report, 'cand:dblp-journals-synthetic-parkcs23', 'reject', '2026-11-28T00:00:00Z');
    expect(homonym.decisions[0]!.covers).toEqual({ arxiv: [], doi: [], dblp: ['journals/synthetic/ParkCS23'] });
    expect(pendingItems(report, d).some((i) => i.id === 'cand:arxiv-2101-05068')).toBe(false);
    expect(() => recordDecision(NO_DECISIONS, report, 'cand:arxiv-2101-05068', 'keep-mine', 'x')).toThrow(/use accept or reject/);
    expect(() => recordDecision(NO_DECISIONS, report, 'cand:nope', 'accept', 'x')).toThrow(/no item "cand:nope"/);
  });

  it('accept-theirs writes the source value into the canonical records, keeping the marks', () => {
    const title = report.differences.find((d) => d.workId === 'arxiv20-adamp' && d.field === 'title')!;
    const authors = report.differences.find((d) => d.workId === 'arxiv20-adamp' && d.field === 'authors')!;
    const cv = applyAcceptTheirs(applyAcceptTheirs(input.cv, title), authors);
    const adamp = cv.publications.find((p) => p.id === 'arxiv20-adamp')!;
    expect(adamp.title).toBe('AdamP: Slowing Down the Slowdown for Momentum Optimizers on Scale-invariant Weights');
    expect(adamp.authors.map((a) => a.name)).toContain('Gyuwan Kim');
    expect(adamp.authors.slice(0, 2)).toEqual([{ name: 'Byeongho Heo', equalContribution: true }, { name: 'Sanghyuk Chun', owner: true, equalContribution: true }]);
    const spelling = report.differences.find((d) => d.workId === 'iccv19-wct2' && d.field === 'authors[3].name')!;
    const wct2 = applyAcceptTheirs(input.cv, spelling).publications.find((p) => p.id === 'iccv19-wct2')!;
    expect(wct2.authors.map((a) => a.name)).toEqual(['Jaejun Yoo', 'Youngjung Uh', 'Sanghyuk Chun', 'Byeongkyu Kang', 'Jung-woo Ha']);
    expect(wct2.authors[2]).toEqual({ name: 'Sanghyuk Chun', owner: true, equalContribution: true });
  });
});
