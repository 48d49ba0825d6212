/**
 * Blocking for word matching: each title is indexed under its 4 rarest content
 * words, and a lookup returns the items that share at least 2 of them with the
 * query (1 when the title has a single content word). Two titles similar
 * enough to match (Dice ≥ 0.9) differ by at most a word or so, so they keep at
 * least 2 of their rarest words in common; unrelated titles rarely share two
 * rare words. Candidates are looked up, never compared all-pairs.
 */
import { titleTokens } from '../text/normalize-title.ts';

const KEYS_PER_TITLE = 4;
const MIN_SHARED_KEYS = 2;

export class TitleIndex<T> {
  private readonly df = new Map<string, number>();
  private readonly postings = new Map<string, T[]>();

  /** Document frequencies first: call count() for every title before add()/lookup(). */
  count(normTitle: string): void {
    this.keyMemo.clear();
    for (const t of new Set(titleTokens(normTitle))) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  private readonly keyMemo = new Map<string, string[]>();

  /** The title's rarest words (memoised: only valid once every title was counted). */
  private keys(normTitle: string): string[] {
    let keys = this.keyMemo.get(normTitle);
    if (!keys) {
      keys = this.rarest(normTitle);
      this.keyMemo.set(normTitle, keys);
    }
    return keys;
  }

  private rarest(normTitle: string): string[] {
    return [...new Set(titleTokens(normTitle))]
      .sort((a, b) => (this.df.get(a) ?? 0) - (this.df.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, KEYS_PER_TITLE);
  }

  add(normTitle: string, item: T): void {
    for (const k of this.keys(normTitle)) {
      const list = this.postings.get(k);
      if (list) list.push(item);
      else this.postings.set(k, [item]);
    }
  }

  /** Items sharing enough rare words with this title (deduplicated, in first-seen order). */
  lookup(normTitle: string): T[] {
    const keys = this.keys(normTitle);
    const need = Math.min(MIN_SHARED_KEYS, keys.length);
    const shared = new Map<T, number>();
    for (const k of keys) for (const item of this.postings.get(k) ?? []) shared.set(item, (shared.get(item) ?? 0) + 1);
    return [...shared].filter(([, n]) => n >= need).map(([item]) => item);
  }
}
