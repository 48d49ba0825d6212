/**
 * Text from a source as it may be shown: control characters (C0 and C1, e.g.
 * an ESC sequence that recolours a terminal) and the bidirectional embedding,
 * override and isolate characters (which reorder what a reader sees) are
 * removed; line breaks and tabs become spaces. The native bytes stay in raw/.
 */
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function withoutControls(s: string): string {
  return s.replace(HIDDEN, '');
}

/** Whitespace runs (line breaks included) collapsed to one space, trimmed, hidden characters removed. */
export function cleanText(s: string): string {
  return withoutControls(s).replace(/\s+/g, ' ').trim();
}

/** Longest title accepted from a source (arXiv's longest real titles are a few hundred characters). */
export const MAX_TITLE_CHARS = 2_000;
/** Longest abstract kept (arXiv limits abstracts to 1,920 characters). */
export const MAX_ABSTRACT_CHARS = 10_000;
/** Longest other field kept (a venue, a journal reference, a comment). */
export const MAX_FIELD_CHARS = 1_000;
/** Most authors accepted on one record (the largest physics collaborations list about 5,000). */
export const MAX_AUTHORS = 5_000;
/** Longest author name accepted. */
export const MAX_NAME_CHARS = 300;

/** Why a record's text is not believable, or undefined when it is within bounds. */
export function oversized(title: string, authors: readonly string[]): string | undefined {
  if (title.length > MAX_TITLE_CHARS) return `its title is ${title.length.toLocaleString('en-US')} characters long (at most ${MAX_TITLE_CHARS.toLocaleString('en-US')} are accepted)`;
  if (authors.length > MAX_AUTHORS) return `it lists ${authors.length.toLocaleString('en-US')} authors (at most ${MAX_AUTHORS.toLocaleString('en-US')} are accepted)`;
  const long = authors.find((a) => a.length > MAX_NAME_CHARS);
  if (long !== undefined) return `an author name is ${long.length.toLocaleString('en-US')} characters long (at most ${MAX_NAME_CHARS} are accepted)`;
  return undefined;
}

/** Most records one source document may hold (an arXiv feed page holds at most 2,000; the largest dblp person pages about 4,000). */
export const MAX_RECORDS_PER_DOCUMENT = 5_000;
/** Most authors, over all its records, one source document may list (20 collaboration papers of 5,000 authors). */
export const MAX_AUTHORS_PER_DOCUMENT = 100_000; // counted over the records within MAX_AUTHORS

/** Authors over a document's records, counting only records within MAX_AUTHORS (a record beyond it is left out on its own). */
export function authorsRead(perRecord: Iterable<number>): number {
  let n = 0;
  for (const k of perRecord) if (k <= MAX_AUTHORS) n += k;
  return n;
}

/** Why a document holds more than any source sends (too many records, or authors over all its records), or undefined. */
export function overfull(records: number, authors: number): string | undefined {
  if (records > MAX_RECORDS_PER_DOCUMENT) return `${records.toLocaleString('en-US')} records (at most ${MAX_RECORDS_PER_DOCUMENT.toLocaleString('en-US')} are read from one document)`;
  if (authors > MAX_AUTHORS_PER_DOCUMENT) return `${authors.toLocaleString('en-US')} authors over its records (at most ${MAX_AUTHORS_PER_DOCUMENT.toLocaleString('en-US')} are read from one document)`;
  return undefined;
}

