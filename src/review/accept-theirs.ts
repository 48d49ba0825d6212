/**
 * accept-theirs: writes one upstream value into the canonical records, so the
 * canonical file stays the single truth. Exactly the difference named changes:
 * the edit is made on the owner's text (src/canonical/json-edit.ts), so every
 * other byte of cv.json — indentation, key order, other values — stays as the
 * owner wrote it. An author-order difference moves the people and keeps their
 * names (a spelling difference is a separate item); owner and
 * equal-contribution marks stay with the people who carry them.
 */
import type { CanonicalCv, CanonicalPublication } from '../canonical/cv-schema.ts';
import { replaceValue, rewriteArray, setProperty, type ArrayItem } from '../canonical/json-edit.ts';
import type { DifferenceItem } from '../model/report.ts';
import { sameName } from '../text/name-similarity.ts';
import { ReviewError } from './pending.ts';

/** The canonical value a decision is about changed since the report (another session, or a hand edit). */
export class StaleRecordError extends ReviewError {
  override name = 'StaleRecordError';
}

const stale = (pub: CanonicalPublication, what: string) => new StaleRecordError(`${what} of ${pub.id} is no longer what the report saw; run a new sync, then review again`);

/** For each name, the index of the same person among `people` (an exact spelling first, then a variant; undefined: not there). */
function pairNames(people: readonly string[], names: readonly string[]): Array<number | undefined> {
  const used = new Set<number>();
  return names.map((name) => {
    let i = people.findIndex((p, k) => !used.has(k) && p === name);
    if (i < 0) i = people.findIndex((p, k) => !used.has(k) && sameName(p, name));
    if (i < 0) return undefined;
    used.add(i);
    return i;
  });
}

const pairAuthors = (pub: CanonicalPublication, names: readonly string[]) => pairNames(pub.authors.map((a) => a.name), names);

/** The same people in the same order, whatever the spellings (an accepted spelling difference keeps an order decision valid). */
const samePeople = (a: readonly string[], b: readonly string[]) => a.length === b.length && pairNames(a, b).every((k, i) => k === i);

/** The cv.json text with the source's value of `diff` written in; `cv` is that text, parsed and validated. */
export function acceptTheirs(cvText: string, cv: CanonicalCv, diff: DifferenceItem): string {
  const index = cv.publications.findIndex((p) => p.id === diff.workId);
  if (index < 0) throw new StaleRecordError(`work "${diff.workId}" is no longer in the canonical records`);
  const pub = cv.publications[index]!;
  const at = ['publications', index] as const;
  const field = diff.field;
  const author = /^authors\[(\d+)\]\.name$/.exec(field);
  if (field === 'title') {
    if (pub.title !== diff.canonical) throw stale(pub, 'the title');
    return replaceValue(cvText, [...at, 'title'], diff.source);
  }
  if (author) {
    // The person the report saw at this position; an accepted order change may have moved them since.
    const seen = Number(author[1]);
    const named = pub.authors.flatMap((a, k) => (a.name === diff.canonical ? [k] : []));
    const i = pub.authors[seen]?.name === diff.canonical ? seen : named.length === 1 ? named[0]! : -1;
    if (i < 0) throw stale(pub, `author ${seen + 1}`);
    return replaceValue(cvText, [...at, 'authors', i, 'name'], diff.source);
  }
  if (field === 'authors' || field === 'authors.order') {
    if (!samePeople(pub.authors.map((a) => a.name), diff.canonical.split(', '))) throw stale(pub, 'the author list');
    const names = diff.source.split(', ');
    const pairs = pairAuthors(pub, names);
    if (field === 'authors.order') {
      if (pairs.some((p) => p === undefined) || pairs.length !== pub.authors.length) throw new ReviewError(`${diff.id}: the source's authors are not the same people as the canonical ones`);
      return rewriteArray(cvText, [...at, 'authors'], pairs.map((keep) => ({ keep: keep! })));
    }
    const owner = pub.authors.findIndex((a) => a.owner === true);
    if (owner >= 0 && !pairs.includes(owner)) throw new ReviewError(`${diff.id}: the source's author list does not name the owner (${pub.authors[owner]!.name}); keep yours or edit cv.json by hand`);
    const items: ArrayItem[] = pairs.map((keep, k) => (keep === undefined ? { value: { name: names[k]! } } : { keep }));
    return rewriteArray(cvText, [...at, 'authors'], items);
  }
  if (field === 'ids.arxiv' || field === 'ids.doi') {
    const key = field.slice(4);
    if ((pub.ids?.[key as 'arxiv' | 'doi'] ?? '') !== diff.canonical) throw stale(pub, field);
    return pub.ids ? setProperty(cvText, [...at, 'ids'], key, diff.source) : setProperty(cvText, at, 'ids', { [key]: diff.source });
  }
  throw new ReviewError(`accept-theirs is not supported for field ${field}`);
}

/**
 * True when the canonical records already hold the source's value of `diff`
 * (an earlier attempt of the same decision, or another session, wrote it):
 * applying it again must change nothing.
 */
export function isAccepted(cv: CanonicalCv, diff: DifferenceItem): boolean {
  const pub = cv.publications.find((p) => p.id === diff.workId);
  if (!pub) return false;
  const names = pub.authors.map((a) => a.name);
  if (diff.field === 'title') return pub.title === diff.source;
  if (/^authors\[\d+\]\.name$/.test(diff.field)) return !names.includes(diff.canonical) && names.includes(diff.source);
  if (diff.field === 'authors' || diff.field === 'authors.order') return names.join(', ') === diff.source;
  if (diff.field === 'ids.arxiv' || diff.field === 'ids.doi') return pub.ids?.[diff.field.slice(4) as 'arxiv' | 'doi'] === diff.source;
  return false;
}
