/**
 * Matches groups of source versions to canonical records: by the identifiers
 * the owner wrote, else by the guarded word rule (very similar title, a shared
 * co-author, close years). One group per record and one record per group;
 * ties are not broken by guessing: they are reported.
 */
import type { CanonicalPublication } from '../canonical/cv-schema.ts';
import { doiKey } from '../ids/doi.ts';
import { sameName } from '../text/name-similarity.ts';
import { normalizeTitle, titleSimilarity } from '../text/normalize-title.ts';
import { TITLE_MATCH, yearsClose } from './group-versions.ts';
import type { People } from './owner.ts';
import type { SourceVersion } from './source-version.ts';
import { TitleIndex } from './title-index.ts';

export interface CanonicalMatch {
  /** canonical index → group index */
  readonly links: Map<number, number>;
  /** How each link was made. */
  readonly how: Map<number, string>;
  readonly problems: Array<{ readonly canonical: number; readonly groups: readonly number[]; readonly reason: string }>;
}

/** Ties within this margin are ambiguous. */
const TIE = 0.02;

function corroborated(pub: CanonicalPublication, v: SourceVersion, people: People): boolean {
  const co = pub.authors.filter((a) => !a.owner);
  if (co.length === 0) return v.authors.some((a) => people.isOwner(a));
  return co.some((c) => v.authors.some((a) => !people.isOwner(a) && sameName(c.name, a.name)));
}

export function matchCanonical(pubs: readonly CanonicalPublication[], groups: readonly SourceVersion[][], people: People): CanonicalMatch {
  const links = new Map<number, number>();
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
  const index = new TitleIndex<number>();
  const titlesOf = groups.map((g) => [...new Set(g.map((v) => v.normTitle))]);
  for (const ts of titlesOf) for (const t of ts) index.count(t);
  titlesOf.forEach((ts, gi) => ts.forEach((t) => index.add(t, gi)));
  const scored: Array<{ ci: number; gi: number; score: number }> = [];
  pubs.forEach((p, ci) => {
    if (links.has(ci)) return;
    const norm = normalizeTitle(p.title);
    for (const gi of index.lookup(norm)) {
      if (taken.has(gi)) continue;
      let best = 0;
      for (const v of groups[gi]!) {
        if (!yearsClose(p.year, v.year)) continue;
        const sim = titleSimilarity(norm, v.normTitle);
        if (sim > best && sim >= TITLE_MATCH && corroborated(p, v, people)) best = sim;
      }
      if (best >= TITLE_MATCH) scored.push({ ci, gi, score: best });
    }
  });
  scored.sort((a, b) => b.score - a.score || a.ci - b.ci || a.gi - b.gi);
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
  for (const s of scored) {
    const rivals = [...(byCi.get(s.ci) ?? []), ...(byGi.get(s.gi) ?? [])].filter((o) => o !== s && Math.abs(o.score - s.score) <= TIE);
    if (rivals.length > 0) {
      const key = `${s.ci}`;
      if (!ambiguous.has(key)) {
        ambiguous.add(key);
        problems.push({ canonical: s.ci, groups: [s.gi, ...rivals.map((r) => r.gi)], reason: 'several works in the sources match this record equally well; none was linked' });
      }
      continue;
    }
    if (links.has(s.ci) || taken.has(s.gi)) continue;
    links.set(s.ci, s.gi);
    how.set(s.ci, `title similarity ${s.score.toFixed(2)}, shared co-author, close years`);
    taken.add(s.gi);
  }
  return { links, how, problems };
}
