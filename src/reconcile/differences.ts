/**
 * Upstream differences: where the version a canonical work cites writes its
 * title, authors or identifiers differently. The cited version is the
 * published record when the CV names a venue (any work but a preprint), the
 * arXiv entry (else the CoRR or ePrint record) for a preprint; a work with
 * only other versions is compared with the best of them. Copies are not
 * compared: a CoRR copy's author list is not the paper's. The owner's own
 * listed name forms (person.name, nameVariants) are never a difference.
 * Reported field by field with the canonical value, the source value and
 * where it comes from; never applied.
 */
import type { CanonicalPublication } from '../canonical/cv-schema.ts';
import { doiKey } from '../ids/doi.ts';
import { compareNames } from '../text/name-similarity.ts';
import { normalizeTitle, withoutVersionSuffix } from '../text/normalize-title.ts';
import { shortHash } from './ids.ts';
import type { DifferenceItem } from '../model/report.ts';
import type { People } from './owner.ts';
import type { SourceVersion } from './source-version.ts';

type Draft = Omit<DifferenceItem, 'id' | 'from' | 'decision'> & { from: string };

const where = (v: SourceVersion) => `${v.source} ${v.recordId}`;

function authorDrafts(pub: CanonicalPublication, workId: string, v: SourceVersion, people: People): Draft[] {
  const drafts: Draft[] = [];
  const canon = pub.authors.map((a) => a.name);
  const theirs = v.authors.map((a) => a.name);
  // Pair the owner's entry with the owner in the source (dblp pid, or a name of theirs),
  // then each other canonical author with the same person in the source (any spelling).
  const used = new Set<number>();
  const pairs: Array<[number, number]> = [];
  const ownerAt = pub.authors.findIndex((a) => a.owner);
  const ownerThere = ownerAt >= 0 ? v.authors.findIndex((a) => people.isOwner(a)) : -1;
  if (ownerAt >= 0 && ownerThere >= 0) {
    used.add(ownerThere);
    pairs.push([ownerAt, ownerThere]);
  }
  canon.forEach((c, i) => {
    if (i === ownerAt && ownerThere >= 0) return;
    const exact = theirs.findIndex((t, j) => !used.has(j) && compareNames(c, t) === 'exact');
    const j = exact >= 0 ? exact : theirs.findIndex((t, k) => !used.has(k) && compareNames(c, t) === 'variant');
    if (j >= 0) {
      used.add(j);
      pairs.push([i, j]);
    }
  });
  const base = { workId, workTitle: pub.title, from: where(v) };
  const added = theirs.filter((_, j) => !used.has(j));
  const missing = canon.filter((_, i) => !pairs.some(([ci]) => ci === i));
  if (added.length > 0 || missing.length > 0) {
    drafts.push({
      ...base,
      field: 'authors',
      canonical: canon.join(', '),
      source: theirs.join(', '),
      note: [added.length ? `added: ${added.join(', ')}` : '', missing.length ? `not in the source: ${missing.join(', ')}` : ''].filter(Boolean).join('; '),
    });
  } else if (pairs.some(([i, j]) => i !== j)) {
    drafts.push({ ...base, field: 'authors.order', canonical: canon.join(', '), source: theirs.join(', '), note: 'same authors in a different order' });
  }
  for (const [i, j] of pairs) {
    if (i === ownerAt && people.isListedOwnerForm(theirs[j]!)) continue;
    if (canon[i] !== theirs[j]) {
      drafts.push({ ...base, field: `authors[${i}].name`, canonical: canon[i]!, source: theirs[j]!, note: 'same person, written differently' });
    }
  }
  return drafts;
}

/** The version the CV work cites: see the file comment. */
export function citedVersion(pub: CanonicalPublication, versions: readonly SourceVersion[]): SourceVersion | undefined {
  const order = pub.kind === 'preprint' ? (['preprint', 'corr', 'published'] as const) : (['published', 'preprint', 'corr'] as const);
  for (const kind of order) {
    const v = versions.find((x) => x.kind === kind);
    if (v) return v;
  }
  return undefined;
}

export function upstreamDifferences(pub: CanonicalPublication, workId: string, versions: readonly SourceVersion[], people: People): Omit<DifferenceItem, 'decision'>[] {
  const drafts: Draft[] = [];
  const canonTitle = withoutVersionSuffix(normalizeTitle(pub.title));
  const cited = citedVersion(pub, versions);
  for (const v of cited ? [cited] : []) {
    // A copy's "(Extended Version)" is not a title to take.
    if (withoutVersionSuffix(normalizeTitle(v.title)) !== canonTitle) {
      drafts.push({ workId, workTitle: pub.title, field: 'title', canonical: pub.title, source: v.title, from: where(v), note: v.kind === 'corr' && v.arxiv ? 'dblp keeps the arXiv title of its monthly snapshot' : 'the source uses another title' });
    }
    drafts.push(...authorDrafts(pub, workId, v, people));
  }
  const ids = pub.ids ?? {};
  for (const v of versions) {
    if (ids.arxiv && v.arxiv && v.arxiv !== ids.arxiv) drafts.push({ workId, workTitle: pub.title, field: 'ids.arxiv', canonical: ids.arxiv, source: v.arxiv, from: where(v), note: 'another arXiv ID' });
    if (ids.doi && v.doi && v.doi !== doiKey(ids.doi)) drafts.push({ workId, workTitle: pub.title, field: 'ids.doi', canonical: ids.doi, source: v.doiWritten ?? v.doi, from: where(v), note: 'another DOI' });
  }
  // One item per (field, source value), listing every source that says so.
  const merged = new Map<string, Omit<DifferenceItem, 'decision'>>();
  for (const d of drafts) {
    const key = `${d.field}\u0000${d.source}`;
    const seen = merged.get(key);
    if (seen) merged.set(key, { ...seen, from: [...new Set([...seen.from, d.from])].sort() });
    else merged.set(key, { ...d, id: `diff:${workId}:${d.field}:${shortHash(d.source)}`, from: [d.from] });
  }
  return [...merged.values()];
}
