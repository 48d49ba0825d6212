/**
 * Hugo Blox (formerly Wowchemy) publication bundles, one per work:
 * publications/<id>/index.md (front matter as Hugo Blox reads it) and
 * publications/<id>/cite.bib (what its "Cite" button offers), plus one ZIP of
 * the whole folder to unpack into content/.
 *
 * Front matter: title; authors (the owner as "me", Hugo Blox's site author);
 * author_notes ("Equal contribution" beside each marked author); date only when
 * a real date is known (a preprint's first arXiv submission), never a guessed
 * day, with weight keeping the owner's order; publication_types (CSL types);
 * publication / publication_short (the venue's full name / the owner's label);
 * abstract when a source gave one; featured (the owner's "selected");
 * hugoblox.ids (doi, arxiv: Hugo Blox links them itself); links typed pdf, code,
 * slides, video, poster, project, and a custom "Blog" link; image.filename for
 * a preview file. Award and annotation are the page's text.
 */
import type { PublishedProfile } from '../../model/profile.ts';
import { bibtexEntry } from '../citations/bibtex.ts';
import { citedWork, type CitedWork } from '../citations/cited-work.ts';
import { CSL_TYPE } from '../citations/csl-json.ts';
import { frontMatter, type YamlValue } from './front-matter.ts';
import { zipArchive, type ZipFile } from './zip.ts';

/** Markdown-significant characters are escaped; with every brace escaped, "{{" cannot start a Hugo shortcode. */
function markdownText(s: string): string {
  return s.replace(/[\\`*_[\]<>#|~!{}]/g, (c) => `\\${c}`);
}

const isFileName = (s: string) => !s.includes('://');

function links(c: CitedWork): YamlValue[] {
  const l = c.work.links;
  const typed = (['pdf', 'code', 'slides', 'video', 'poster', 'project'] as const).flatMap((type) => (l[type] ? [{ type, url: l[type]! }] : []));
  return [...typed, ...(l.blog ? [{ type: 'custom', label: 'Blog', url: l.blog }] : [])];
}

export function hugoIndex(c: CitedWork, weight: number): string {
  const w = c.work;
  // A real date only: the first arXiv submission of a preprint (a conference paper's arXiv date is not its date).
  const date = c.kind === 'preprint' && w.firstSubmitted ? w.firstSubmitted : undefined;
  const venue = c.kind === 'preprint' ? (c.arxiv ? `arXiv preprint arXiv:${c.arxiv}` : 'arXiv preprint') : `*${markdownText(c.venueName)}*`;
  const fm = frontMatter({
    title: c.title,
    authors: c.authors.map((a) => (a.isOwner ? 'me' : a.name)),
    author_notes: c.authors.some((a) => a.equalContribution) ? c.authors.map((a) => (a.equalContribution ? 'Equal contribution' : '')) : undefined,
    date,
    weight,
    publication_types: [CSL_TYPE[c.kind]],
    // Without a date Hugo Blox cannot print the year: it is written with the venue.
    publication: date ? venue : `${venue}, ${c.year}`,
    publication_short: c.kind === 'preprint' ? 'arXiv' : `*${markdownText(c.venueLabel)}*`,
    abstract: c.abstract,
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
