/** DOIs: "10." + registrant + "/" + suffix. Compared case-folded. */
import { doiPath } from './uri.ts';


const DOI = /^10\.\d{4,9}(?:\.\d+)*\/\S+$/;

/** Strips resolver prefixes (https://doi.org/, doi:) and returns the bare DOI, or undefined. */
export function parseDoi(text: string): string | undefined {
  const s = text
    .trim()
    .replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '');
  return DOI.test(s) ? s : undefined;
}

/** DOI characters kept, from a source and from the owner alike: printable ASCII with no quote, space, "<", ">", "\\", "{", "}", "|", "^", "`", "#" or "?". */
export const SAFE_DOI = /^10\.\d{4,9}(?:\.\d+)*\/[A-Za-z0-9\-._;()/:%+[\]=,@!$&'*~]+$/;

/** Whether a bare DOI is well formed and made of the safe characters. */
export function isSafeDoi(doi: string): boolean {
  return SAFE_DOI.test(doi);
}

/** The form used for comparing DOIs: case-folded (DOIs are case-insensitive). */
export function doiKey(doi: string): string {
  return doi.toLowerCase();
}

/** The DOI's resolver link, a valid URI (its characters percent-encoded where a URI needs it). */
export function doiUrl(doi: string): string {
  return `https://doi.org/${doiPath(doi)}`;
}
