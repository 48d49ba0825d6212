/**
 * Citation formats from the published profile: CSL-JSON (what citation
 * processors read), BibTeX, and schema.org ScholarlyArticle JSON-LD. The owner's
 * venue labels and equal-contribution marks go wherever the format can carry them.
 */
import type { PublishedProfile, PublishedWork } from '../model/profile.ts';

/** "Seong Joon Oh" → { given: "Seong Joon", family: "Oh" } (the CV writes given names first). */
export function splitName(name: string): { given: string; family: string } {
  const parts = name.trim().split(/\s+/);
  const family = parts.pop() ?? name;
  return { given: parts.join(' '), family };
}

const CSL_TYPE: Record<PublishedWork['kind'], string> = {
  conference: 'paper-conference',
  workshop: 'paper-conference',
  demo: 'paper-conference',
  journal: 'article-journal',
  preprint: 'article',
  'book-chapter': 'chapter',
  thesis: 'thesis',
  other: 'document',
};

function equalNote(w: PublishedWork): string | undefined {
  const eq = w.authors.filter((a) => a.equalContribution).map((a) => a.name);
  return eq.length ? `Equal contribution: ${eq.join(', ')}` : undefined;
}

/** The published venue's full name if a source gave one, else the owner's label. */
function venueName(w: PublishedWork): string {
  return w.versions.find((v) => v.kind === 'published')?.venue ?? (w.kind === 'preprint' ? 'arXiv' : w.venue);
}

export function toCslJson(profile: PublishedProfile): Record<string, unknown>[] {
  return profile.publications.map((w) => {
    const note = equalNote(w);
    return {
      id: w.id,
      type: CSL_TYPE[w.kind],
      title: w.title,
      author: w.authors.map((a) => splitName(a.name)),
      issued: { 'date-parts': [[w.year]] },
      'container-title': venueName(w),
      'container-title-short': w.venue,
      ...(w.ids.doi ? { DOI: w.ids.doi } : {}),
      ...(w.ids.arxiv ? { number: `arXiv:${w.ids.arxiv}` } : {}),
      ...(w.links.doi ?? w.links.abstract ?? w.links.dblp ? { URL: w.links.doi ?? w.links.abstract ?? w.links.dblp } : {}),
      ...(note ? { note } : {}),
    };
  });
}

/** Escapes BibTeX/LaTeX specials in a field value. */
export function bibEscape(s: string): string {
  return s.replace(/[\\{}]/g, (c) => (c === '\\' ? '\\textbackslash{}' : `\\${c}`)).replace(/[&%$#_]/g, (c) => `\\${c}`).replace(/~/g, '\\textasciitilde{}').replace(/\^/g, '\\textasciicircum{}');
}

const BIB_TYPE: Record<PublishedWork['kind'], string> = {
  conference: 'inproceedings',
  workshop: 'inproceedings',
  demo: 'inproceedings',
  journal: 'article',
  preprint: 'misc',
  'book-chapter': 'incollection',
  thesis: 'phdthesis',
  other: 'misc',
};

export function toBibtex(profile: PublishedProfile): string {
  const entries = profile.publications.map((w) => {
    const type = BIB_TYPE[w.kind];
    const fields: Array<[string, string]> = [
      ['author', w.authors.map((a) => { const n = splitName(a.name); return n.given ? `${bibEscape(n.family)}, ${bibEscape(n.given)}` : bibEscape(n.family); }).join(' and ')],
      ['title', `{${bibEscape(w.title)}}`],
      [type === 'article' ? 'journal' : type === 'inproceedings' || type === 'incollection' ? 'booktitle' : 'howpublished', bibEscape(venueName(w))],
      ['year', String(w.year)],
    ];
    if (w.ids.doi) fields.push(['doi', bibEscape(w.ids.doi)]);
    if (w.ids.arxiv) fields.push(['eprint', w.ids.arxiv], ['archiveprefix', 'arXiv']);
    const url = w.links.doi ?? w.links.abstract ?? w.links.dblp;
    if (url) fields.push(['url', url.replace(/[{}]/g, '')]);
    const note = equalNote(w);
    fields.push(['note', bibEscape([`${w.venue}`, note].filter(Boolean).join('. '))]);
    const key = w.id.replace(/[^A-Za-z0-9:_-]/g, '-');
    return `@${type}{${key},\n${fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n')}\n}`;
  });
  return `% ${profile.person.name}: publications (profile-sync, run ${profile.runId})\n\n${entries.join('\n\n')}\n`;
}

export function toJsonLd(profile: PublishedProfile): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@graph': profile.publications.map((w) => {
      const sameAs = [w.links.abstract, w.links.doi, w.links.dblp].filter((x): x is string => x !== undefined);
      return {
        '@type': 'ScholarlyArticle',
        '@id': `#${w.id}`,
        name: w.title,
        author: w.authors.map((a) => ({ '@type': 'Person', name: a.name })),
        datePublished: String(w.year),
        isPartOf: { '@type': w.kind === 'journal' ? 'Periodical' : 'CreativeWork', name: venueName(w), alternateName: w.venue },
        ...(w.ids.doi ? { identifier: { '@type': 'PropertyValue', propertyID: 'DOI', value: w.ids.doi } } : {}),
        ...(sameAs.length ? { sameAs } : {}),
        ...(equalNote(w) ? { creditText: equalNote(w) } : {}),
      };
    }),
  };
}
