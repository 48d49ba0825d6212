/**
 * A work is one paper; its versions are the records that describe it
 * (the owner's canonical record, an arXiv preprint, a dblp CoRR record,
 * the published paper). Versions are linked, never merged away.
 */
import type { Author } from './author.ts';

export type SourceName = 'canonical' | 'arxiv' | 'dblp';

export type VersionKind = 'canonical' | 'preprint' | 'corr' | 'published';

export interface WorkIds {
  /** arXiv base ID (no version). */
  readonly arxiv?: string;
  /** DOI as written; compare with doiKey(). */
  readonly doi?: string;
  /** dblp keys of the venue record and/or CoRR record. */
  readonly dblp?: readonly string[];
}

export interface WorkVersion {
  readonly kind: VersionKind;
  readonly source: SourceName;
  /** The record's id within its source: arXiv ID with version, dblp key, canonical id. */
  readonly recordId: string;
  readonly title: string;
  readonly authors: readonly Author[];
  readonly year?: number;
  /** Venue as the source names it (dblp booktitle/journal, arXiv journal_ref). */
  readonly venue?: string;
  readonly ids: WorkIds;
  /** ISO timestamp of the fetch that produced this version. */
  readonly fetchedAt?: string;
}

export interface Work {
  /** Stable id: the canonical record's id, or one derived from the work's strongest identifier. */
  readonly id: string;
  readonly versions: readonly WorkVersion[];
}
