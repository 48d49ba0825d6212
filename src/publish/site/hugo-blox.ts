/**
 * Hugo Blox (formerly Wowchemy) publication bundles, one per work:
 * publications/<id>/index.md (front matter as Hugo Blox reads it) and
 * publications/<id>/cite.bib (what its "Cite" button offers), plus one ZIP of
 * the whole folder to unpack into content/.
 *
 * Front matter: title; authors (the owner as "me", Hugo Blox's site author);
 * author_notes ("Equal contribution" beside each marked author); date (the
 * first arXiv submission of a preprint; else the year's first day with
 * hide_date: true, see hugoDate), with weight keeping the owner's order
 * (newest first); publication_types (CSL types);
 * publication / publication_short (the venue's full name / the owner's label);
 * abstract when a source gave one; featured (the owner's "selected");
 * hugoblox.ids (doi, arxiv: Hugo Blox links them itself); links typed pdf, code,
 * slides, video, poster, project, a custom "Blog" link, and a custom "dblp" link
 * for a work with neither DOI nor arXiv ID; image.filename for a preview file.
 * Award and annotation are the page's text. Title, publication and abstract are
 * Markdown-escaped (markdown-text.ts): Hugo Blox renders them with raw HTML on.
 */
import type { PublishedProfile } from '../../model/profile.ts';
import { bibtexEntry } from '../citations/bibtex.ts';
import { citedWork, type CitedWork } from '../citations/cited-work.ts';
import { CSL_TYPE } from '../citations/csl-json.ts';
import { frontMatter, type YamlValue } from './front-matter.ts';
import { markdownText } from './markdown-text.ts';
import { webUrl } from '../web-url.ts';
import { zipArchive, type ZipFile } from './zip.ts';


const isFileName = (s: string) => !s.includes('://');

function links(c: CitedWork): YamlValue[] {
  const l = Object.fromEntries(Object.entries(c.work.links).filter(([, u]) => webUrl(u) !== undefined)) as CitedWork['links'];
  const typed = (['pdf', 'code', 'slides', 'video', 'poster', 'project'] as const).flatMap((type) => (l[type] ? [{ type, url: l[type]! }] : []));
  // A work with neither DOI nor arXiv ID (Hugo Blox links those from hugoblox.ids) still links its dblp record.
  const dblp = !c.doi && !c.arxiv && webUrl(c.links.dblp) ? [{ type: 'custom', label: 'dblp', url: c.links.dblp }] : [];
  return [...typed, ...(l.blog ? [{ type: 'custom', label: 'Blog', url: l.blog }] : []), ...dblp];
}

/**
 * The date Hugo Blox prints the year of and sorts by (.Date): the most precise fact known, the
 * first arXiv submission of a preprint; otherwise the year's first day with hide_date, so the
 * year is right, the order newest first, and no day is shown that nobody gave.
 */
export function hugoDate(c: CitedWork): { date: string; hide_date?: true } {
  const submitted = c.kind === 'preprint' && c.work.firstSubmitted && /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2}))?$/.test(c.work.firstSubmitted) ? c.work.firstSubmitted : undefined;
  return submitted && Number(submitted.slice(0, 4)) === c.year ? { date: submitted } : { date: `${String(c.year).padStart(4, '0')}-01-01`, hide_date: true };
}

export function hugoIndex(c: CitedWork, weight: number): string {
  const w = c.work;
  const { date, hide_date } = hugoDate(c);
  const venue = c.kind === 'preprint' ? (c.arxiv ? `arXiv preprint arXiv:${markdownText(c.arxiv)}` : 'arXiv preprint') : `*${markdownText(c.venueName)}*`;
  const fm = frontMatter({
    // Hugo Blox renders title, publication and abstract through markdownify with raw HTML on: Markdown-escaped text.
    title: markdownText(c.title),
    authors: c.authors.map((a) => (a.isOwner ? 'me' : a.name)),
    author_notes: c.authors.some((a) => a.equalContribution) ? c.authors.map((a) => (a.equalContribution ? 'Equal contribution' : '')) : undefined,
    date,
    hide_date,
    weight,
    publication_types: [CSL_TYPE[c.kind]],
    publication: venue,
    publication_short: c.kind === 'preprint' ? 'arXiv' : `*${markdownText(c.venueLabel)}*`,
    abstract: c.abstract ? markdownText(c.abstract) : undefined,
    featured: w.selected === true,
    hugoblox: c.doi || c.arxiv ? { ids: { doi: c.doi, arxiv: c.arxiv } } : undefined,
    links: links(c),
    image: w.preview && isFileName(w.preview) ? { filename: w.preview } : undefined,
  });
  const body = [w.award ? `**${markdownText(w.award)}**` : undefined, w.annotation ? markdownText(w.annotation) : undefined].filter((x) => x !== undefined);
  return body.length ? `${fm}\n${body.join('\n\n')}\n` : fm;
}

/** The files of the publications folder, sorted by path. */
export function hugoBloxFiles(profile: PublishedProfile): ZipFile[] {
  return profile.publications
    .flatMap((w, i) => {
      const c = citedWork(w);
      return [
        { path: `publications/${w.id}/cite.bib`, body: `${bibtexEntry(c)}\n` },
        { path: `publications/${w.id}/index.md`, body: hugoIndex(c, i + 1) },
      ];
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The whole publications folder as one ZIP (unzip it into the site's content/). */
export function hugoBloxArchive(files: readonly ZipFile[]): Uint8Array {
  return zipArchive(files);
}
