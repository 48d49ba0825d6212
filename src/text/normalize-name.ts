/**
 * Normalised form of a person's name, for comparing names across sources:
 * Unicode-folded (NFKD, diacritics removed), lower case, dblp homonym suffix
 * (" 0001") removed, hyphens joined ("Jung-woo" = "Jungwoo"), punctuation removed.
 */
const DBLP_SUFFIX = /\s+\d{4}$/;

export function stripDblpSuffix(name: string): string {
  return name.trim().replace(DBLP_SUFFIX, '');
}

export function normalizeName(name: string): string {
  return stripDblpSuffix(name)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2010-\u2015-]/g, '')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
