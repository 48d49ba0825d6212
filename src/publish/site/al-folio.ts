/**
 * al-folio's _bibliography/papers.bib (jekyll-scholar): the citation entry of
 * each work plus al-folio's own fields, as its bib layout reads them:
 *   abbr (the badge: the owner's venue label), arxiv (an ID), pdf / html /
 *   code / slides / video / poster / blog / website (URLs), selected and
 *   bibtex_show (true), preview (a file name in assets/img/publication_preview/
 *   or a URL), award_name + award, annotation (a popover), additional_info
 *   (printed after the venue).
 * Equal contribution follows al-folio's convention: `*` after the family name
 * (the layout strips it to recognise the owner and shows it as a superscript),
 * with the legend in annotation. Keys are the works' stable ids (ASCII).
 * Nothing jekyll-scholar could read as Liquid: no "{{" or "{%" anywhere (titles
 * are not double-braced; jekyll-scholar keeps their case).
 */
import type { PublishedProfile } from '../../model/profile.ts';
import { bibEntry, bibKey, bibName, bibText, bibUrl, type BibField } from '../citations/bibtex-text.ts';
import { bibIdFields, bibTypeOf } from '../citations/bibtex.ts';
import { citedWork, EQUAL_CONTRIBUTION_LEGEND, type CitedWork } from '../citations/cited-work.ts';

const url = (u: string | undefined) => (u ? bibUrl(u) : undefined);

export function alFolioEntry(c: CitedWork): string {
  const w = c.work;
  const { type, venue } = bibTypeOf(c);
  const annotation = [w.annotation, w.hasEqualContribution ? EQUAL_CONTRIBUTION_LEGEND : undefined].filter((x): x is string => x !== undefined).join(' — ');
  const fields: BibField[] = [
    ['author', c.authors.map((a) => bibName(a, a.equalContribution ? '*' : '')).join(' and ')],
    ['title', bibText(c.title)],
    venue,
    ['year', String(c.year)],
    ...bibIdFields(c),
    ['abbr', bibText(c.venueLabel)],
    ['arxiv', c.arxiv ? bibText(c.arxiv) : undefined],
    ['pdf', url(w.links.pdf)],
    // The published version's page (its DOI), where the work has one.
    ['html', c.doi ? url(`https://doi.org/${c.doi}`) : undefined],
    ['code', url(w.links.code)],
    ['slides', url(w.links.slides)],
    ['video', url(w.links.video)],
    ['poster', url(w.links.poster)],
    ['blog', url(w.links.blog)],
    ['website', url(w.links.project)],
    ['abstract', c.abstract ? bibText(c.abstract) : undefined],
    ['selected', w.selected ? 'true' : undefined],
    ['bibtex_show', 'true'],
    ['preview', w.preview ? (url(w.preview) ?? undefined) : undefined],
    ['award_name', w.award ? bibText(w.award) : undefined],
    ['award', w.award ? bibText(w.award) : undefined],
    ['annotation', annotation ? bibText(annotation) : undefined],
    // A preprint has no venue al-folio prints (@misc): its arXiv identifier says where it is.
    ['additional_info', c.kind === 'preprint' && c.arxiv ? `arXiv:${bibText(c.arxiv)}` : undefined],
  ];
  return bibEntry(type, bibKey(c.id), fields);
}

export function toAlFolioBib(profile: PublishedProfile): string {
  const entries = profile.publications.map((w) => alFolioEntry(citedWork(w)));
  const text = `% al-folio _bibliography/papers.bib for ${bibText(profile.person.name)} (profile-sync, run ${profile.runId})\n\n${entries.join('\n\n')}\n`;
  // Liquid would read "{{" or "{%"; bibText never writes a brace pair of its own, but make sure.
  return text.replace(/\{(?=[{%])/g, '{ ');
}
