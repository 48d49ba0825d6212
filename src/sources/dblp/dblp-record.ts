/** Typed values parsed from dblp documents. */
export type DblpRecordType = 'inproceedings' | 'article' | 'incollection' | 'proceedings' | 'book' | 'phdthesis' | 'mastersthesis' | 'www' | 'data';

export interface DblpPersonRef {
  /** Display name: dblp's homonym suffix (" 0001") removed. */
  readonly name: string;
  /** The name exactly as dblp writes it, suffix included. */
  readonly dblpName: string;
  readonly pid?: string;
  readonly orcid?: string;
}

export interface DblpLink {
  readonly url: string;
  /** dblp's ee type attribute, e.g. "oa". */
  readonly type?: string;
  readonly doi?: string;
  /** arXiv base ID when the link points at arXiv (URL or 10.48550 DOI). */
  readonly arxiv?: string;
}

export interface DblpRecord {
  readonly key: string;
  readonly mdate?: string;
  readonly type: DblpRecordType;
  /** informal (CoRR), withdrawn, informal withdrawn, … */
  readonly publtype?: string;
  readonly authors: readonly DblpPersonRef[];
  readonly editors: readonly DblpPersonRef[];
  /** Full text content (inline markup flattened), trailing period removed. */
  readonly title: string;
  readonly booktitle?: string;
  readonly journal?: string;
  readonly volume?: string;
  readonly number?: string;
  readonly pages?: string;
  readonly year?: number;
  readonly ee: readonly DblpLink[];
  readonly url?: string;
  readonly crossref?: string;
  /** A CoRR (arXiv) record: publtype informal and journal CoRR. */
  readonly isCorr: boolean;
  /** arXiv base ID of a CoRR record (from volume abs/… or an ee). */
  readonly arxivId?: string;
  /** The first non-arXiv DOI among the ee links. */
  readonly doi?: string;
}

export interface DblpHomonym {
  readonly name: string;
  readonly pid?: string;
  readonly key?: string;
  readonly publtype?: string;
}

export interface DblpPerson {
  /** Person name without homonym suffix, and as dblp writes it. */
  readonly name: string;
  readonly dblpName: string;
  readonly pid: string;
  readonly affiliations: readonly string[];
  readonly urls: readonly string[];
  /** Records where the person is an author (their papers). */
  readonly records: readonly DblpRecord[];
  /** Records where the person is only an editor: not their papers. */
  readonly editorOnly: readonly DblpRecord[];
  readonly homonyms: readonly DblpHomonym[];
  readonly coauthors: ReadonlyArray<{ readonly name: string; readonly pid?: string }>;
  /** Records left out, each saying why (a malformed key, a duplicate, a title beyond belief). */
  readonly problems: readonly string[];
}
