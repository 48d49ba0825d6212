/**
 * Groups source versions into works. First by identifiers (arXiv ID, DOI);
 * only then by words, and only with corroboration: very similar titles, at
 * least one shared author, years close. Words only join a copy (a preprint,
 * a CoRR or ePrint record) to its work, never two published records. A merge that would put two different
 * arXiv IDs, two DOIs or two published records in one work is refused and
 * reported: a false link is worse than a missing one. Refusals are reported
 * grouped, not paired: one conflict for the records that share an identifier
 * or a title, however many they are; and a title shared by more than
 * MAX_SAME_TITLE records ("Preface", "Editorial") links none of them by words.
 */
import { sameName } from '../text/name-similarity.ts';
import type { SourceVersion } from './source-version.ts';
import { TitleIndex } from './title-index.ts';
import { formsSimilarity, titleForms } from './title-forms.ts';

/** Titles at least this similar (Dice over content words) may be the same paper. */
export const TITLE_MATCH = 0.9;
/** Years at most this far apart (a preprint's year vs the venue's). */
export const YEAR_WINDOW = 2;
/** A preprint may come this many years before its published version (a journal version's review is slow). */
export const PREPRINT_LEAD = 4;

/** More records than this with one title are not linked by that title alone (a generic title: "Preface"). */
export const MAX_SAME_TITLE = 20;

export interface LinkConflict {
  /** The records left apart, sorted (two or more). */
  readonly versions: readonly string[];
  readonly reason: string;
}

interface Group {
  parent: number;
  arxiv: Set<string>;
  doi: Set<string>;
  published: Set<string>;
}

export function sharesAuthor(a: readonly { name: string }[], b: readonly { name: string }[]): boolean {
  return a.some((x) => b.some((y) => sameName(x.name, y.name)));
}

export function yearsClose(a: number | undefined, b: number | undefined): boolean {
  return a === undefined || b === undefined || Math.abs(a - b) <= YEAR_WINDOW;
}

/** A copy's year (preprint, CoRR, ePrint) against its work's: up to PREPRINT_LEAD years before, YEAR_WINDOW after. */
export function copyYearsClose(copy: number | undefined, work: number | undefined): boolean {
  return copy === undefined || work === undefined || (work - copy <= PREPRINT_LEAD && copy - work <= YEAR_WINDOW);
}

/** dblp record types that are works of their own whatever their title: a thesis, a data set. */
export const OWN_WORK_TYPES: ReadonlySet<string> = new Set(['phdthesis', 'mastersthesis', 'data']);

