/**
 * arXiv identifiers (https://info.arxiv.org/help/arxiv_identifier.html).
 * New scheme: YYMM.NNNN (0704–1412) or YYMM.NNNNN (1501 on), optional vN.
 * Old scheme: archive(.SUBCLASS)/YYMMNNN, optional vN; the API answers in the
 * canonical form without the subclass.
 */
export interface ArxivId {
  /** Base identifier without version, canonical form (old-style subclass dropped). */
  readonly base: string;
  /** Version number when the identifier carried one. */
  readonly version?: number;
}

const NEW_ID = /^(\d{2})(\d{2})\.(\d{4,5})(?:v(\d+))?$/;
const OLD_ID = /^([a-z][a-z-]*)(?:\.[A-Za-z-]+)?\/(\d{2})(\d{2})(\d{3})(?:v(\d+))?$/;

/** Parses an arXiv identifier; returns undefined when it is not well formed. */
export function parseArxivId(text: string): ArxivId | undefined {
  const s = text.trim().replace(/^arxiv:/i, '');
  const n = NEW_ID.exec(s);
  if (n) {
    const [, yy, mm, seq, v] = n as unknown as [string, string, string, string, string | undefined];
    const month = Number(mm);
    const yymm = Number(yy + mm);
    if (month < 1 || month > 12 || yymm < 704) return undefined;
    // 4-digit sequence numbers until 1412, 5-digit from 1501.
    if ((yymm <= 1412) !== (seq.length === 4)) return undefined;
    return withVersion(`${yy}${mm}.${seq}`, v);
  }
  const o = OLD_ID.exec(s);
  if (o) {
    const [, archive, yy, mm, seq, v] = o as unknown as [string, string, string, string, string, string | undefined];
    const month = Number(mm);
    if (month < 1 || month > 12) return undefined;
    return withVersion(`${archive}/${yy}${mm}${seq}`, v);
  }
  return undefined;
}

function withVersion(base: string, v: string | undefined): ArxivId {
  if (v === undefined) return { base };
  const version = Number(v);
  return version >= 1 ? { base, version } : { base };
}

/** The base ID (version stripped) of a well-formed identifier, else undefined. */
export function arxivBaseId(text: string): string | undefined {
  return parseArxivId(text)?.base;
}

/**
 * Finds an arXiv ID in a URL or DOI: https://arxiv.org/abs/1905.04899v2,
 * http://arxiv.org/pdf/cs/0112017v1, 10.48550/arXiv.2508.04024.
 */
export function arxivIdFromLink(link: string): ArxivId | undefined {
  const doi = /10\.48550\/arxiv\.(.+)$/i.exec(link.trim());
  if (doi?.[1]) return parseArxivId(doi[1]);
  const url = /arxiv\.org\/(?:abs|pdf)\/(.+?)(?:\.pdf)?\/?$/i.exec(link.trim());
  if (url?.[1]) return parseArxivId(url[1]);
  return undefined;
}

export function arxivAbsUrl(base: string, version?: number): string {
  return `https://arxiv.org/abs/${base}${version ? `v${version}` : ''}`;
}

export function arxivPdfUrl(base: string, version?: number): string {
  return `https://arxiv.org/pdf/${base}${version ? `v${version}` : ''}`;
}
