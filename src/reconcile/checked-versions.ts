/**
 * Source records become versions only after their values are checked against
 * the run: a year before 1900 or after next year is left out (a work is never
 * published as of year 0 or 99999), and two different records for one arXiv
 * ID in a run are reported, not silently swapped. What was left out is said in
 * the source's health notes.
 */
import type { ArxivRecord } from '../sources/arxiv/arxiv-record.ts';
import type { DblpPerson, DblpRecord } from '../sources/dblp/dblp-record.ts';
import type { ConflictItem } from '../model/report.ts';
import { shortHash } from './ids.ts';
import { fromArxiv, fromDblp, type SourceVersion } from './source-version.ts';
import type { DataTime } from '../sources/source-report.ts';

/** The earliest year a source record may carry. */
export const EARLIEST_YEAR = 1900;

/** Years a work fetched at `fetchedAt` may carry: 1900 to the year after the fetch. */
export function plausibleYear(year: number, fetchedAt: string): boolean {
  const now = new Date(fetchedAt).getUTCFullYear();
  return Number.isInteger(year) && year >= EARLIEST_YEAR && year <= (Number.isNaN(now) ? 9999 : now + 1);
}

export interface CheckedVersions {
  readonly versions: SourceVersion[];
  /** Per source: values or records left out, and why. */
  readonly notes: { readonly arxiv: string[]; readonly dblp: string[] };
  readonly conflicts: ConflictItem[];
}

const authorsOf = (r: ArxivRecord) => r.authors.map((a) => a.name).join('; ');

/** `runAt` (the run's time) stands in for a fetch time nobody knows: a replay is never newer than its run. */
function withoutImplausibleYear(v: SourceVersion, notes: string[], runAt: string): SourceVersion {
  if (v.year === undefined || plausibleYear(v.year, v.time.fetchedAt ?? runAt)) return v;
  const { year, firstSubmitted: _f, ...rest } = v;
  notes.push(`${v.source === 'arxiv' ? 'arXiv' : 'dblp'} ${v.recordId}: year ${year} is not plausible (${EARLIEST_YEAR} to the year after the fetch): left out`);
  return v.source === 'arxiv' ? rest : { ...rest, ...(v.firstSubmitted ? { firstSubmitted: v.firstSubmitted } : {}) };
}

export function checkedVersions(
  arxiv: readonly ArxivRecord[],
  arxivTime: DataTime,
  person: DblpPerson | undefined,
  dblpTime: DataTime,
  runAt: string,
  /** dblp records given on their own; one the person page also lists is read once. */
  dblpRecords: readonly DblpRecord[] = [],
): CheckedVersions {
  const notes = { arxiv: [] as string[], dblp: [] as string[] };
  const conflicts: ConflictItem[] = [];
  // Several pages may return the same paper: keep its latest version. Two different
  // records with the same version contradict each other: the first is kept and the
  // contradiction reported.
  const latest = new Map<string, ArxivRecord>();
  for (const r of arxiv) {
    const seen = latest.get(r.id);
    if (!seen || (seen.version ?? 0) < (r.version ?? 0)) latest.set(r.id, r);
    else if (seen.version === r.version && (seen.title !== r.title || authorsOf(seen) !== authorsOf(r))) {
      const named = `${r.id}${r.version !== undefined ? `v${r.version}` : ''}`;
      const versions = [`arxiv ${named}`];
      conflicts.push({
        id: `conflict:arxiv-${r.id.replace(/[^\w.-]/g, '-')}:${shortHash(`${seen.title}|${authorsOf(seen)}|${r.title}|${authorsOf(r)}`)}`,
        versions,
        reason: `arXiv returned two different records for ${named} in this run ("${seen.title.slice(0, 120)}" by ${authorsOf(seen).slice(0, 120)}; "${r.title.slice(0, 120)}" by ${authorsOf(r).slice(0, 120)}): the first is used`,
      });
    }
  }
  const versions = [...latest.values()].map((r) => withoutImplausibleYear(fromArxiv(r, arxivTime), notes.arxiv, runAt));
  if (person) versions.push(...person.records.map((r) => withoutImplausibleYear(fromDblp(r, dblpTime, person.pid), notes.dblp, runAt)));
  const onPage = new Set(person?.records.map((r) => r.key) ?? []);
  const alone = [...new Map(dblpRecords.filter((r) => !onPage.has(r.key)).map((r) => [r.key, r])).values()];
  versions.push(...alone.map((r) => withoutImplausibleYear(fromDblp(r, dblpTime, person?.pid), notes.dblp, runAt)));
  return { versions: versions.filter((v) => !v.withdrawn), notes, conflicts };
}
