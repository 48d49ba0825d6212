/**
 * One landing page per work, public/<profile>/papers/<work>.html: a page
 * Google Scholar indexes (its Highwire citation_* meta tags: citation_title,
 * citation_author for each author, citation_publication_date,
 * citation_conference_title or citation_journal_title, citation_pdf_url,
 * citation_arxiv_id, citation_doi) and a reader can use: title, authors (the
 * owner emphasised, equal contribution marked with its legend), venue,
 * abstract, links, the BibTeX entry to copy, and the work's JSON-LD inline
 * (headline, the owner linked to their homepage).
 *
 * Safe for anything a source wrote: every text is HTML-escaped (html-text.ts),
 * every link is an http(s) URL (others are left out), the JSON-LD is
 * script-safe JSON (script-json.ts), and the page's Content-Security-Policy
 * allows no script at all (the JSON-LD is a data block, never run).
 */
import type { PublishedProfile } from '../../model/profile.ts';
import { bibtexEntry } from '../citations/bibtex.ts';
import { citedWork, EQUAL_CONTRIBUTION_LEGEND, type CitedWork } from '../citations/cited-work.ts';
import { jsonLdArticle, ownerOf } from '../citations/json-ld.ts';
import { htmlText } from '../html-text.ts';
import { stableJson } from '../json-schemas.ts';
import { scriptSafeJson } from '../script-json.ts';
import { webUrl } from '../web-url.ts';


const LINKS: ReadonlyArray<readonly [keyof CitedWork['links'], string]> = [
  ['doi', 'DOI'],
  ['abstract', 'arXiv'],
  ['pdf', 'PDF'],
  ['dblp', 'dblp'],
  ['code', 'Code'],
  ['slides', 'Slides'],
  ['video', 'Video'],
  ['poster', 'Poster'],
  ['project', 'Project'],
  ['blog', 'Blog'],
];

/** The page's path inside public/<profile>/. */
export const landingPagePath = (workId: string) => `papers/${workId}.html`;

function meta(name: string, content: string | undefined): string[] {
  return content ? [`<meta name="${name}" content="${htmlText(content)}">`] : [];
}

/** Highwire Press tags, as Google Scholar's inclusion guidelines list them. */
function citationMeta(c: CitedWork): string[] {
  const venue = c.kind === 'journal' ? 'citation_journal_title' : c.kind === 'preprint' ? undefined : 'citation_conference_title';
  const pdf = webUrl(c.links.pdf);
  return [
    ...meta('citation_title', c.title),
    ...c.authors.flatMap((a) => meta('citation_author', a.name)),
    ...meta('citation_publication_date', String(c.year)),
    ...(venue ? meta(venue, c.venueName) : []),
    ...meta('citation_pdf_url', pdf),
    ...meta('citation_arxiv_id', c.arxiv),
    ...meta('citation_doi', c.doi),
  ];
}

function authorsHtml(c: CitedWork): string {
  return c.authors
    .map((a) => {
      const name = htmlText(a.name) + (a.equalContribution ? '<sup>*</sup>' : '');
      return a.isOwner ? `<strong>${name}</strong>` : name;
    })
    .join(', ');
}

function linksHtml(c: CitedWork): string {
  const items = LINKS.flatMap(([k, label]) => {
    const u = webUrl(c.links[k]);
    return u ? [`<li><a href="${htmlText(u)}">${label}</a></li>`] : [];
  });
  return items.length ? `<ul class="links">${items.join('')}</ul>` : '';
}

export function landingPage(c: CitedWork, profile: PublishedProfile): string {
  const owner = ownerOf(profile);
  const ld = { '@context': 'https://schema.org', ...jsonLdArticle(c, owner) };
  const venue = c.kind === 'preprint' ? (c.arxiv ? `arXiv preprint arXiv:${c.arxiv}` : 'arXiv preprint') : c.venueName;
  const homepage = webUrl(owner.homepage);
  const home = homepage ? `<a href="${htmlText(homepage)}">${htmlText(owner.name)}</a>` : htmlText(owner.name);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src https:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(c.title)}</title>
${citationMeta(c).join('\n')}
<script type="application/ld+json">${scriptSafeJson(stableJson(ld))}</script>
<style>
body{max-width:46rem;margin:2rem auto;padding:0 1rem;font:1rem/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff}
h1{font-size:1.5rem;line-height:1.3}
.venue{color:#444}
.links{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1rem}
a{color:#0b57a4}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f4f4;padding:.8rem;border-radius:.3rem}
</style>
</head>
<body>
<main>
<h1>${htmlText(c.title)}</h1>
<p class="authors">${authorsHtml(c)}</p>
${c.work.hasEqualContribution ? `<p class="legend">${htmlText(EQUAL_CONTRIBUTION_LEGEND)}</p>\n` : ''}<p class="venue">${htmlText(venue)}, ${c.year}</p>
${linksHtml(c)}
${c.abstract ? `<h2>Abstract</h2>\n<p class="abstract">${htmlText(c.abstract)}</p>\n` : ''}<h2>Cite</h2>
<pre><code>${htmlText(bibtexEntry(c))}</code></pre>
<p class="back">Publications of ${home}</p>
</main>
</body>
</html>
`;
}

/** Every work's landing page, as [path inside public/<profile>/, HTML]. */
export function landingPages(profile: PublishedProfile): Array<{ path: string; body: string }> {
  return profile.publications.map((w) => ({ path: landingPagePath(w.id), body: landingPage(citedWork(w), profile) }));
}
