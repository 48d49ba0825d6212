/**
 * Issue 21 items 4 and 5, through BibTeX itself: publications.bib, al-folio's
 * papers.bib and the Hugo Blox cite.bib files formatted by plain (whose titles
 * go through change.case$ "t", lowercasing all but the first letter) and by
 * alpha and abbrv: every word whose case carries meaning (CutMix, CNN, ReLU…)
 * comes out as written, ordinary words follow the style, no reference prints
 * "Equal contribution", and BibTeX warns of nothing.
 */
import { describe, expect, it } from 'vitest';
import { toBibtex } from '../../src/publish/citations/bibtex.ts';
import { toAlFolioBib } from '../../src/publish/site/al-folio.ts';
import { hugoBloxFiles } from '../../src/publish/site/hugo-blox.ts';
import { runBibtex } from '../helpers/bibtex.ts';
import { firstUserRun } from '../helpers/first-user-run.ts';

const { output } = await firstUserRun();
const profile = output.profile;
const cites = hugoBloxFiles(profile).filter((f) => f.path.endsWith('cite.bib')).map((f) => f.body as string).join('\n');

/** Each \bibitem of a .bbl as plain text (braces and LaTeX line breaks removed), by key. */
function formatted(bbl: string): Map<string, string> {
  const items = new Map<string, string>();
  for (const m of bbl.matchAll(/\\bibitem(?:\[[^\]]*\])?\{([^}]+)\}([\s\S]*?)(?=\\bibitem|\\end\{thebibliography\})/g)) {
    items.set(m[1]!, m[2]!.replace(/\\newblock/g, '').replace(/[{}]/g, '').replace(/\s+/g, ' ').trim());
  }
  return items;
}

const CASE_WORD = /^[^\p{L}]*\p{L}.*\p{Lu}/u;

describe.each([
  ['publications.bib', toBibtex(profile)],
  ['al-folio/papers.bib', toAlFolioBib(profile)],
  ['hugo-blox cite.bib', cites],
])('%s', (name, bib) => {
  it.each(['plain', 'abbrv', 'alpha'])('formatted by %s: no warning, case kept where it matters, no "Equal contribution"', (style) => {
    const r = runBibtex(bib, style);
    expect(r.errors, r.log).toEqual([]);
    expect(r.warnings, r.log).toEqual([]);
    const items = formatted(r.bbl);
    expect(items.size).toBe(profile.publications.length);
    for (const w of profile.publications) {
      const ref = items.get(w.id)!;
      for (const word of w.title.split(' ').filter((x) => CASE_WORD.test(x))) expect(ref, `${name} ${style} ${w.id}`).toContain(word);
      expect(ref).not.toMatch(/equal contribution/i);
    }
    // Ordinary words follow the style: plain lowercases all but the first word and the word after ": " (kept outside the braces).
    if (style === 'plain') expect(items.get('iccv19-cutmix')).toContain('CutMix: Regularization strategy to train strong classifiers with localizable features');
  });
});
