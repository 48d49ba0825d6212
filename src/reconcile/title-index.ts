/**
 * Blocking for word matching: each title is indexed under its rarest content
 * words, so candidates are looked up, never compared all-pairs. Two titles
 * similar enough to match share most words, hence at least one rare one.
 */
import { titleTokens } from '../text/normalize-title.ts';

const KEYS_PER_TITLE = 3;

export class TitleIndex<T> {
  private readonly df = new Map<string, number>();
  private readonly postings = new Map<string, T[]>();

  /** Document frequencies first: call count() for every title before add()/lookup(). */
  count(normTitle: string): void {
    for (const t of new Set(titleTokens(normTitle))) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  private keys(normTitle: string): string[] {
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

  /** Items indexed under any of this title's rare words (deduplicated, in insertion order). */
  lookup(normTitle: string): T[] {
    const seen = new Set<T>();
    for (const k of this.keys(normTitle)) for (const item of this.postings.get(k) ?? []) seen.add(item);
    return [...seen];
  }
}
