/**
 * schema.org JSON-LD: one ScholarlyArticle per work. A preprint is published
 * by arXiv with creativeWorkStatus "Preprint" and is part of nothing; a
 * conference paper is part of its proceedings (a Book), a journal paper of its
 * Periodical, each named in full with the owner's label as alternateName.
 * Identifiers are PropertyValues (DOI, arXiv, dblp); sameAs lists their pages.
 */
import type { PublishedProfile } from '../../model/profile.ts';
import { stableJson } from '../json-schemas.ts';
import { scriptSafeJson } from '../script-json.ts';
import { citedWork, type CitedWork } from './cited-work.ts';

const id = (propertyID: string, value: string) => ({ '@type': 'PropertyValue', propertyID, value });

export function jsonLdArticle(c: CitedWork): Record<string, unknown> {
  const identifier = [...(c.doi ? [id('DOI', c.doi)] : []), ...(c.arxiv ? [id('arXiv', c.arxiv)] : []), ...(c.dblp ? [id('dblp', c.dblp)] : [])];
  const sameAs = [c.links.doi, c.links.abstract, c.links.dblp].filter((x): x is string => x !== undefined);
  const container =
    c.kind === 'preprint'
      ? { publisher: { '@type': 'Organization', name: 'arXiv' }, creativeWorkStatus: 'Preprint' }
      : { isPartOf: { '@type': c.kind === 'journal' ? 'Periodical' : 'Book', name: c.venueName, alternateName: c.venueLabel } };
  return {
    '@type': 'ScholarlyArticle',
    '@id': `#${c.id}`,
    name: c.title,
    author: c.authors.map((a) => ({ '@type': 'Person', name: a.name })),
    datePublished: String(c.year),
    ...container,
    ...(identifier.length ? { identifier } : {}),
    ...(c.url ? { url: c.url } : {}),
    ...(sameAs.length ? { sameAs } : {}),
    ...(c.abstract ? { abstract: c.abstract } : {}),
    ...(c.equalNote ? { creditText: c.equalNote } : {}),
  };
}

export function toJsonLd(profile: PublishedProfile): Record<string, unknown> {
  return { '@context': 'https://schema.org', '@graph': profile.publications.map((w) => jsonLdArticle(citedWork(w))) };
}

/** publications.jsonld as published: JSON that can be inlined in a <script type="application/ld+json"> as it is. */
export function jsonLdText(profile: PublishedProfile): string {
  return scriptSafeJson(stableJson(toJsonLd(profile)));
}
