/**
 * Matches groups of source versions to canonical records: by the identifiers
 * the owner wrote, else by the guarded word rule (very similar title — the
 * whole title, or its main title when one side drops the subtitle — a shared
 * co-author, close years). One group per record and one record per group.
 * Records with the same title are told apart by what the CV says besides the
 * title: the kind of work, the venue, the year (work-fit.ts); a thesis never
 * matches a paper. Ties left after that are not broken by guessing: they are
 * reported. A record linked by its identifier also takes the one group that
 * matches it by words and can be the same work (a CoRR copy under an old title
 * and the published paper under the CV's): one work, many versions.
 */
import type { CanonicalPublication } from '../canonical/cv-schema.ts';
import { doiKey } from '../ids/doi.ts';
import { sameName } from '../text/name-similarity.ts';
import { mainTitleOf, normalizeTitle } from '../text/normalize-title.ts';
import { TITLE_MATCH, yearsClose } from './group-versions.ts';
import type { People } from './owner.ts';
import type { SourceVersion } from './source-version.ts';
import { formsSimilarity, titleForms } from './title-forms.ts';
import { TitleIndex } from './title-index.ts';
import { fitOf, kindAllowed } from './work-fit.ts';

export interface CanonicalMatch {
  /** canonical index → group index */
  readonly links: Map<number, number>;
  /**
   * canonical index → further groups that are versions of the same work: a record linked by the
   * identifier the CV gives (a CoRR copy under another title) also takes the published record
   * that matches the CV by words, when the two can be one work (no two arXiv IDs, DOIs or
   * published records).
   */
  readonly joined: Map<number, number[]>;
  /** How each link was made. */
  readonly how: Map<number, string>;
  readonly problems: Array<{ readonly canonical: number; readonly groups: readonly number[]; readonly reason: string }>;
}

/** Ties within this margin are ambiguous. */
const TIE = 0.02;

export function corroborated(pub: CanonicalPublication, v: SourceVersion, people: People): boolean {
  const co = pub.authors.filter((a) => !a.owner);
  if (co.length === 0) return v.authors.some((a) => people.isOwner(a));
  return co.some((c) => v.authors.some((a) => !people.isOwner(a) && sameName(c.name, a.name)));
}

/** Title similarity of a CV title to a version: whole to whole, or one side's main title to the other's whole title. */
export function cvTitleSimilarity(cvNorm: string, cvMain: string | undefined, v: SourceVersion): number {
  return formsSimilarity(cvMain === undefined ? [cvNorm] : [cvNorm, cvMain], titleForms(v));
}

/** The blocking index over every title form of every group. */
export function groupTitleIndex(groups: readonly SourceVersion[][]): TitleIndex<number> {
  const index = new TitleIndex<number>();
  const titlesOf = groups.map((g) => [...new Set(g.flatMap((v) => titleForms(v)))]);
  for (const ts of titlesOf) for (const t of ts) index.count(t);
  titlesOf.forEach((ts, gi) => ts.forEach((t) => index.add(t, gi)));
  return index;
}

/** Groups whose titles may be the CV title's (the blocking lookup, for the whole title and the main title). */
export function lookupCv(index: TitleIndex<number>, pub: CanonicalPublication): { norm: string; main: string | undefined; groups: number[] } {
  const norm = normalizeTitle(pub.title);
  const main = mainTitleOf(pub.title);
  const groups = [...new Set([...index.lookup(norm), ...(main ? index.lookup(main) : [])])];
  return { norm, main, groups };
}

