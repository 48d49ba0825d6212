/**
 * accept-theirs: writes an upstream value into the canonical records, so the
 * canonical file stays the single truth. Owner and equal-contribution marks
 * stay with the people who carry them.
 */
import type { CanonicalAuthor, CanonicalCv } from '../canonical/cv-schema.ts';
import type { DifferenceItem } from '../model/report.ts';
import { sameName } from '../text/name-similarity.ts';
import { ReviewError } from './pending.ts';

function rebuildAuthors(current: readonly CanonicalAuthor[], names: readonly string[]): CanonicalAuthor[] {
  const used = new Set<number>();
  return names.map((name) => {
    const i = current.findIndex((a, k) => !used.has(k) && sameName(a.name, name));
    if (i < 0) return { name };
    used.add(i);
    const { name: _old, ...marks } = current[i]!;
    return { name, ...marks };
  });
}

export function applyAcceptTheirs(cv: CanonicalCv, diff: DifferenceItem): CanonicalCv {
  const index = cv.publications.findIndex((p) => p.id === diff.workId);
  if (index < 0) throw new ReviewError(`work "${diff.workId}" is no longer in the canonical records`);
  const pub = cv.publications[index]!;
  let next = pub;
  const field = diff.field;
  const author = /^authors\[(\d+)\]\.name$/.exec(field);
  if (field === 'title') next = { ...pub, title: diff.source };
  else if (author) {
    const i = Number(author[1]);
    if (!pub.authors[i] || pub.authors[i]!.name !== diff.canonical) throw new ReviewError(`author ${i} of ${pub.id} is no longer "${diff.canonical}"; run a new sync first`);
    next = { ...pub, authors: pub.authors.map((a, k) => (k === i ? { ...a, name: diff.source } : a)) };
  } else if (field === 'authors' || field === 'authors.order') {
    next = { ...pub, authors: rebuildAuthors(pub.authors, diff.source.split(', ')) };
  } else if (field === 'ids.arxiv' || field === 'ids.doi') {
    next = { ...pub, ids: { ...pub.ids, [field.slice(4)]: diff.source } };
  } else throw new ReviewError(`accept-theirs is not supported for field ${field}`);
  return { ...cv, publications: cv.publications.map((p, k) => (k === index ? next : p)) };
}
