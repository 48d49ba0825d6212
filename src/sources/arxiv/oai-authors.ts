/**
 * Author names as arXiv's OAI-PMH formats write them, turned into the
 * `ArxivAuthor` the Atom parser produces ("Forenames Keyname Suffix"):
 *   - arXiv: <author><keyname/><forenames/><suffix/><affiliation/>*</author>, with the
 *     artefacts submitters leave there: a collaboration in the keyname ("Planck
 *     Collaboration", "Collaboration" + forenames "Super-Kamiokande"), a person "for the"
 *     collaboration in one author, a lone ":" keyname, two keynames;
 *   - arXivRaw: one string, "A and B" (legacy) or "A, B" (2025 backend), with
 *     parenthesised affiliations "A (MIT)" or numbered ones "A (1), B (2) ((1) MIT, (2) CMU)",
 *     suffixes after a comma ("Rodrigues, Jr."), a leading "X Collaboration:";
 *   - oai_dc: "Keyname Suffix, Forenames" per dc:creator.
 */
import type { ArxivAuthor } from './arxiv-record.ts';

const COLLABORATION = /\b(?:collaborations?|consortium|consortia|team|group|survey|experiment|observatory|array)\b/i;
const SUFFIX = /^(?:jr|sr|ii|iii|iv|v)\.?$/i;
/** "X for the Y Collaboration", "X on behalf of Y", "for the DES": the part after is a collaboration. */
const FOR_THE = /^(.*?)\s*\b(?:for|on behalf of)\s+(?:the\s+)?(.+)$/i;

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function isCollaborationName(name: string): boolean {
  return COLLABORATION.test(name) && !/,/.test(name);
}

/** One written name: a person, or a person and the collaboration they sign for, or a collaboration. */
function people(written: string, affiliations: readonly string[], collaborationHint = false): ArxivAuthor[] {
  const name = squash(written);
  if (name === '' || /^[:;,.&-]+$/.test(name)) return []; // separator artefacts (":" keynames)
  const forThe = FOR_THE.exec(name);
  if (forThe) {
    const [, person = '', collab = ''] = forThe;
    const out: ArxivAuthor[] = [];
    if (person !== '') out.push({ name: person, affiliations: [...affiliations] });
    if (collab !== '') out.push({ name: collab, affiliations: [...affiliations], collaboration: true });
    return out;
  }
  return [{ name, affiliations: [...affiliations], ...(collaborationHint || isCollaborationName(name) ? { collaboration: true as const } : {}) }];
}

/** arXiv format: keyname(s), forenames, suffix, affiliations. */
export function authorFromParts(keynames: readonly string[], forenames: string | undefined, suffix: string | undefined, affiliations: readonly string[]): ArxivAuthor[] {
  const key = squash(keynames.join(' '));
  const given = squash(forenames ?? '');
  const written = [given, key, squash(suffix ?? '')].filter((x) => x !== '').join(' ');
  // "Collaboration" as keyname with the experiment in forenames, or the whole collaboration in the keyname.
  const collab = given === '' ? isCollaborationName(key) : COLLABORATION.test(key) && !/\bfor\b/i.test(given);
  return people(written, affiliations, collab);
}

/** oai_dc creator: "Keyname Suffix, Forenames" (or a collaboration without a comma). */
export function authorFromCreator(creator: string): ArxivAuthor[] {
  const c = squash(creator);
  const comma = c.indexOf(',');
  if (comma < 0) return people(c, []);
  const key = c.slice(0, comma).trim();
  const given = c.slice(comma + 1).trim();
  return people(given === '' ? key : `${given} ${key}`, []);
}

const AND = /\s+and\s+/iy;

/** Splits at top-level separators (",", ";", " and ", "&"), never inside parentheses. */
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0) {
      if (ch === ',' || ch === ';' || ch === '&') {
        parts.push(cur);
        cur = '';
        continue;
      }
      AND.lastIndex = i;
      const and = ch === ' ' ? AND.exec(text) : null;
      if (and && cur.trim() !== '') {
        parts.push(cur);
        cur = '';
        i += and[0].length - 1;
        continue;
      }
    }
    cur += ch;
  }
  parts.push(cur);
  return parts.map(squash).filter((p) => p !== '');
}

/** The trailing "((1) MIT, (2) CMU)" block of numbered affiliations, if any. */
function numberedAffiliations(text: string): { rest: string; byNumber: Map<string, string> } {
  const byNumber = new Map<string, string>();
  const t = text.trim();
  const start = t.lastIndexOf('((');
  if (start < 0 || !t.endsWith(')')) return { rest: t, byNumber };
  const block = t.slice(start + 1, -1);
  for (const m of block.matchAll(/\((\d+)\)\s*([^()]+?)(?=\s*,?\s*\(\d+\)|$)/g)) byNumber.set(m[1]!, squash(m[2]!).replace(/,$/, ''));
  if (byNumber.size === 0) return { rest: t, byNumber };
  return { rest: t.slice(0, start).trim(), byNumber };
}

/** arXivRaw's <authors> string. */
export function authorsFromString(text: string): ArxivAuthor[] {
  let body = squash(text);
  const authors: ArxivAuthor[] = [];
  // "ATLAS Collaboration: A. Author, B. Author"
  const lead = /^([^,:()]*\bcollaborations?\b[^,:()]*):\s*(.*)$/i.exec(body);
  if (lead) {
    authors.push({ name: squash(lead[1]!), affiliations: [], collaboration: true });
    body = lead[2] ?? '';
  }
  const { rest, byNumber } = numberedAffiliations(body);
  for (const part of topLevelParts(rest)) {
    const affiliations: string[] = [];
    const name = squash(
      part.replace(/\(([^()]*)\)/g, (_m, inner: string) => {
        const refs = inner.split(/\s*(?:,|\band\b)\s*/).filter((x) => x !== '');
        if (refs.length > 0 && refs.every((r) => /^\d+$/.test(r))) for (const r of refs) affiliations.push(byNumber.get(r) ?? `(${r})`);
        else affiliations.push(squash(inner));
        return ' ';
      }),
    );
    if (SUFFIX.test(name) && authors.length > 0) {
      const prev = authors[authors.length - 1]!;
      authors[authors.length - 1] = { ...prev, name: `${prev.name} ${name}` };
      continue;
    }
    if (/^et\.?\s*al\.?$/i.test(name)) continue;
    authors.push(...people(name, affiliations));
  }
  return authors;
}
