/**
 * Accepting a candidate writes it into cv.json as a canonical record, so the
 * CV stays the complete truth: a stable id (the work id the published profile
 * already uses), the title, the authors with the owner marked, the venue label
 * in the owner's style, the kind and the IDs. The record is inserted with a
 * minimal edit (src/canonical/json-edit.ts) where the CV keeps such works:
 * peer-reviewed works newest first, then preprints newest first.
 */
import type { CanonicalCv, CanonicalPublication } from '../canonical/cv-schema.ts';
import { insertArrayItem } from '../canonical/json-edit.ts';
import type { CandidateItem } from '../model/report.ts';
import { sameName } from '../text/name-similarity.ts';
import { normalizeName, stripDblpSuffix } from '../text/normalize-name.ts';
import { ReviewError } from './pending.ts';
import { labelStyleOf, sourceVenueLabel } from '../text/venue-names.ts';
import { kindOfDblpRecord } from './accept-version.ts';

const idsOf = (c: CandidateItem, kind: string) => c.evidence.ids.filter((i) => i.startsWith(`${kind}:`)).map((i) => i.slice(kind.length + 1));

/** What kind of work a candidate is, from its dblp key (conf/, journals/; CoRR or arXiv only: a preprint). */
function kindOf(c: CandidateItem): { kind: CanonicalPublication['kind']; published: string | undefined } {
  const published = idsOf(c, 'dblp').find((k) => !k.startsWith('journals/corr/'));
  const kind: CanonicalPublication['kind'] = published ? kindOfDblpRecord(published, c.venue ?? '') : 'preprint';
  return { kind, published };
}


/** The candidate's venue as the owner would write it: "ECCV'22", "arXiv'26". */
export function candidateVenueLabel(c: CandidateItem): string {
  return sourceVenueLabel(c.venue, c.year, kindOf(c).kind === 'preprint');
}

/** The canonical record of an accepted candidate. */
export function candidateRecord(cv: CanonicalCv, c: CandidateItem): CanonicalPublication {
  const dblpKeys = idsOf(c, 'dblp');
  const { kind, published } = kindOf(c);
  const forms = new Set([cv.person.name, ...cv.person.nameVariants].map(normalizeName));
  const names = c.authors.map(stripDblpSuffix);
  let owner = names.findIndex((n) => forms.has(normalizeName(n)));
  if (owner < 0) owner = names.findIndex((n) => sameName(n, cv.person.name));
  if (owner < 0) throw new ReviewError(`${c.id}: the owner is not among its authors (${c.authors.join(', ')}); add it to cv.json by hand`);
  const authors = names.map((name, i) =>
    i === owner ? { name: forms.has(normalizeName(name)) ? name : cv.person.name, owner: true as const } : { name },
  );
  const year = c.year;
  if (year === undefined) throw new ReviewError(`${c.id}: the sources give no year; add it to cv.json by hand`);
  const arxiv = idsOf(c, 'arxiv')[0];
  const doi = idsOf(c, 'doi')[0];
  const dblp = published ?? dblpKeys[0];
  const ids = { ...(arxiv ? { arxiv } : {}), ...(doi ? { doi } : {}), ...(dblp ? { dblp } : {}) };
  return {
    id: uniqueId(cv, c.workId),
    kind,
    venue: sourceVenueLabel(c.venue, year, kind === 'preprint', labelStyleOf(cv.publications.map((p) => p.venue))),
    year,
    title: c.title,
    authors,
    ...(Object.keys(ids).length > 0 ? { ids } : {}),
  };
}

function uniqueId(cv: CanonicalCv, wanted: string): string {
  const taken = new Set([...cv.publications, ...cv.talks, ...cv.experience, ...cv.education].map((x) => x.id));
  let id = wanted;
  for (let n = 2; taken.has(id); n++) id = `${wanted}-${n}`;
  return id;
}

/** The work of a candidate is already in the records (by id or by one of its IDs): nothing to insert. */
export function isInCv(cv: CanonicalCv, c: CandidateItem): boolean {
  const ids = new Set(c.evidence.ids.map((i) => (i.startsWith('doi:') ? i.toLowerCase() : i)));
  return cv.publications.some(
    (p) => p.id === c.workId || (p.ids?.arxiv && ids.has(`arxiv:${p.ids.arxiv}`)) || (p.ids?.doi && ids.has(`doi:${p.ids.doi.toLowerCase()}`)) || (p.ids?.dblp && ids.has(`dblp:${p.ids.dblp}`)),
  );
}

/** Where the record goes: before the first work of its section that is not newer (the CV's order). */
function insertionIndex(cv: CanonicalCv, record: CanonicalPublication): number {
  const preprint = (p: CanonicalPublication) => p.kind === 'preprint';
  const i = cv.publications.findIndex((p) => (preprint(record) ? preprint(p) && p.year <= record.year : preprint(p) || p.year <= record.year));
  return i < 0 ? cv.publications.length : i;
}

/** cv.json with the candidate's record inserted (only that insertion changes the text). */
export function insertCandidate(cvText: string, cv: CanonicalCv, c: CandidateItem): string {
  const record = candidateRecord(cv, c);
  return insertArrayItem(cvText, ['publications'], record, insertionIndex(cv, record));
}
