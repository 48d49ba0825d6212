/**
 * Identifiers and dates from a source, checked for form before they become
 * typed values: what is not well formed is left out (and the parser says so),
 * never passed on to a published link.
 */
import { isDblpKey } from '../ids/dblp-key.ts';
import { isSafeDoi, parseDoi } from '../ids/doi.ts';

/** A bare DOI from a DOI, DOI URL or "doi:" form, when it is well formed and safe to link; else undefined. */
export function sourceDoi(text: string): string | undefined {
  const doi = parseDoi(text);
  return doi !== undefined && isSafeDoi(doi) ? doi : undefined;
}

/** A dblp record key (conf/iccv/YunHCOYC19) with no "." or ".." segment. */
export function isSourceDblpKey(key: string): boolean {
  return isDblpKey(key) && !key.split('/').some((s) => s === '.' || s === '..');
}

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 date-time with a 4-digit year that names a real instant (2020-02-30 does not). */
export function isIsoDateTime(text: string): boolean {
  const m = ISO_TIME.exec(text);
  if (!m) return false;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && h < 24 && mi < 60 && s < 61;
}

/** An http(s) URL (the only links taken from a source document). */
export function isWebUrl(text: string): boolean {
  return /^https?:\/\/[^\s"<>\\^`{|}]+$/i.test(text);
}
