/**
 * schema.org JSON-LD: one ScholarlyArticle per work. A preprint is published
 * by arXiv with creativeWorkStatus "Preprint" and is part of nothing; a
 * conference paper is part of its proceedings (a Book), a journal paper of its
 * Periodical, each named in full with the owner's label as alternateName.
 * Identifiers are PropertyValues (DOI, arXiv, dblp); sameAs lists their pages.
 * headline repeats the title (Google reads headline); the owner is linked to
 * their homepage (@id, url, sameAs); an equal contribution is said of each
 * marked author (description), not as the work's creditText.
 */
import type { PublishedProfile } from '../../model/profile.ts';
import { stableJson } from '../json-schemas.ts';
import { scriptSafeJson } from '../script-json.ts';
import { citedWork, type CitedWork } from './cited-work.ts';

const id = (propertyID: string, value: string) => ({ '@type': 'PropertyValue', propertyID, value });

/** The owner as the profile names them: linked to their homepage (url, sameAs) where the CV gives one. */
export interface JsonLdOwner {
  readonly name: string;
  readonly homepage?: string;
  readonly affiliation?: string;
}

function person(a: CitedWork['authors'][number], owner: JsonLdOwner | undefined): Record<string, unknown> {
  return {
    '@type': 'Person',
    name: a.name,
    ...(a.isOwner && owner?.homepage ? { '@id': `${owner.homepage}#person`, url: owner.homepage, sameAs: [owner.homepage] } : {}),
    ...(a.isOwner && owner?.affiliation ? { affiliation: { '@type': 'Organization', name: owner.affiliation } } : {}),
    // schema.org has no property for equal contribution: it is said of the person, in words.
    ...(a.equalContribution ? { description: 'Equal contribution' } : {}),
  };
}

export function jsonLdArticle(c: CitedWork, owner?: JsonLdOwner): Record<string, unknown> {
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
    headline: c.title,
    author: c.authors.map((a) => person(a, owner)),
    datePublished: String(c.year),
    ...container,
    ...(identifier.length ? { identifier } : {}),
    ...(c.url ? { url: c.url } : {}),
    ...(sameAs.length ? { sameAs } : {}),
    ...(c.abstract ? { abstract: c.abstract } : {}),
  };
}

export function toJsonLd(profile: PublishedProfile): Record<string, unknown> {
  return { '@context': 'https://schema.org', '@graph': profile.publications.map((w) => jsonLdArticle(citedWork(w), ownerOf(profile))) };
}

export function ownerOf(profile: PublishedProfile): JsonLdOwner {
  const p = profile.person;
  return { name: p.name, ...(p.homepage ? { homepage: p.homepage } : {}), affiliation: p.affiliation };
}

/** publications.jsonld as published: JSON that can be inlined in a <script type="application/ld+json"> as it is. */
export function jsonLdText(profile: PublishedProfile): string {
  return scriptSafeJson(stableJson(toJsonLd(profile)));
}
