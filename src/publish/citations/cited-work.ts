/**
 * What every export says about a work, decided once: the work is what its
 * canonical record says it is (kind, venue label, year, title, authors). A
 * linked version of another kind (the ICLR paper of a preprint) is not cited
 * until the owner accepts it into the canonical record; until then only the
 * identifiers of the work as recorded are used (its arXiv ID; a DOI or dblp key
 * only when it identifies that same version).
 */
import { doiUrl } from '../../ids/doi.ts';
import type { PublishedWork } from '../../model/profile.ts';
import { fullVenueName, venueAbbr, venueFromDblp, venueFromLabel } from '../../text/venue-names.ts';
import { splitName, type NameParts } from './person-name.ts';

export interface CitedAuthor extends NameParts {
  readonly name: string;
  readonly isOwner: boolean;
  readonly equalContribution: boolean;
}

export interface CitedWork {
  readonly id: string;
  readonly kind: PublishedWork['kind'];
  readonly title: string;
  readonly authors: readonly CitedAuthor[];
  readonly year: number;
  /** The full name a citation prints (e.g. "International Conference on Learning Representations (ICLR)"). */
  readonly venueName: string;
  /** The owner's short label (e.g. "ICLR'21"). */
  readonly venueLabel: string;
  /** The venue as a short badge with no year (al-folio's abbr): "ICLR", a workshop "CVPRW", a demo "ISMIR" (venueAbbr). */
  readonly venueAbbr: string;
  readonly arxiv?: string;
  readonly arxivCategory?: string;
  readonly doi?: string;
  readonly dblp?: string;
  /** The link a citation gives: the DOI's, else the arXiv abstract page, else the dblp record. */
  readonly url?: string;
  readonly links: PublishedWork['links'];
  readonly abstract?: string;
  readonly work: PublishedWork;
}

const isArxivDoi = (doi: string) => /^10\.48550\/arxiv\./i.test(doi);
const isCorrKey = (key: string) => key.startsWith('journals/corr/');

/** The DOI of the work as recorded: a preprint keeps only an arXiv DOI or one the owner wrote. */
function doiOf(w: PublishedWork): string | undefined {
  const doi = w.ids.doi;
  if (doi === undefined) return undefined;
  if (w.kind !== 'preprint') return isArxivDoi(doi) ? undefined : doi;
  return isArxivDoi(doi) || w.provenance['ids.doi'] === undefined ? doi : undefined;
}

/** The dblp key of the work as recorded: the CoRR record for a preprint, a venue record otherwise. */
function dblpOf(w: PublishedWork): string | undefined {
  const key = w.ids.dblp;
  if (key === undefined) return undefined;
  return (w.kind === 'preprint') === isCorrKey(key) ? key : undefined;
}

/** The venue's full name: from the owner's label, else from the linked record of the same venue and year. */
function venueNameOf(w: PublishedWork): string {
  if (w.kind === 'preprint') return 'arXiv';
  const fromLabel = venueFromLabel(w.venue);
  if (fromLabel.known) return fullVenueName(fromLabel, w.year);
  const same = w.versions.find((v) => v.kind === 'published' && v.year === w.year && v.venue !== undefined && v.recordId === w.ids.dblp);
  const fromDblp = same?.venue ? venueFromDblp(same.venue) : undefined;
  return fromDblp?.known ? fullVenueName(fromDblp, w.year) : fullVenueName(fromLabel, w.year);
}

export function citedWork(w: PublishedWork): CitedWork {
  const doi = doiOf(w);
  const dblp = dblpOf(w);
  const arxiv = w.ids.arxiv;
  const url = doi ? doiUrl(doi) : arxiv ? w.links.abstract : dblp ? w.links.dblp : undefined;
  const { doi: _d, dblp: _b, ...links } = w.links;
  return {
    id: w.id,
    kind: w.kind,
    title: w.title,
    authors: w.authors.map((a) => ({ name: a.name, isOwner: a.isOwner, equalContribution: a.equalContribution, ...splitName(a.name) })),
    year: w.year,
    venueName: venueNameOf(w),
    venueLabel: w.venue,
    venueAbbr: venueAbbr(w.venue),
    ...(arxiv ? { arxiv } : {}),
    ...(arxiv && w.arxivCategory ? { arxivCategory: w.arxivCategory } : {}),
    ...(doi ? { doi } : {}),
    ...(dblp ? { dblp } : {}),
    ...(url ? { url } : {}),
    links: { ...links, ...(doi ? { doi: doiUrl(doi) } : {}), ...(dblp && w.links.dblp ? { dblp: w.links.dblp } : {}) },
    ...(w.abstract ? { abstract: w.abstract } : {}),
    work: w,
  };
}

/** The legend of the equal-contribution mark, where a format shows marks on names. */
export const EQUAL_CONTRIBUTION_LEGEND = '* Equal contribution';
