/** Recording decisions and accept-theirs on the first user's report. */
import { describe, expect, it } from 'vitest';
import { NO_DECISIONS } from '../../src/canonical/decisions.ts';
import { loadCv } from '../../src/canonical/load.ts';
import type { DifferenceItem } from '../../src/model/report.ts';
import { acceptTheirs } from '../../src/review/accept-theirs.ts';
import { withDecision } from '../../src/review/decisions-text.ts';
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

  it('a report that holds control characters (written by an older version, or altered) reaches the terminal without them', () => {
    const tampered = { ...report, candidates: report.candidates.map((c, i) => (i === 0 ? { ...c, title: `\u001b[31mRed\u001b[0m \u202eevil\nline` } : c)) };
    const line = pendingItems(tampered, NO_DECISIONS)[0]!.summary;
    expect(line).not.toMatch(/[\u0000-\u001f\u007f\u202a-\u202e]/);
    expect(line).toContain('[31mRed[0m evil line');
  });

  it('a candidate decision covers all identifiers of the work; wrong answers are refused', () => {
    const d = recordDecision(NO_DECISIONS, report, 'cand:arxiv-2101-05068', 'reject', '2026-11-28T00:00:00Z');
    expect(d.decisions).toEqual([{ item: 'cand:arxiv-2101-05068', action: 'reject', at: '2026-11-28T00:00:00Z', covers: { arxiv: ['2101.05068'], doi: [], dblp: [] } }]);
    const homonym = recordDecision(NO_DECISIONS, report, 'cand:dblp-journals-synthetic-parkcs23', 'reject', '2026-11-28T00:00:00Z');
    expect(homonym.decisions[0]!.covers).toEqual({ arxiv: [], doi: [], dblp: ['journals/synthetic/ParkCS23'] });
    expect(pendingItems(report, d).some((i) => i.id === 'cand:arxiv-2101-05068')).toBe(false);
    expect(() => recordDecision(NO_DECISIONS, report, 'cand:arxiv-2101-05068', 'keep-mine', 'x')).toThrow(/use --accept or --reject/);
    expect(() => recordDecision(NO_DECISIONS, report, 'cand:nope', 'accept', 'x')).toThrow(/no item "cand:nope"/);
  });

  const accept = (text: string, id: (d: (typeof report.differences)[number]) => boolean) => {
    const diff = report.differences.find(id)!;
    return acceptTheirs(text, loadCv('cv.json', text), diff);
  };
  const adampOf = (text: string) => loadCv('cv.json', text).publications.find((p) => p.id === 'arxiv20-adamp')!;
  const cutmixOf = (text: string) => loadCv('cv.json', text).publications.find((p) => p.id === 'iccv19-cutmix')!;

  it('accept-theirs writes the source value into the canonical records, keeping the marks', () => {
    const titled = accept(input.cvText, (d) => d.workId === 'arxiv20-adamp' && d.field === 'title');
    const text = accept(titled, (d) => d.workId === 'arxiv20-adamp' && d.field === 'authors');
    const adamp = adampOf(text);
    expect(adamp.title).toBe('AdamP: Slowing Down the Slowdown for Momentum Optimizers on Scale-invariant Weights');
    expect(adamp.authors.map((a) => a.name)).toContain('Gyuwan Kim');
    expect(adamp.authors.slice(0, 2)).toEqual([{ name: 'Byeongho Heo', equalContribution: true }, { name: 'Sanghyuk Chun', owner: true, equalContribution: true }]);
  });

  it('an author-order difference moves the people and keeps their names; a spelling difference is its own item', () => {
    // CutMix as the ICCV/IEEE record orders and spells its authors (reference/sources.md §3.1).
    const before = cutmixOf(input.cvText);
    const names = before.authors.map((a) => a.name);
    const item = (field: string, canonical: string, source: string): DifferenceItem => ({ id: `diff:iccv19-cutmix:${field}:x`, workId: 'iccv19-cutmix', workTitle: before.title, field, canonical, source, from: ['dblp conf/iccv/YunHCOYC19'], note: '' });
    const order = item('authors.order', names.join(', '), 'Sangdoo Yun, Dongyoon Han, Sanghyuk Chun, Seong Joon Oh, Youngjoon Yoo, Junsuk Choe');
    const spelling = item('authors[4].name', 'Junseok Choi', 'Junsuk Choe');
    const apply = (text: string, d: DifferenceItem) => acceptTheirs(text, loadCv('cv.json', text), d);
    const reordered = cutmixOf(apply(input.cvText, order));
    expect(reordered.authors.map((a) => a.name)).toEqual(['Sangdoo Yun', 'Dongyoon Han', 'Sanghyuk Chun', 'Seong Joon Oh', 'Youngjoon Yoo', 'Junseok Choi']);
    expect(reordered.authors[2]).toEqual({ name: 'Sanghyuk Chun', owner: true });
    const renamed = cutmixOf(apply(input.cvText, spelling));
    expect(renamed.authors.map((a) => a.name)).toEqual(['Sangdoo Yun', 'Dongyoon Han', 'Seong Joon Oh', 'Sanghyuk Chun', 'Junsuk Choe', 'Youngjoon Yoo']);
    // both, in either order, give the source's order and spelling
    const expected = ['Sangdoo Yun', 'Dongyoon Han', 'Sanghyuk Chun', 'Seong Joon Oh', 'Youngjoon Yoo', 'Junsuk Choe'];
    expect(cutmixOf(apply(apply(input.cvText, order), spelling)).authors.map((a) => a.name)).toEqual(expected);
    expect(cutmixOf(apply(apply(input.cvText, spelling), order)).authors.map((a) => a.name)).toEqual(expected);
  });

  it("changes only the decided bytes of the owner's file: indentation, key order and other values stay", () => {
    // The owner's own style: 4-space indentation and a venue label with trailing spaces.
    const owned = input.cvText.replace(/\n( +)/g, (_m, sp: string) => `\n${sp}${sp}`).replace(`"venue": "AAAI'21"`, `"venue": "AAAI'21  "`);
    const out = accept(owned, (d) => d.workId === 'arxiv20-adamp' && d.field === 'title');
    const diffLines = out.split('\n').filter((l, i) => l !== owned.split('\n')[i]);
    expect(diffLines).toEqual(['            "title": "AdamP: Slowing Down the Slowdown for Momentum Optimizers on Scale-invariant Weights",']);
    expect(out).toContain(`"venue": "AAAI'21  "`);
  });

  it('refuses a decision on a value that changed since the report', () => {
    const title = report.differences.find((d) => d.workId === 'arxiv20-adamp' && d.field === 'title')!;
    const edited = input.cvText.replace(`"title": "${title.canonical}"`, '"title": "Something else"');
    expect(() => acceptTheirs(edited, loadCv('cv.json', edited), title)).toThrow(/no longer what the report saw/);
  });

  it('decisions.json gains the new decision with a minimal edit, replacing an earlier answer on the same item', () => {
    const first = withDecision(undefined, { item: 'a', action: 'accept', at: 't1' });
    expect(JSON.parse(first)).toEqual({ $schema: '../../../schemas/decisions.schema.json', schemaVersion: 1, decisions: [{ item: 'a', action: 'accept', at: 't1' }] });
    const owned = first.replace('"schemaVersion": 1', '"schemaVersion": 1, "comment": "mine"');
    const second = withDecision(owned, { item: 'b', action: 'reject', at: 't2' });
    expect(second.startsWith(owned.slice(0, owned.indexOf(']')).trimEnd())).toBe(true);
    const replaced = withDecision(second, { item: 'a', action: 'reject', at: 't3' });
    expect(JSON.parse(replaced).decisions).toEqual([{ item: 'a', action: 'reject', at: 't3' }, { item: 'b', action: 'reject', at: 't2' }]);
    expect(replaced).toContain('"comment": "mine"');
  });
});
