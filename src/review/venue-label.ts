/**
 * The venue label of a work in the owner's style, from dblp's venue and the
 * year: "CVPR" 2021 → "CVPR'21", "ECCV (8)" 2022 → "ECCV'22", "CVPR Workshops"
 * 2020 → "CVPR WS'20", a preprint → "arXiv'26". One small rule on its own, so it
 * can be unified with the publications' venue naming.
 */
import type { PublicationKind } from '../canonical/cv-schema.ts';

export interface VenueFacts {
  /** dblp booktitle or journal, e.g. "ECCV (8)", "CVPR Workshops", "NeurIPS". */
  readonly venue?: string;
  readonly year?: number;
  readonly kind: PublicationKind;
}

export function ownerVenueLabel(f: VenueFacts): string {
  const yy = f.year !== undefined ? `'${String(f.year % 100).padStart(2, '0')}` : '';
  if (f.kind === 'preprint' || !f.venue) return `arXiv${yy}`;
  const name = f.venue
    .replace(/\s*\(\d+\)$/, '') // dblp's volume of a multi-volume proceedings
    .replace(/\s*\((?:Workshops?)\)$/i, ' WS')
    .replace(/\s+Workshops?$/i, ' WS')
    .replace(/\s+/g, ' ')
    .trim();
  return `${name}${yy}`;
}

/** Whether dblp's venue text names a workshop ("CVPR Workshops", "ICLR (Workshop)", "DGS@ICLR"). */
export const isWorkshopVenue = (venue: string): boolean => /\bworkshops?\b|@/i.test(venue);
