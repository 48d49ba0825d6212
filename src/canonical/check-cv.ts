/** Checks that span several fields of a CV (the schema checks each field alone). */
import type { FieldPath } from '../input/input-error.ts';
import { normalizeName } from '../text/normalize-name.ts';
import type { CanonicalCv } from './cv-schema.ts';

export interface CvProblem {
  readonly path: FieldPath;
  readonly message: string;
}

export function checkCv(cv: CanonicalCv): CvProblem[] {
  const problems: CvProblem[] = [];
  const ids = new Map<string, string>();
  const claim = (id: string, path: FieldPath) => {
    const first = ids.get(id);
    if (first !== undefined) problems.push({ path: [...path, 'id'], message: `duplicate id "${id}" (first used at ${first})` });
    else ids.set(id, pathText(path));
  };
  cv.publications.forEach((p, i) => claim(p.id, ['publications', i]));
  cv.talks.forEach((t, i) => claim(t.id, ['talks', i]));
  cv.experience.forEach((e, i) => claim(e.id, ['experience', i]));
  cv.education.forEach((e, i) => claim(e.id, ['education', i]));

  const ownerForms = new Set([cv.person.name, ...cv.person.nameVariants].map(normalizeName));
  const externalIds = new Map<string, string>();
  cv.publications.forEach((p, i) => {
    const owners = p.authors.flatMap((a, j) => (a.owner ? [j] : []));
    if (owners.length !== 1) {
      problems.push({
        path: ['publications', i, 'authors'],
        message: `exactly one author must be marked "owner": true (found ${owners.length})`,
      });
    }
    for (const j of owners) {
      const name = p.authors[j]?.name ?? '';
      if (!ownerForms.has(normalizeName(name))) {
        problems.push({
          path: ['publications', i, 'authors', j, 'name'],
          message: `the owner's entry "${name}" is not the person's name or one of person.nameVariants`,
        });
      }
    }
    for (const [kind, value] of Object.entries(p.ids ?? {})) {
      if (value === undefined) continue;
      const key = `${kind}:${kind === 'doi' ? value.toLowerCase() : value}`;
      const first = externalIds.get(key);
      if (first !== undefined) {
        problems.push({ path: ['publications', i, 'ids', kind], message: `${kind} "${value}" is already given to ${first}` });
      } else externalIds.set(key, `publications[${i}] (${p.id})`);
    }
  });
  return problems;
}

function pathText(path: FieldPath): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('');
}
