/**
 * CSL-JSON (what citation processors read), per CSL 1.0.2: a preprint is type
 * "article" with the repository as publisher ("arXiv"), genre "Preprint" and
 * its arXiv identifier as number (the mapping Zotero and the CSL styles use);
 * a conference paper is "paper-conference" in the proceedings' full name
 * (container-title) with the owner's label as container-title-short. The DOI
 * goes in DOI, never the arXiv ID in number of a published paper. Equal
 * contribution is data, not text to print: custom.equalContribution lists the
 * marked authors' names (CSL-JSON's custom object, which no style prints), never
 * note, which styles print (ISO 690, annotated bibliographies).
 */
import type { PublishedProfile } from '../../model/profile.ts';
import { citedWork, type CitedWork } from './cited-work.ts';

/** CSL item types (Hugo Blox's publication_types use them too). */
export const CSL_TYPE: Record<CitedWork['kind'], string> = {
  conference: 'paper-conference',
  workshop: 'paper-conference',
  demo: 'paper-conference',
  journal: 'article-journal',
  preprint: 'article',
  'book-chapter': 'chapter',
  thesis: 'thesis',
  other: 'document',
};

export function cslItem(c: CitedWork): Record<string, unknown> {
  const preprint = c.kind === 'preprint';
  const equal = c.authors.filter((a) => a.equalContribution).map((a) => a.name);
  return {
    id: c.id,
    type: CSL_TYPE[c.kind],
    title: c.title,
    author: c.authors.map((a) => ({ ...(a.given ? { given: a.given } : {}), ...(a.particle ? { 'non-dropping-particle': a.particle } : {}), family: a.family, ...(a.suffix ? { suffix: a.suffix } : {}) })),
    issued: { 'date-parts': [[c.year]] },
    ...(preprint
      ? { publisher: 'arXiv', genre: 'Preprint', ...(c.arxiv ? { number: `arXiv:${c.arxiv}` } : {}) }
      : { 'container-title': c.venueName, 'container-title-short': c.venueLabel }),
    ...(c.doi ? { DOI: c.doi } : {}),
    ...(c.url ? { URL: c.url } : {}),
    ...(c.abstract ? { abstract: c.abstract } : {}),
    // Not in note: styles print note (ISO 690 after the entry, annotated bibliographies as the annotation).
    // CSL-JSON's custom object holds data no style prints; citeproc-js and citation-js carry it along.
    ...(equal.length ? { custom: { equalContribution: equal } } : {}),
  };
}

export function toCslJson(profile: PublishedProfile): Record<string, unknown>[] {
  return profile.publications.map((w) => cslItem(citedWork(w)));
}