export function matchCanonical(pubs: readonly CanonicalPublication[], groups: readonly SourceVersion[][], people: People): CanonicalMatch {
  const links = new Map<number, number>();
  const joined = new Map<number, number[]>();
  const how = new Map<number, string>();
  const problems: CanonicalMatch['problems'] = [];
  const taken = new Set<number>();

  // 1. Identifiers the owner wrote.
  const byId = new Map<string, number>();
  groups.forEach((g, gi) => {
    for (const v of g) {
      if (v.arxiv) byId.set(`arxiv:${v.arxiv}`, gi);
      if (v.doi) byId.set(`doi:${v.doi}`, gi);
      if (v.dblpKey) byId.set(`dblp:${v.dblpKey}`, gi);
    }
  });
  pubs.forEach((p, ci) => {
    const ids = p.ids ?? {};
    const hits = [
      ids.arxiv ? byId.get(`arxiv:${ids.arxiv}`) : undefined,
      ids.doi ? byId.get(`doi:${doiKey(ids.doi)}`) : undefined,
      ids.dblp ? byId.get(`dblp:${ids.dblp}`) : undefined,
    ].filter((x): x is number => x !== undefined);
    const distinct = [...new Set(hits)];
    if (distinct.length > 1) problems.push({ canonical: ci, groups: distinct, reason: 'the identifiers written in the CV point at different works in the sources' });
    const gi = distinct[0];
    if (gi !== undefined && !taken.has(gi)) {
      links.set(ci, gi);
      how.set(ci, 'identifier written in the CV');
      taken.add(gi);
    }
  });

  // 2. Words, guarded. Candidates come from the blocking index, never all pairs.
  const index = groupTitleIndex(groups);
  const scored: Array<{ ci: number; gi: number; score: number; fit: number }> = [];
  // Records linked by identifier to a work with no published record may still take one (3. below).
  const byIdentifier = new Set([...links].filter(([, gi]) => !groups[gi]!.some((v) => v.kind === 'published')).map(([ci]) => ci));
  pubs.forEach((p, ci) => {
    if (links.has(ci) && !byIdentifier.has(ci)) return;
    const { norm, main, groups: near } = lookupCv(index, p);
    for (const gi of near) {
      if (taken.has(gi)) continue;
      let best = 0;
      let fit = 0;
      for (const v of groups[gi]!) {
        if (!yearsClose(p.year, v.year) || !kindAllowed(p, v)) continue;
        const sim = cvTitleSimilarity(norm, main, v);
        if (sim < TITLE_MATCH || !corroborated(p, v, people)) continue;
        best = Math.max(best, sim);
        fit = Math.max(fit, fitOf(p, v));
      }
      if (best >= TITLE_MATCH) scored.push({ ci, gi, score: best, fit });
    }
  });
  scored.sort((a, b) => b.score - a.score || b.fit - a.fit || a.ci - b.ci || a.gi - b.gi);
  const byCi = new Map<number, typeof scored>();
  const byGi = new Map<number, typeof scored>();
  for (const s of scored) {
    for (const [map, key] of [[byCi, s.ci], [byGi, s.gi]] as const) {
      const list = map.get(key);
      if (list) list.push(s);
      else map.set(key, [s]);
    }
  }
  const ambiguous = new Set<string>();
  // 3. A record linked by its identifier takes, besides, the best word match that can be the same work.
  for (const s of scored) {
    if (!byIdentifier.has(s.ci) || taken.has(s.gi) || joined.has(s.ci)) continue;
    const own = groups[links.get(s.ci)!]!;
    if (!oneWork(own, groups[s.gi]!)) continue;
    // Not when another CV work matches that record as well: it may be that work's.
    if ((byGi.get(s.gi) ?? []).some((o) => o.ci !== s.ci && !byIdentifier.has(o.ci) && o.score >= s.score - TIE)) continue;
    joined.set(s.ci, [s.gi]);
    taken.add(s.gi);
  }
  for (const s of scored) {
    if (links.has(s.ci) || taken.has(s.gi)) continue;
    // Rivals: other pairings still open for this record or this group, as good on title.
    const rivals = [...(byCi.get(s.ci) ?? []), ...(byGi.get(s.gi) ?? [])].filter((o) => o !== s && Math.abs(o.score - s.score) <= TIE && !links.has(o.ci) && !taken.has(o.gi));
    // A rival the CV's kind, venue or year says fits better is taken first (it comes first in this order, or is for another record).
    if (rivals.some((o) => o.fit > s.fit)) continue;
    const equal = rivals.filter((o) => o.fit === s.fit);
    if (equal.length > 0) {
      const key = `${s.ci}`;
      if (!ambiguous.has(key)) {
        ambiguous.add(key);
        problems.push({ canonical: s.ci, groups: [s.gi, ...equal.map((r) => r.gi)], reason: 'several works in the sources match this record equally well; none was linked' });
      }
      continue;
    }
    links.set(s.ci, s.gi);
    how.set(s.ci, `title similarity ${s.score.toFixed(2)}, shared co-author, close years`);
    taken.add(s.gi);
  }
  return { links, joined, how, problems };
}

/** Could two groups be one work: no two arXiv IDs, two DOIs or two published records? */
function oneWork(a: readonly SourceVersion[], b: readonly SourceVersion[]): boolean {
  const apart = (pick: (v: SourceVersion) => string | undefined) => {
    const x = new Set(a.map(pick).filter((v) => v !== undefined));
    const y = new Set(b.map(pick).filter((v) => v !== undefined));
    return x.size > 0 && y.size > 0 && [...y].some((v) => !x.has(v));
  };
  const published = (g: readonly SourceVersion[]) => g.some((v) => v.kind === 'published');
  return !apart((v) => v.arxiv) && !apart((v) => v.doi) && !(published(a) && published(b));
}
