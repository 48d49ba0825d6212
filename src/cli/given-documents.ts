/**
 * Documents given on the command line are read by their parsers before
 * anything is written: one that is not what its option says (a dblp page given
 * as --arxiv, a search JSON given as --dblp, an HTML error page, a truncated
 * file) is invalid input naming the user's own path, and nothing is published.
 */
import { readFileSync } from 'node:fs';
import { DocumentError } from '../input/input-error.ts';
import { identifyDocument, KIND_NAMES, type DocumentKind } from '../sources/document-kind.ts';
import { requireFile } from './given-paths.ts';

export interface GivenOption {
  /** "--arxiv" */
  readonly option: string;
  /** The kinds the option takes, and how they are named in a message. */
  readonly kinds: readonly DocumentKind[];
  readonly expected: string;
}

export const ARXIV_OPTION: GivenOption = { option: '--arxiv', kinds: ['arxiv-feed'], expected: 'an arXiv API response (Atom feed of records)' };
export const DBLP_OPTION: GivenOption = {
  option: '--dblp',
  kinds: ['dblp-person', 'dblp-records'],
  expected: 'a dblp person bibliography (https://dblp.org/pid/<pid>.xml) or dblp records (https://dblp.org/rec/<key>.xml, a bare <article>/<inproceedings>)',
};

/** Checks each file: it exists (else UsageError), parses, and is of the option's kind (else DocumentError, exit 3). */
export function checkGivenDocuments(given: GivenOption, files: readonly string[]): void {
  for (const file of files) requireFile(given.option, file);
  for (const file of files) {
    const doc = identifyDocument(new Uint8Array(readFileSync(file)), file);
    if (given.kinds.includes(doc.kind)) continue;
    const detail = doc.kind === 'arxiv-error' ? `: "${doc.feed.message}"` : '';
    throw new DocumentError(file, `${given.option} takes ${given.expected}, but this is ${KIND_NAMES[doc.kind]}${detail}`);
  }
}
