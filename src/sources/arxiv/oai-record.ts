/** Typed values parsed from arXiv's OAI-PMH responses (https://oaipmh.arxiv.org/oai). */
import type { ArxivRecord } from './arxiv-record.ts';

export type OaiMetadataFormat = 'arXivRaw' | 'arXiv' | 'oai_dc';

export interface OaiRecord {
  /** oai:arXiv.org:<id> */
  readonly identifier: string;
  /** Base arXiv ID from the identifier (also for deleted records). */
  readonly arxivId?: string;
  /** Last-modified date of the record (YYYY-MM-DD): what from/until select on. */
  readonly datestamp: string;
  readonly sets: readonly string[];
  /** header status="deleted": no metadata. */
  readonly deleted: boolean;
  readonly format?: OaiMetadataFormat;
  /** The metadata as the same typed record the Atom parser produces (absent when deleted or unreadable). */
  readonly record?: ArxivRecord;
}

export interface ResumptionToken {
  /** The token; "" means the list is complete (an empty token closes it). */
  readonly token: string;
  readonly cursor?: number;
  readonly completeListSize?: number;
  /** expirationDate (OAI-PMH) or expires (arXiv's 2025 service). */
  readonly expires?: string;
}

export interface OaiError {
  /** noRecordsMatch, badResumptionToken, badArgument, cannotDisseminateFormat, idDoesNotExist, badVerb, … */
  readonly code: string;
  readonly message: string;
}

export type OaiPage =
  | {
      readonly kind: 'records';
      readonly verb: 'ListRecords' | 'GetRecord';
      readonly responseDate?: string;
      readonly records: readonly OaiRecord[];
      /** Absent: the list fits in this response. Present with token "": the last page of a list. */
      readonly resumption?: ResumptionToken;
      /** Records that could not be read, each saying why (the others stand). */
      readonly problems: readonly string[];
    }
  | { readonly kind: 'error'; readonly errors: readonly OaiError[] };
