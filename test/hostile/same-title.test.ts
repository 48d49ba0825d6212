/**
 * Issue 22, item 6: 1,500 arXiv entries titled "Preface" (the owner among the authors of each,
 * every one its own arXiv ID) made 1.1 M pairwise conflicts, 78 s, 4 GB and 850 MB of reports.
 * Conflicts are grouped, not paired, a generic title links nothing by words, and the report is
 * bounded (what is not listed is counted).
 */
import { describe, expect, it } from 'vitest';
import { MAX_CONFLICT_VERSIONS, MAX_CONFLICTS_LISTED } from '../../src/model/report.ts';
import { renderMarkdown } from '../../src/publish/report/render-markdown.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import { arxiv, cvWith, input, OWNER, pub } from '../helpers/reconcile-builders.ts';

const N = Number(process.env['PS_PREFACE_N'] ?? 1500);
const id = (i: number) => `2${String(Math.floor(i / 9000) + 101).slice(-3)}.${String(10000 + (i % 9000)).slice(-5)}`;

describe(`${N} arXiv entries with one title`, () => {
  it('one grouped conflict, in seconds; the report stays small', () => {
    const cv = cvWith([pub('known', 'A Known Work', [OWNER])]);
    const records = Array.from({ length: N }, (_, i) => arxiv(id(i), 'Preface', [OWNER, `Editor Number${i % 7}`]));
    const started = performance.now();
    const { report } = reconcile(input(cv, records, []));
    const seconds = (performance.now() - started) / 1000;
    const preface = report.conflicts.filter((c) => c.reason.includes('"Preface"'));
    expect(preface).toHaveLength(1);
    expect(preface[0]!.reason).toBe(`${N} records have the title "Preface" (more than 20): not linked by that title alone, left apart`);
    expect(preface[0]!.versions).toHaveLength(Math.min(N, MAX_CONFLICT_VERSIONS));
    expect(preface[0]!.moreVersions).toBe(N - MAX_CONFLICT_VERSIONS);
    expect(report.conflicts.length).toBeLessThanOrEqual(MAX_CONFLICTS_LISTED);
    expect(report.summary.conflicts).toBe(1);
    expect(renderMarkdown(report)).toContain(`, and ${N - MAX_CONFLICT_VERSIONS} more`);
    const conflictBytes = Buffer.byteLength(JSON.stringify(report.conflicts));
    expect(conflictBytes).toBeLessThan(50_000);
    expect(seconds).toBeLessThan(20);
  }, 120_000);

  it('a handful with one title are still compared; their refusals are one conflict, not one per pair', () => {
    const cv = cvWith([pub('known', 'A Known Work', [OWNER])]);
    const records = Array.from({ length: 6 }, (_, i) => arxiv(id(i), 'A Rare Title Shared by Six Uploads', [OWNER, 'Bea Coauthor']));
    const { report } = reconcile(input(cv, records, []));
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]!.versions).toHaveLength(6);
    expect(report.conflicts[0]!.reason).toMatch(/have the same title and share authors, but their arXiv IDs differ .*\(and 14 more such refusals among these 6 records\)$/);
  });

  it('more conflicts than the report lists: the rest are counted', () => {
    const cv = cvWith([pub('known', 'A Known Work', [OWNER])]);
    const records = Array.from({ length: (MAX_CONFLICTS_LISTED + 30) * 2 }, (_, i) => arxiv(id(i), `Twin Title Number ${Math.floor(i / 2)}`, [OWNER, 'Bea Coauthor']));
    const { report } = reconcile(input(cv, records, []));
    expect(report.summary.conflicts).toBe(MAX_CONFLICTS_LISTED + 30);
    expect(report.conflicts).toHaveLength(MAX_CONFLICTS_LISTED);
    expect(report.conflictsLeftOut).toBe(30);
    expect(renderMarkdown(report)).toContain('- … and 30 more conflicts, not listed');
  });
});
