/**
 * al-folio's _bibliography/papers.bib (jekyll-scholar): the citation entry of
 * each work plus al-folio's own fields, as its bib layout reads them:
 *   abbr (the badge, and the key into al-folio's _data/venues.yml: the venue's
 *   acronym without year, "AAAI"; a workshop "CVPRW", a demo the main acronym,
 *   see venueAbbr; the year is its own field), arxiv (an
 *   ID), html (the published version's DOI page, else the dblp record of a work
 *   with no arXiv ID: every work with a known address has a button), doi, pdf /
 *   code / slides / video / poster / blog / website (URLs), selected and
 *   bibtex_show (true), preview (a file name in assets/img/publication_preview/
 *   or a URL), award_name + award, annotation (a popover), additional_info
 *   (printed after the venue).
 * Equal contribution follows al-folio's convention: `*` after the family name
 * (the layout strips it to recognise the owner and shows it as a superscript),
 * with the legend in annotation; no note. Keys are the works' stable ids (ASCII).
 *
 * al-folio prints {{ entry.title }}, {{ entry.abstract }}, the names and the
 * venue into its pages unescaped, so every text field is HTML-escaped before it
 * is BibTeX-escaped (alFolioText): "<script>" is written \&lt;script\&gt;, which
 * jekyll-scholar's LaTeX filter turns into &lt;script&gt; (text on the page), and
 * which without the filter still shows as text. It renders award and
 * additional_info through markdownify: those are Markdown-safe as well
 * (alFolioMarkdown), so "[x](javascript:…)" shows as those characters, never as
 * a link. Nothing jekyll-scholar could read
 * as Liquid: no "{{" or "{%" anywhere (a brace in text is \textbraceleft{}).
 */
import type { PublishedProfile } from '../../model/profile.ts';
import { bibEntry, bibKey, bibText, bibTitle, bibUrl, type BibField } from '../citations/bibtex-text.ts';
import { bibAuthors, bibIdFields, bibTypeOf } from '../citations/bibtex.ts';
import { citedWork, type CitedWork } from '../citations/cited-work.ts';
import { htmlText } from '../html-text.ts';
import { webUrl } from '../web-url.ts';

/** A link al-folio makes a button of: http(s) only. */
const url = (u: string | undefined) => (webUrl(u) ? bibUrl(u!) : undefined);

/** Text al-folio prints into HTML unescaped: HTML-escaped, then BibTeX-escaped. */
export function alFolioText(s: string): string {
  return bibText(htmlText(s));
}

/** What HTML or Markdown (kramdown, CommonMark) reads as markup: "<" a tag, "&" an entity, quotes an attribute's end, "[" a link, "*" "_" "`" "~" emphasis or code, "{" kramdown's {: } and {:: } syntax, "$" its math, "#" "|" "!" "\\" the rest. */
const MARKDOWN_MARKUP = /[&<>"'[\]\\`*_~{}#|!$]/g;

/**
 * Text al-folio renders through markdownify (kramdown, raw HTML passed through): `award`, printed
 * `{{ entry.award | markdownify }}`, and `additional_info`. Every character HTML or Markdown reads as markup is written as a
 * numeric character reference ("[" as &#91;, "<" as &#60;), which Markdown shows as the character and never
 * parses; a leading "-", "+", "=" or "1." likewise, so no list or heading starts. Then BibTeX-escaped.
 * Markdown's backslash escapes (markdown-text.ts, Hugo's rule) would not do here: BibTeX-escaped they
 * become \textbackslash{}, and a site without jekyll-scholar's LaTeX filter would render "[x](javascript:…)"
 * as a link; a character reference is text with the filter and without it.
 */
export function alFolioMarkdown(s: string): string {
  const ref = (c: string) => `&#${c.codePointAt(0)};`;
  const md = s
    .replace(/\s+/g, ' ')
    .trim()
    .replace(MARKDOWN_MARKUP, ref)
    .replace(/^[-+=]/, ref)
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, (_, n: string, p: string) => `${n}${ref(p)}`);
  return bibText(md);
}

/** The page al-folio's "HTML" button opens: the DOI's, else (no arXiv button either) the dblp record. */
function htmlPage(c: CitedWork): string | undefined {
  if (c.doi) return `https://doi.org/${c.doi}`;
  return c.arxiv ? undefined : c.links.dblp;
}

export function alFolioEntry(c: CitedWork): string {
  const w = c.work;
  const { type, venue } = bibTypeOf(c, alFolioText);
  const [author, annotation] = bibAuthors(c, alFolioText);
  const fields: BibField[] = [
    author!,
    ['title', bibTitle(c.title, alFolioText)],
    venue,
    ['year', String(c.year)],
    ...bibIdFields(c),
    ['abbr', alFolioText(c.venueAbbr)],
    ['arxiv', c.arxiv ? bibText(c.arxiv) : undefined],
    ['html', url(htmlPage(c))],
    ['pdf', url(w.links.pdf)],
    ['code', url(w.links.code)],
    ['slides', url(w.links.slides)],
    ['video', url(w.links.video)],
    ['poster', url(w.links.poster)],
    ['blog', url(w.links.blog)],
    ['website', url(w.links.project)],
    ['abstract', c.abstract ? alFolioText(c.abstract) : undefined],
    ['selected', w.selected ? 'true' : undefined],
    ['bibtex_show', 'true'],
    // A file name in assets/img/publication_preview/ (letters, digits, . _ - only) or an http(s) URL.
    ['preview', w.preview && /^[A-Za-z0-9][\w.-]*$/.test(w.preview) ? w.preview : url(w.preview)],
    ['award_name', w.award ? alFolioText(w.award) : undefined],
    ['award', w.award ? alFolioMarkdown(w.award) : undefined],
    annotation!,
    // A preprint has no venue al-folio prints (@misc): its arXiv identifier says where it is (rendered through markdownify too).
    ['additional_info', c.kind === 'preprint' && c.arxiv ? alFolioMarkdown(`arXiv:${c.arxiv}`) : undefined],
  ];
  return bibEntry(type, bibKey(c.id), fields);
}

/**
 * Liquid reads "{{": a field whose value starts with a brace (a title's first word braced, "{CutMix}: …",
 * or a braced family name) is delimited with quotes instead, title = "{CutMix}: …", the same value to
 * BibTeX, so no field opens with "{{". (Text never holds a double quote here: alFolioText writes &quot;.)
 */
function quoteBraced(entry: string): string {
  return entry.replace(/^( {2}\w+ *= )\{(\{[^"\n]*)\}(,?)$/gm, '$1"$2"$3');
}

export function toAlFolioBib(profile: PublishedProfile): string {
  const entries = profile.publications.map((w) => quoteBraced(alFolioEntry(citedWork(w))));
  const text = `% al-folio _bibliography/papers.bib for ${alFolioText(profile.person.name)} (profile-sync, run ${profile.runId})\n\n${entries.join('\n\n')}\n`;
  // Nothing else writes a brace pair of its own ("{" in text is \textbraceleft{}, "%" is \%), but make sure.
  return text.replace(/\{(?=[{%])/g, '{ ');
}