export function groupVersions(input: readonly SourceVersion[]): { groups: SourceVersion[][]; conflicts: LinkConflict[] } {
  const versions = [...input].sort((a, b) => (a.vid < b.vid ? -1 : a.vid > b.vid ? 1 : 0));
  const g: Group[] = versions.map((v) => ({
    parent: -1,
    arxiv: new Set(v.arxiv ? [v.arxiv] : []),
    doi: new Set(v.doi ? [v.doi] : []),
    published: new Set(v.kind === 'published' ? [v.vid] : []),
  }));
  const find = (i: number): number => {
    let r = i;
    while ((g[r]?.parent ?? -1) >= 0) r = g[r]!.parent;
    while (i !== r) {
      const next = g[i]!.parent;
      g[i]!.parent = r;
      i = next;
    }
    return r;
  };
  // Refusals grouped by what the records share (an identifier, a title): one conflict each, its first reason and how many more.
  const refusals = new Map<string, { versions: Set<string>; reason: string; more: number }>();
  let group = '';
  const refuse = (i: number, j: number, reason: string) => {
    const key = group || [versions[i]!.vid, versions[j]!.vid].sort().join('|');
    const r = refusals.get(key);
    if (r) {
      r.more += r.versions.has(versions[i]!.vid) && r.versions.has(versions[j]!.vid) && r.reason === reason ? 0 : 1;
      r.versions.add(versions[i]!.vid).add(versions[j]!.vid);
    } else refusals.set(key, { versions: new Set([versions[i]!.vid, versions[j]!.vid]), reason, more: 0 });
  };
  const union = (i: number, j: number, why: string): boolean => {
    const a = find(i);
    const b = find(j);
    if (a === b) return true;
    const A = g[a]!;
    const B = g[b]!;
    const differ = (x: Set<string>, y: Set<string>) => x.size > 0 && y.size > 0 && [...y].some((v) => !x.has(v));
    if (differ(A.arxiv, B.arxiv)) return refuse(i, j, `${why}, but their arXiv IDs differ (${[...A.arxiv, ...B.arxiv].join(' vs ')})`), false;
    if (differ(A.doi, B.doi)) return refuse(i, j, `${why}, but their DOIs differ (${[...A.doi, ...B.doi].join(' vs ')})`), false;
    if (A.published.size > 0 && B.published.size > 0) return refuse(i, j, `${why}, but both are published records (${[...A.published, ...B.published].join(', ')})`), false;
    const [root, child] = a < b ? [a, b] : [b, a];
    g[child]!.parent = root;
    for (const k of ['arxiv', 'doi', 'published'] as const) for (const v of g[child]![k]) g[root]![k].add(v);
    return true;
  };

  /** Could these two groups be one work (no two arXiv IDs, DOIs or published records)? */
  const compatible = (a: number, b: number): boolean => {
    const [A, B] = [g[a]!, g[b]!];
    const differ = (x: Set<string>, y: Set<string>) => x.size > 0 && y.size > 0 && [...y].some((v) => !x.has(v));
    return !differ(A.arxiv, B.arxiv) && !differ(A.doi, B.doi) && !(A.published.size > 0 && B.published.size > 0);
  };

  // 1. Identifiers.
  const byArxiv = new Map<string, number>();
  const byDoi = new Map<string, number>();
  versions.forEach((v, i) => {
    if (v.arxiv !== undefined) {
      const j = byArxiv.get(v.arxiv);
      group = `arxiv:${v.arxiv}`;
      if (j === undefined) byArxiv.set(v.arxiv, i);
      else union(j, i, `same arXiv ID ${v.arxiv}`);
    }
    if (v.doi !== undefined) {
      const j = byDoi.get(v.doi);
      group = `doi:${v.doi}`;
      if (j === undefined) byDoi.set(v.doi, i);
      else union(j, i, `same DOI ${v.doi}`);
    }
  });
  group = '';

  // 2. Words, with corroboration, through the blocking index. A work with no
  // published record yet (an arXiv entry, a CoRR or ePrint copy) joins a work it
  // can be one with (never two arXiv IDs, two DOIs, two published records) whose
  // title is near-identical, that shares an author, and whose year is close for a
  // copy (a preprint may come up to PREPRINT_LEAD years before its publication);
  // a subtitle one of them drops is allowed for (title-forms.ts).
  // Where several qualify: a published work first, then the better title, the
  // nearer year, the earlier year. A thesis or a data set is a work of its own:
  // never grouped by words.
  const hasPublished = (i: number) => g[find(i)]!.published.size > 0;
  const hasArxiv = (i: number) => g[find(i)]!.arxiv.size > 0;
  const wordable = (v: SourceVersion) => !OWN_WORK_TYPES.has(v.recordType ?? '');
  // A copy with an arXiv ID can only join a work without one, so it looks in an index
  // of those; the whole index is built only when a copy without an arXiv ID (an ePrint)
  // is looking.
  const indexOf = (include: (i: number) => boolean) => {
    const index = new TitleIndex<number>();
    const items = versions.flatMap((v, i) => (wordable(v) && include(i) ? [i] : []));
    for (const i of items) for (const t of titleForms(versions[i]!)) index.count(t);
    for (const i of items) for (const t of titleForms(versions[i]!)) index.add(t, i);
    return index;
  };
  const seeking = (v: SourceVersion, i: number) => v.kind !== 'published' && !hasPublished(i) && wordable(v);
  const withoutArxiv = indexOf((i) => !hasArxiv(i));
  const everyWork = versions.some((v, i) => seeking(v, i) && !hasArxiv(i)) ? indexOf(() => true) : withoutArxiv;
  versions.forEach((v, i) => {
    if (!seeking(v, i)) return;
    const index = hasArxiv(i) ? withoutArxiv : everyWork;
    const forms = titleForms(v);
    const fits = [...new Set(forms.flatMap((t) => index.lookup(t)))]
      .filter((j) => find(j) !== find(i) && compatible(find(i), find(j)))
      .map((j) => ({ j, w: versions[j]!, sim: formsSimilarity(forms, titleForms(versions[j]!)) }))
      .filter(({ w, sim }) => sim >= TITLE_MATCH && copyYearsClose(v.year, w.year) && sharesAuthor(v.authors, w.authors));
    const gap = (w: SourceVersion) => (v.year === undefined || w.year === undefined ? 0 : Math.abs(v.year - w.year));
    fits.sort((a, b) => Number(hasPublished(b.j)) - Number(hasPublished(a.j)) || b.sim - a.sim || gap(a.w) - gap(b.w) || (a.w.year ?? 0) - (b.w.year ?? 0) || a.j - b.j);
    const best = fits[0];
    if (best) union(i, best.j, `"${v.title}" (${v.vid}) and "${best.w.title}" (${best.w.vid}) have near-identical titles (similarity ${best.sim.toFixed(2)}) and share authors`);
  });

  // 3. Works left apart by their identifiers although their titles are the same
  // and they share authors: reported (a duplicate upload, a wrong DOI), never merged.
  // A conference paper and its journal version, or a paper and a thesis, are
  // different works that may share a title: not reported.
  const byTitle = new Map<string, number[]>();
  versions.forEach((v, i) => {
    const same = byTitle.get(v.normTitle);
    if (same) same.push(i);
    else byTitle.set(v.normTitle, [i]);
  });
  // The record type of each work's published record (after steps 1 and 2).
  const publishedType = new Map<number, string>();
  versions.forEach((v, i) => {
    if (v.kind === 'published') publishedType.set(find(i), v.recordType ?? '');
  });
  const otherKinds = (i: number, j: number) => {
    const [a, b] = [publishedType.get(find(i)), publishedType.get(find(j))];
    return a !== undefined && b !== undefined && a !== b;
  };
  for (const [title, same] of byTitle) {
    group = `title:${title}`;
    if (same.length > MAX_SAME_TITLE) {
      // Too many to be one paper's versions: none is linked by this title; said once, as one group.
      const apart = new Set(same.map((i) => find(i)));
      if (apart.size > 1) {
        const t = versions[same[0]!]!.title;
        refusals.set(group, { versions: new Set(same.map((i) => versions[i]!.vid)), reason: `${same.length} records have the title "${t.length > 200 ? `${t.slice(0, 200)}…` : t}" (more than ${MAX_SAME_TITLE}): not linked by that title alone, left apart`, more: 0 });
      }
      continue;
    }
    for (let a = 0; a < same.length; a++) {
      for (let b = a + 1; b < same.length; b++) {
        const [i, j] = [same[a]!, same[b]!];
        const [v, w] = [versions[i]!, versions[j]!];
        if (find(i) === find(j) || !yearsClose(v.year, w.year) || !sharesAuthor(v.authors, w.authors)) continue;
        if (!wordable(v) || !wordable(w) || otherKinds(i, j)) continue;
        union(i, j, `"${v.title}" (${v.vid}) and "${w.title}" (${w.vid}) have the same title and share authors`);
      }
    }
  }
  group = '';
  const conflicts: LinkConflict[] = [...refusals.values()].map((r) => ({
    versions: [...r.versions].sort(),
    reason: r.more > 0 ? `${r.reason} (and ${r.more} more such ${r.more === 1 ? 'refusal' : 'refusals'} among these ${r.versions.size} records)` : r.reason,
  }));

  const groups = new Map<number, SourceVersion[]>();
  versions.forEach((v, i) => {
    const r = find(i);
    const list = groups.get(r);
    if (list) list.push(v);
    else groups.set(r, [v]);
  });
  return { groups: [...groups.values()], conflicts };
}
