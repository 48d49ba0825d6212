/**
 * Groups source versions into works. First by identifiers (arXiv ID, DOI);
 * only then by words, and only with corroboration: very similar titles, at
 * least one shared author, years close. A merge that would put two different
 * arXiv IDs, two DOIs or two published records in one work is refused and
 * reported: a false link is worse than a missing one. Refusals are reported
 * grouped, not paired: one conflict for the records that share an identifier
 * or a title, however many they are; and a title shared by more than
 * MAX_SAME_TITLE records ("Preface", "Editorial") links none of them by words.
 */
import { sameName } from '../text/name-similarity.ts';
import { titleSimilarity } from '../text/normalize-title.ts';
import type { SourceVersion } from './source-version.ts';
import { TitleIndex } from './title-index.ts';

/** Titles at least this similar (Dice over content words) may be the same paper. */
export const TITLE_MATCH = 0.9;
/** Years at most this far apart (a preprint's year vs the venue's). */
export const YEAR_WINDOW = 2;

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

  // 2. Words, with corroboration, through the blocking index. After step 1 a work
  // with an arXiv ID can only still gain a published record without one (two
  // arXiv IDs or two published records never merge), so only those pairs are
  // compared: published-only works are indexed, arXiv works without a published
  // record look them up.
  const hasArxiv = (i: number) => g[find(i)]!.arxiv.size > 0;
  const hasPublished = (i: number) => g[find(i)]!.published.size > 0;
  const index = new TitleIndex<number>();
  const indexed: number[] = [];
  versions.forEach((v, i) => {
    if (!hasArxiv(i)) {
      indexed.push(i);
      index.count(v.normTitle);
    }
  });
  for (const i of indexed) index.add(versions[i]!.normTitle, i);
  versions.forEach((v, i) => {
    if (!hasArxiv(i) || hasPublished(i)) return;
    for (const j of index.lookup(v.normTitle)) {
      if (find(i) === find(j) || hasPublished(i)) continue;
      const w = versions[j]!;
      const sim = titleSimilarity(v.normTitle, w.normTitle);
      if (sim < TITLE_MATCH || !yearsClose(v.year, w.year) || !sharesAuthor(v.authors, w.authors)) continue;
      union(i, j, `"${v.title}" (${v.vid}) and "${w.title}" (${w.vid}) have near-identical titles (similarity ${sim.toFixed(2)}) and share authors`);
    }
  });

  // 3. Works left apart by their identifiers although their titles are the same
  // and they share authors: reported (a duplicate upload, a wrong DOI), never merged.
  const byTitle = new Map<string, number[]>();
  versions.forEach((v, i) => {
    const same = byTitle.get(v.normTitle);
    if (same) same.push(i);
    else byTitle.set(v.normTitle, [i]);
  });
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
