/** Typed values parsed from arXiv Atom feeds (both API backends). */
export interface ArxivAuthor {
  readonly name: string;
  readonly affiliations: readonly string[];
  /** A collaboration ("ATLAS Collaboration"), not a person: never matched as an author name. OAI-PMH records only. */
  readonly collaboration?: true;
}

/** One version of an arXiv record and when it was submitted (OAI-PMH arXivRaw only). */
export interface ArxivVersionDate {
  readonly version: number;
  /** Submission date (ISO). */
  readonly submitted: string;
}

export interface ArxivRecord {
  /** Base ID without version, e.g. "1905.04899" or "cs/0112017". */
  readonly id: string;
  /** Version of this record, from the vN suffix of <id>; absent when <id> carries none (never assumed). */
  readonly version?: number;
  /** Title as written (LaTeX kept), whitespace collapsed. "0" stays the string "0". */
  readonly title: string;
  /** Title with LaTeX/markup reduced to text, for matching. */
  readonly titlePlain: string;
  readonly abstract: string;
  readonly abstractPlain: string;
  readonly authors: readonly ArxivAuthor[];
  /** Date of v1 (ISO). */
  readonly published?: string;
  /** Date of this version (ISO). The new backend's v1 may differ from published: use `version`, not this, to detect revisions. */
  readonly updated?: string;
  readonly comment?: string;
  readonly journalRef?: string;
  readonly doi?: string;
  /** Every DOI when the record names several (OAI-PMH's doi field can hold a list); `doi` is the first. */
  readonly dois?: readonly string[];
  /** Every version with its submission date (OAI-PMH arXivRaw). */
  readonly versionDates?: readonly ArxivVersionDate[];
  readonly primaryCategory?: string;
  readonly categories: readonly string[];
  readonly links: { readonly abstract: string; readonly pdf: string; readonly doi?: string };
}

export type ArxivBackend = 'legacy' | 'new' | 'unknown';

export type ArxivFeed =
  | {
      readonly kind: 'feed';
      readonly backend: ArxivBackend;
      readonly totalResults?: number;
      readonly startIndex?: number;
      readonly itemsPerPage?: number;
      readonly records: readonly ArxivRecord[];
      /** Legacy-backend placeholders for missing IDs (only an empty primary_category). */
      readonly ghosts: number;
      /** Entries that could not be read, each saying why. */
      readonly problems: readonly string[];
    }
  | {
      /** arXiv's error feed (HTTP 200 on the legacy backend, 400 on the new one). */
      readonly kind: 'error';
      readonly message: string;
      readonly errorId: string;
    };
