/**
 * BibTeX text that BibTeX itself reads without error. BibTeX counts braces
 * regardless of backslashes, so a literal brace is written as a command
 * (\textbraceleft{}), never as \{; LaTeX specials are escaped; identifiers
 * and URLs are written raw (as the doi and url fields expect) and left out
 * when they could not be written safely.
 */

const SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '%': '\\%',
  '#': '\\#',
  '&': '\\&',
  $: '\\$',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Control characters and line breaks become spaces; runs of spaces collapse. */
function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Text for a BibTeX field: balanced braces, LaTeX specials escaped. */
export function bibText(s: string): string {
  return oneLine(s).replace(/[\\{}%#&$_~^]/g, (c) => SPECIALS[c]!);
}

/**
 * A DOI or URL as the doi/url fields expect it: unescaped. Braces and
 * backslashes cannot be written raw in BibTeX: a URL gets them
 * percent-encoded (the same URL); a DOI with them is left out (undefined).
 */
export function bibUrl(url: string): string | undefined {
  const u = oneLine(url).replace(/[{}\\\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return u === '' ? undefined : u;
}

export function bibDoi(doi: string): string | undefined {
  return /^[^\s{}\\]+$/.test(doi) ? doi : undefined;
}

/** A name part that BibTeX would split or misread (a comma, the word "and") is braced. */
function namePart(s: string, text: (s: string) => string): string {
  const t = text(s);
  return /,|(?:^|\s)and(?:\s|$)/i.test(s) ? `{${t}}` : t;
}

/** One author as "von Last, First" or "von Last, Jr, First" (BibTeX's unambiguous forms); `mark` (e.g. "*") goes after the family name. */
export function bibName(p: { readonly given: string; readonly particle?: string; readonly family: string; readonly suffix?: string }, mark = '', text: (s: string) => string = bibText): string {
  const last = `${p.particle ? `${namePart(p.particle, text)} ` : ''}${namePart(p.family, text)}${mark}`;
  if (p.suffix) return `${last}, ${namePart(p.suffix, text)}, ${namePart(p.given, text)}`;
  return p.given ? `${last}, ${namePart(p.given, text)}` : last;
}

/**
 * A word whose case carries meaning: a capital after its first letter or digit ("CutMix", "CNN", "ReLU",
 * "WCT2", "3D", "6DoF", "4K"), or a capital before a digit ("T5", "L2").
 */
const CASE_MATTERS = /^[^\p{L}\p{N}]*[\p{L}\p{N}].*\p{Lu}|\p{Lu}\p{N}/u;

/**
 * A title as BibTeX text with its case protected where case matters: each word
 * holding a capital after its first letter or digit, or before a digit, is
 * braced ("{CutMix}:", "{CNN}", "{3D}", "{T5}"), so a
 * style that lowercases titles (plain, IEEE, ACM: "t" in change.case$) keeps it,
 * while ordinary words still follow the style. Words are split at spaces only.
 */
export function bibTitle(title: string, text: (s: string) => string = bibText): string {
  return text(title)
    .split(' ')
    // A word starting with a command (\textbraceleft{}…) would make its group a BibTeX "special character", whose letters change case: left as it is.
    .map((word) => {
      if (!CASE_MATTERS.test(word) || word.startsWith('\\')) return word;
      // Trailing punctuation stays outside the braces ("{CutMix}:"), where styles expect it.
      const [, core, tail] = /^(.*?)([:;,.!?]*)$/.exec(word)!;
      return `{${core}}${tail}`;
    })
    .join(' ');
}

export type BibField = readonly [name: string, value: string | undefined];

/** An entry key: ASCII letters, digits and - _ : . only (stable: made from the work's id). */
export function bibKey(id: string): string {
  const key = id.replace(/[^A-Za-z0-9_:.-]/g, '-').replace(/^-+/, '');
  return key === '' ? 'work' : key;
}

/** `@type{key,\n  field = {value},\n}`; fields without a value are left out. Values must already be BibTeX text. */
export function bibEntry(type: string, key: string, fields: readonly BibField[]): string {
  const present = fields.filter((f): f is readonly [string, string] => f[1] !== undefined && f[1] !== '');
  const width = Math.max(...present.map(([k]) => k.length));
  return `@${type}{${key},\n${present.map(([k, v]) => `  ${k.padEnd(width)} = {${v}}`).join(',\n')}\n}`;
}
