/**
 * Normalised title for matching: Unicode folded (NFKC, then diacritics
 * removed), LaTeX and HTML markup reduced to text, case folded, hyphens and
 * punctuation removed, dblp's trailing period dropped, whitespace collapsed.
 */
import { decodeHTML } from 'entities';
import { plainText } from './plain-text.ts';

export function normalizeTitle(title: string): string {
  return plainText(decodeHTML(title).normalize('NFKC'))
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2010-\u2015-]+/g, ' ')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What a copy adds to its work's title: "(Extended Version)", "Full version", "(Long Version)", "(Technical Report)". */
const VERSION_SUFFIX = / (?:extended|full|long|preprint|arxiv) version$| technical report$| tech report$/;

/** A normalised title without a copy's version suffix ("… (Extended Version)" is the same paper as "…"). */
export function withoutVersionSuffix(normalized: string): string {
  const cut = normalized.replace(VERSION_SUFFIX, '');
  return cut === '' ? normalized : cut;
}

const STOP = new Set(['a', 'an', 'and', 'the', 'of', 'for', 'in', 'on', 'with', 'to', 'via', 'by', 'from', 'at', 'is', 'are', 'as', 'or']);

const tokenCache = new Map<string, string[]>();

/** Content words of a normalised title (stop words and a copy's version suffix removed). Memoised: titles are compared many times. */
export function titleTokens(normalized: string): string[] {
  let tokens = tokenCache.get(normalized);
  if (!tokens) {
    if (tokenCache.size > 500_000) tokenCache.clear();
    tokens = withoutVersionSuffix(normalized).split(' ').filter((t) => t !== '' && !STOP.has(t));
    tokenCache.set(normalized, tokens);
  }
  return tokens;
}

/**
 * Similarity of two normalised titles in [0, 1]: Dice coefficient over
 * content-word multisets, with words compared as equal when one is a plural
 * or small-typo form of the other.
 */
export function titleSimilarity(a: string, b: string): number {
  if (a === b || withoutVersionSuffix(a) === withoutVersionSuffix(b)) return 1;
  // Spacing only ("Few-shot" written "Fewshot", "Pre-training" "Pretraining"): the same title.
  if (a.replace(/ /g, '') === b.replace(/ /g, '')) return 1;
  const ta = titleTokens(a);
  const tb = titleTokens(b);
  if (ta.length === 0 || tb.length === 0) return 0;
  const pool = [...tb];
  let shared = 0;
  for (const t of ta) {
    let i = pool.indexOf(t);
    if (i < 0) i = pool.findIndex((u) => wordsAlike(t, u));
    if (i >= 0) {
      shared++;
      pool.splice(i, 1);
    }
  }
  return (2 * shared) / (ta.length + tb.length);
}

function wordsAlike(a: string, b: string): boolean {
  if (a.length < 5 || b.length < 5) return false;
  if (a + 's' === b || b + 's' === a) return true;
  return Math.abs(a.length - b.length) <= 1 && levenshtein(a, b) <= 1;
}

/** Edit distance (insert, delete, substitute), for short strings. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * The main title of a title with a subtitle ("CutMix: Regularization …" → "cutmix",
 * normalised), when it has at least three content words; else undefined. A CV
 * may drop a subtitle the source keeps, or keep one the source drops. (A title
 * ending in a colon gets its whole title as main title: harmless.)
 */
export function mainTitleOf(title: string): string | undefined {
  const cut = /\s*(?::|\s[-\u2013\u2014]\s)\s*/.exec(title);
  if (!cut || cut.index === 0) return undefined;
  const main = normalizeTitle(title.slice(0, cut.index));
  return titleTokens(main).length >= 3 ? main : undefined;
}
