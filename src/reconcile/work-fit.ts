/**
 * How well a source version fits a CV work beyond its title: the kind of work
 * (a thesis is a different work from a paper of the same title; a journal
 * article from its conference paper), the venue the CV names, the year. Used
 * to break ties between records with the same title, and to say why a near
 * match was not linked. Never a reason to link on its own.
 */
import type { CanonicalPublication } from '../canonical/cv-schema.ts';
import type { SourceVersion } from './source-version.ts';

const THESIS_TYPES = new Set(['phdthesis', 'mastersthesis']);

/** The CV work is a thesis: its kind says so, or (kind "other") its venue label does ("PhD thesis, …", "Dissertation"). */
export function isThesisWork(pub: CanonicalPublication): boolean {
  return pub.kind === 'thesis' || (pub.kind === 'other' && /\b(?:thesis|dissertation)\b/i.test(pub.venue));
}

/** A thesis matches only a thesis: a paper and the thesis of the same title are two works. */
export function kindAllowed(pub: CanonicalPublication, v: SourceVersion): boolean {
  return isThesisWork(pub) === THESIS_TYPES.has(v.recordType ?? '');
}

/** Does the version's record kind agree with the CV's kind of work? */
export function kindAgrees(pub: CanonicalPublication, v: SourceVersion): boolean {
  if (v.kind !== 'published') return pub.kind === 'preprint';
  switch (pub.kind) {
    case 'journal':
      return v.recordType === 'article';
    case 'conference':
    case 'workshop':
    case 'demo':
      return v.recordType === 'inproceedings';
    case 'book-chapter':
      return v.recordType === 'incollection';
    case 'thesis':
    case 'other':
      return isThesisWork(pub) ? THESIS_TYPES.has(v.recordType ?? '') : true;
    default:
      return false;
  }
}

const VENUE_STOP = new Set(['ieee', 'acm', 'the', 'of', 'on', 'and', 'in', 'for', 'proc', 'proceedings', 'international', 'conference', 'journal', 'trans', 'transactions', 'symposium', 'workshop', 'workshops', 'annual', 'ws', 'lbw', 'extended', 'abstracts']);

function venueWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/'\d{2}\b|\b(?:19|20)\d{2}\b/g, ' ')
    .split(/[^a-z]+/)
    .filter((w) => w.length >= 2 && !VENUE_STOP.has(w));
}

/** The dblp key's venue segment: conf/kdd/… → kdd, journals/tkde/… → tkde. */
const keyVenue = (key: string | undefined) => (key && /^(?:conf|journals)\//.test(key) ? key.split('/')[1]!.toLowerCase() : undefined);

/**
 * Does the venue the CV names agree with the version's? A word of the CV's
 * label equals the dblp key's venue segment, or a word of one starts another
 * word of the other (CRYPTO / CRYPTO (2); Cryptology / J. Cryptol.; TDSC / journals/tdsc).
 */
export function venueAgrees(pub: CanonicalPublication, v: SourceVersion): boolean {
  const cv = venueWords(pub.venue);
  const seg = keyVenue(v.dblpKey);
  if (seg !== undefined && cv.includes(seg)) return true;
  const theirs = venueWords(v.venue ?? '');
  return cv.some((a) => theirs.some((b) => (a.length >= 3 && b.length >= 3 && (a.startsWith(b) || b.startsWith(a))) || a === b));
}

/** Kind, then venue, then year: a number to compare versions that tie on title. */
export function fitOf(pub: CanonicalPublication, v: SourceVersion): number {
  return (kindAgrees(pub, v) ? 4 : 0) + (venueAgrees(pub, v) ? 2 : 0) + (v.year === pub.year ? 1 : 0);
}
