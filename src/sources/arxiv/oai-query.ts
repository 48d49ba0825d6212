/**
 * Requests to arXiv's OAI-PMH service (https://info.arxiv.org/help/oa/index.html):
 * ListRecords by datestamp (from/until, day granularity, both inclusive), in a set
 * or the whole archive, then resumptionTokens until an empty one closes the list.
 * Tokens are opaque and passed back exactly (the 2025 service's are themselves
 * percent-encoded, so they are encoded once more in the URL).
 */
import type { OaiMetadataFormat } from './oai-record.ts';

/** The service since the Feb-2025 rewrite (arXiv/oaipmh oai_config BASE_URL is https://arxiv.org/oai; oaipmh.arxiv.org serves it). */
export const ARXIV_OAI = 'https://oaipmh.arxiv.org/oai';

export interface ListRecordsQuery {
  readonly metadataPrefix: OaiMetadataFormat;
  /** YYYY-MM-DD, inclusive. */
  readonly from: string;
  /** YYYY-MM-DD, inclusive. */
  readonly until: string;
  /** A set spec ("cs", "physics:hep-th", "cs:cs:LG"); none = the whole archive. */
  readonly set?: string;
}

export function listRecordsUrl(base: string, q: ListRecordsQuery): string {
  const params = [`verb=ListRecords`, `metadataPrefix=${q.metadataPrefix}`, `from=${q.from}`, `until=${q.until}`, ...(q.set ? [`set=${encodeURIComponent(q.set)}`] : [])];
  return `${base}?${params.join('&')}`;
}

export function resumeUrl(base: string, token: string): string {
  return `${base}?verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`;
}

/** YYYY-MM-DD of a time (UTC). */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The day before a YYYY-MM-DD date. */
export function dayBefore(date: string): string {
  return utcDate(Date.parse(`${date}T00:00:00Z`) - 86_400_000);
}

/** The day after a YYYY-MM-DD date. */
export function dayAfter(date: string): string {
  return utcDate(Date.parse(`${date}T00:00:00Z`) + 86_400_000);
}
