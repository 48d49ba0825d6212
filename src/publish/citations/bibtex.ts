/**
 * publications.bib: each work as what its canonical record says it is. A
 * preprint is an arXiv preprint (@misc with eprint, archivePrefix and
 * primaryClass, the form arXiv's own export uses); a conference, workshop or
 * demo paper is @inproceedings in the proceedings' full name; a journal paper
 * @article. Identifiers go in their fields (doi, eprint), raw; titles keep the
 * owner's capitalisation (braced).
 */
import type { PublishedProfile } from '../../model/profile.ts';
import { bibDoi, bibEntry, bibKey, bibName, bibText, bibUrl, type BibField } from './bibtex-text.ts';
import { citedWork, type CitedWork } from './cited-work.ts';

const IN_PROCEEDINGS = new Set<CitedWork['kind']>(['conference', 'workshop', 'demo']);

/** The entry type and the field that names where the work appeared. */
export function bibTypeOf(c: CitedWork): { type: string; venue: BibField } {
  if (IN_PROCEEDINGS.has(c.kind)) return { type: 'inproceedings', venue: ['booktitle', bibText(c.venueName)] };
  if (c.kind === 'journal') return { type: 'article', venue: ['journal', bibText(c.venueName)] };
  if (c.kind === 'book-chapter') return { type: 'incollection', venue: ['booktitle', bibText(c.venueName)] };
  if (c.kind === 'preprint') return { type: 'misc', venue: ['howpublished', c.arxiv ? `arXiv preprint arXiv:${bibText(c.arxiv)}` : 'arXiv preprint'] };
  return { type: 'misc', venue: ['howpublished', bibText(c.venueLabel)] };
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
  return bibEntry(type, bibKey(c.id), [
    ['author', c.authors.map((a) => bibName(a)).join(' and ')],
    ['title', `{${bibText(c.title)}}`],
    venue,
    ['year', String(c.year)],
    ...bibIdFields(c),
    ['note', c.equalNote ? bibText(c.equalNote) : undefined],
  ]);
}

export function toBibtex(profile: PublishedProfile): string {
  const entries = profile.publications.map((w) => bibtexEntry(citedWork(w)));
  return `% ${bibText(profile.person.name)}: publications (profile-sync, run ${profile.runId})\n\n${entries.join('\n\n')}\n`;
}
