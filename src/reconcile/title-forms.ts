/**
 * The titles a version can be matched by: its whole normalised title, and its
 * main title when it has a subtitle (mainTitleOf: 3 content words at least).
 * A CV, a preprint or a published record may drop a subtitle another keeps.
 */
import { mainTitleOf, titleSimilarity } from '../text/normalize-title.ts';
import type { SourceVersion } from './source-version.ts';

const formsMemo = new WeakMap<SourceVersion, readonly string[]>();

/** Whole title, then main title when there is one; memoised per version. */
export function titleForms(v: SourceVersion): readonly string[] {
  let forms = formsMemo.get(v);
  if (!forms) {
    const main = mainTitleOf(v.title);
    forms = main ? [v.normTitle, main] : [v.normTitle];
    formsMemo.set(v, forms);
  }
  return forms;
}

/** Similarity of two titles given as [whole, main?]: whole to whole, or one side's main title to the other's whole title (never main to main). */
export function formsSimilarity(a: readonly string[], b: readonly string[]): number {
  const [wa, ma] = a as [string, string | undefined];
  const [wb, mb] = b as [string, string | undefined];
  let best = titleSimilarity(wa, wb);
  if (mb !== undefined && best < 1) best = Math.max(best, titleSimilarity(wa, mb));
  if (ma !== undefined && best < 1) best = Math.max(best, titleSimilarity(ma, wb));
  return best;
}
