/**
 * publications.bib: each work as what its canonical record says it is. A
 * preprint is an arXiv preprint (@misc with eprint, archivePrefix and
 * primaryClass, the form arXiv's own export uses); a conference, workshop or
 * demo paper is @inproceedings in the proceedings' full name; a journal paper
 * @article. Identifiers go in their fields (doi, eprint), raw; titles keep the
 * owner's capitalisation where case matters (bibTitle braces those words).
 * Equal contribution: "*" after the family name, the legend in annotation.
 */
import type { PublishedProfile } from '../../model/profile.ts';
import { bibDoi, bibEntry, bibKey, bibName, bibText, bibTitle, bibUrl, type BibField } from './bibtex-text.ts';
import { citedWork, EQUAL_CONTRIBUTION_LEGEND, type CitedWork } from './cited-work.ts';

const IN_PROCEEDINGS = new Set<CitedWork['kind']>(['conference', 'workshop', 'demo']);

/** The entry type and the field that names where the work appeared. */
export function bibTypeOf(c: CitedWork, text: (s: string) => string = bibText): { type: string; venue: BibField } {
  if (IN_PROCEEDINGS.has(c.kind)) return { type: 'inproceedings', venue: ['booktitle', text(c.venueName)] };
  if (c.kind === 'journal') return { type: 'article', venue: ['journal', text(c.venueName)] };
  if (c.kind === 'book-chapter') return { type: 'incollection', venue: ['booktitle', text(c.venueName)] };
  if (c.kind === 'preprint') return { type: 'misc', venue: ['howpublished', c.arxiv ? `arXiv preprint arXiv:${text(c.arxiv)}` : 'arXiv preprint'] };
  return { type: 'misc', venue: ['howpublished', text(c.venueLabel)] };
}

/**
 * The authors, equal contribution marked as al-folio and most CVs mark it: "*"
 * after the family name (BibTeX prints "Song Park*"), the legend in annotation
 * (a field the citation styles do not print), never a note a style would print.
 */
export function bibAuthors(c: CitedWork, text: (s: string) => string = bibText): BibField[] {
  return [
    ['author', c.authors.map((a) => bibName(a, a.equalContribution ? '*' : '', text)).join(' and ')],
    ['annotation', annotationOf(c) ? text(annotationOf(c)) : undefined],
  ];
}

/** The owner's annotation and the equal-contribution legend, as one remark. */
export function annotationOf(c: CitedWork): string {
  return [c.work.annotation, c.work.hasEqualContribution ? EQUAL_CONTRIBUTION_LEGEND : undefined].filter((x): x is string => x !== undefined).join(' — ');
}

/** The identifier fields every .bib of ours writes: doi, eprint/archivePrefix/primaryClass, url. */
export function bibIdFields(c: CitedWork): BibField[] {
  return [
    ['doi', c.doi ? bibDoi(c.doi) : undefined],
    ['eprint', c.arxiv ? bibText(c.arxiv) : undefined],
    ['archivePrefix', c.arxiv ? 'arXiv' : undefined],
    ['primaryClass', c.arxivCategory ? bibText(c.arxivCategory) : undefined],
    ['url', c.url ? bibUrl(c.url) : undefined],
  ];
}

export function bibtexEntry(c: CitedWork): string {
  const { type, venue } = bibTypeOf(c);
  const [author, annotation] = bibAuthors(c);
  return bibEntry(type, bibKey(c.id), [author!, ['title', bibTitle(c.title)], venue, ['year', String(c.year)], ...bibIdFields(c), annotation!]);
}

export function toBibtex(profile: PublishedProfile): string {
  const entries = profile.publications.map((w) => bibtexEntry(citedWork(w)));
  return `% ${bibText(profile.person.name)}: publications (profile-sync, run ${profile.runId})\n\n${entries.join('\n\n')}\n`;
}
