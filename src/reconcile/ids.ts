/** Stable ids for report items and works. */
import { createHash } from 'node:crypto';
import { MAX_ID_LENGTH } from '../canonical/cv-schema.ts';
import type { SourceVersion } from './source-version.ts';

export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Identifiers of a group of versions, in the DecisionBook's form ("arxiv:…", "doi:…", "dblp:…"). */
export function identifiersOf(versions: readonly SourceVersion[]): string[] {
  const ids = new Set<string>();
  for (const v of versions) {
    if (v.arxiv) ids.add(`arxiv:${v.arxiv}`);
    if (v.doi) ids.add(`doi:${v.doi}`);
    if (v.dblpKey) ids.add(`dblp:${v.dblpKey}`);
  }
  return [...ids].sort();
}

/** A work id from its strongest identifier: arXiv ID, else DOI, else dblp key. */
export function workIdFor(versions: readonly SourceVersion[]): string {
  const arxiv = versions.find((v) => v.arxiv)?.arxiv;
  if (arxiv) return withinIdLength(`arxiv-${slug(arxiv)}`);
  const doi = versions.find((v) => v.doi)?.doi;
  if (doi) return withinIdLength(`doi-${slug(doi)}`);
  const key = versions.find((v) => v.dblpKey)?.dblpKey ?? versions[0]?.vid ?? 'unknown';
  return withinIdLength(`dblp-${slug(key)}`);
}

/** Room left under MAX_ID_LENGTH for a "-2" that makes an accepted id unique. */
const ID_ROOM = 10;

/** An id as it is when short enough; a long one (a long DOI) cut and told apart by a hash of the whole. */
export function withinIdLength(id: string): string {
  const max = MAX_ID_LENGTH - ID_ROOM;
  if (id.length <= max) return id;
  return `${id.slice(0, max - 11).replace(/-+$/, '')}-${shortHash(id)}`;
}
