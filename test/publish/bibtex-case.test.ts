/**
 * Issue 21 items 4 and 5, through BibTeX itself: publications.bib, al-folio's
 * papers.bib and the Hugo Blox cite.bib files formatted by plain (whose titles
 * go through change.case$ "t", lowercasing all but the first letter) and by
 * alpha and abbrv: every word whose case carries meaning (CutMix, CNN, ReLU…,
 * and digit-led ones: 3D, 6DoF, 4K) comes out as written, ordinary words follow the style, no reference prints
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

/** A word whose case carries meaning: a capital after its first letter or digit (CutMix, CNN, 3D, 6DoF), or a capital before a digit (T5). */
const CASE_WORD = /^[^\p{L}\p{N}]*[\p{L}\p{N}].*\p{Lu}|\p{Lu}\p{N}/u;

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

describe('a title with digit-led acronyms (3D, 2D, 6DoF, 4K) and a capital before a digit (T5)', () => {
  const title = 'Learning 3D Shapes from 2D Images with 6DoF Poses, 4K Video and T5 Encoders';
  const base = profile.publications.find((w) => w.id === 'iccv19-cutmix')!;
  const one = { ...profile, publications: [{ ...base, id: 'shapes-3d', title }] };
  const bibs = [
    ['publications.bib', toBibtex(one)],
    ['al-folio/papers.bib', toAlFolioBib(one)],
    ['hugo-blox cite.bib', hugoBloxFiles(one).find((f) => f.path.endsWith('cite.bib'))!.body as string],
  ] as const;

  it.each(['plain', 'abbrv', 'alpha'])('%s keeps their case in all three .bib files, and lowercases the ordinary words', (style) => {
    for (const [name, bib] of bibs) {
      const r = runBibtex(bib, style);
      expect(r.errors, `${name}: ${r.log}`).toEqual([]);
      expect(r.warnings, `${name}: ${r.log}`).toEqual([]);
      expect(formatted(r.bbl).get('shapes-3d'), `${name} ${style}`).toContain('Learning 3D shapes from 2D images with 6DoF poses, 4K video and T5 encoders.');
    }
  });
});

