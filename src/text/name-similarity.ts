/**
 * Are two written names the same person's name? Compared token-wise after
 * normalisation: the surname must agree (allowing romanisation variants such
 * as Choi/Choe), the given names must agree as a whole (Junseok/Junsuk,
 * Seongho/Seungho, Byungkyu/Byeongkyu, "Seong Joon"/"Seongjoon") or by
 * initials ("S. J. Oh"). Used as corroboration, never as the only evidence.
 */
import { levenshtein } from './normalize-title.ts';
import { normalizeName } from './normalize-name.ts';

export interface NameParts {
  readonly surname: string;
  /** Given names joined without spaces ("seongjoon"). */
  readonly given: string;
  /** Initials of the given names ("sj"). */
  readonly initials: string;
  /** True when the given names were written as initials only ("S. J."). */
  readonly initialsOnly: boolean;
}

const partsCache = new Map<string, NameParts>();

/** Memoised: the same names are compared many times in a run. */
export function nameParts(name: string): NameParts {
  let parts = partsCache.get(name);
  if (!parts) {
    if (partsCache.size > 500_000) partsCache.clear();
    parts = computeParts(name);
    partsCache.set(name, parts);
  }
  return parts;
}

function computeParts(name: string): NameParts {
  const raw = name.includes(',') ? `${name.split(',').slice(1).join(' ')} ${name.split(',')[0]}` : name;
  const written = raw.replace(/\s+\d{4}$/, '').trim().split(/\s+/);
  const tokens = normalizeName(raw).split(' ').filter(Boolean);
  const surname = tokens.pop() ?? '';
  const givenWritten = written.slice(0, -1);
  const initialsOnly = givenWritten.length > 0 && givenWritten.every((t) => /^\p{L}\.?$/u.test(t) || /^(\p{L}\.){2,}$/u.test(t));
  return {
    surname,
    given: tokens.join(''),
    initials: givenWritten.map((t) => (t.split(/[-.]/).filter(Boolean).map((p) => normalizeName(p)[0] ?? '').join(''))).join(''),
    initialsOnly,
  };
}

const close = (a: string, b: string, ratio: number) => a === b || levenshtein(a, b) <= Math.floor(Math.max(a.length, b.length) * ratio);

/** Similarity classes: exact (same normalised name), variant (spelling/romanisation/initials), different. */
export function compareNames(a: string, b: string): 'exact' | 'variant' | 'different' {
  if (a === b) return 'exact';
  const pa = nameParts(a);
  const pb = nameParts(b);
  if (pa.surname === pb.surname && pa.given === pb.given) return 'exact';
  if (!close(pa.surname, pb.surname, 0.34)) return 'different';
  if (pa.given === '' || pb.given === '') return 'different';
  if (pa.initialsOnly || pb.initialsOnly) return pa.initials === pb.initials || pa.initials[0] === pb.initials[0] && (pa.initials.length === 1 || pb.initials.length === 1) ? 'variant' : 'different';
  if (pa.given[0] !== pb.given[0]) return 'different';
  return close(pa.given, pb.given, 0.3) ? 'variant' : 'different';
}

export function sameName(a: string, b: string): boolean {
  return compareNames(a, b) !== 'different';
}
