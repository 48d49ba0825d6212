/** An author as the pipeline carries it between stages. */
export interface Author {
  /** The name as the source (or the CV) displays it; dblp homonym suffixes removed. */
  readonly displayName: string;
  /** normalizeName(displayName): the form names are compared in. */
  readonly normalized: string;
  /** dblp person id, when the source gave one (e.g. "95/7448-1"). */
  readonly dblpPid?: string;
  /** ORCID iD, when the source gave one. */
  readonly orcid?: string;
  readonly affiliations?: readonly string[];
}
