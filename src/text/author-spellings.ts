/**
 * One spelling per co-author across everything published. Names that are the
 * same person written differently ("Jung-woo Ha" / "Jung-Woo Ha": the same
 * normalised name, see normalize-name.ts) are published in one spelling:
 *   1. the one the owner's alias map names (config.json publishing.authorSpellings,
 *      { "<any spelling>": "<the spelling to publish>" }; it may also join names
 *      that do not normalise alike, e.g. "J. Ha" → "Jung-Woo Ha");
 *   2. otherwise the spelling the CV uses most often; on a tie, the one met first
 *      in the CV's order.
 * cv.json is never changed; the report lists every group with more than one
 * spelling, so the owner can see the choice and change it.
 */
import { normalizeName } from './normalize-name.ts';

export interface SpellingGroup {
  /** The spelling published. */
  readonly chosen: string;
  /** Every spelling met, the chosen one included, in order of first appearance. */
  readonly variants: readonly string[];
  /** Where each spelling other than the chosen one was met (work ids). */
  readonly works: readonly string[];
  /** Why this spelling: the owner's alias map, or the CV's most frequent. */
  readonly rule: 'alias' | 'most frequent';
}

export interface AuthorSpellings {
  /** The spelling to publish for a name as written. */
  readonly spell: (name: string) => string;
  /** Groups with more than one spelling (or an alias that changed one), in order of first appearance. */
  readonly groups: readonly SpellingGroup[];
}

/** `authors`: every co-author occurrence in the CV's order (the owner left out), with its work id. */
export function authorSpellings(authors: ReadonlyArray<{ readonly name: string; readonly workId: string }>, aliases: Readonly<Record<string, string>> = {}): AuthorSpellings {
  const alias = new Map(Object.entries(aliases).map(([from, to]) => [normalizeName(from), to.trim()] as const));
  const keyOf = (name: string) => {
    const a = alias.get(normalizeName(name));
    return a !== undefined ? normalizeName(a) : normalizeName(name);
  };
  const seen = new Map<string, { counts: Map<string, number>; works: Map<string, string[]> }>();
  for (const { name, workId } of authors) {
    const key = keyOf(name);
    const g = seen.get(key) ?? { counts: new Map<string, number>(), works: new Map<string, string[]>() };
    g.counts.set(name, (g.counts.get(name) ?? 0) + 1);
    g.works.set(name, [...(g.works.get(name) ?? []), workId]);
    seen.set(key, g);
  }
  const chosen = new Map<string, SpellingGroup>();
  for (const [key, g] of seen) {
    const variants = [...g.counts.keys()];
    const named = [...alias.entries()].find(([from, to]) => from === key || normalizeName(to) === key)?.[1];
    const best = named ?? variants.reduce((a, b) => (g.counts.get(b)! > g.counts.get(a)! ? b : a));
    const works = variants.filter((v) => v !== best).flatMap((v) => g.works.get(v)!);
    chosen.set(key, { chosen: best, variants: named && !variants.includes(named) ? [...variants, named] : variants, works: [...new Set(works)], rule: named ? 'alias' : 'most frequent' });
  }
  return {
    spell: (name) => chosen.get(keyOf(name))?.chosen ?? name,
    groups: [...chosen.values()].filter((g) => g.variants.length > 1 || g.variants[0] !== g.chosen),
  };
}
