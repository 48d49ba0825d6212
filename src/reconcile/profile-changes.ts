/** What changed against the previously published profile, field by field. */
import type { PublishedProfile, PublishedWork } from '../model/profile.ts';
import type { ProfileChange } from '../model/report.ts';

function flatten(w: PublishedWork): Map<string, string> {
  const out = new Map<string, string>();
  out.set('title', w.title);
  out.set('status', w.status);
  out.set('venue', w.venue);
  out.set('year', String(w.year));
  out.set('authors', w.authors.map((a) => `${a.name}${a.equalContribution ? '*' : ''}`).join(', '));
  for (const [k, v] of Object.entries(w.ids)) if (v !== undefined) out.set(`ids.${k}`, v);
  for (const [k, v] of Object.entries(w.links)) if (v !== undefined) out.set(`links.${k}`, v);
  if (w.arxivVersion !== undefined) out.set('arxivVersion', String(w.arxivVersion));
  out.set('versions', w.versions.map((v) => `${v.source} ${v.recordId}`).join(', '));
  return out;
}

export function profileChanges(previous: PublishedProfile | undefined, next: readonly PublishedWork[]): ProfileChange[] {
  if (!previous) return next.map((w) => ({ id: `change:${w.id}:added`, workId: w.id, change: 'added' as const, after: w.title }));
  const changes: ProfileChange[] = [];
  const before = new Map(previous.publications.map((w) => [w.id, w]));
  const after = new Map(next.map((w) => [w.id, w]));
  for (const w of next) {
    const old = before.get(w.id);
    if (!old) {
      changes.push({ id: `change:${w.id}:added`, workId: w.id, change: 'added', after: w.title });
      continue;
    }
    const a = flatten(old);
    const b = flatten(w);
    for (const field of [...new Set([...a.keys(), ...b.keys()])].sort()) {
      const x = a.get(field);
      const y = b.get(field);
      if (x !== y) changes.push({ id: `change:${w.id}:${field}`, workId: w.id, change: 'changed', field, ...(x !== undefined ? { before: x } : {}), ...(y !== undefined ? { after: y } : {}) });
    }
  }
  for (const w of previous.publications) if (!after.has(w.id)) changes.push({ id: `change:${w.id}:removed`, workId: w.id, change: 'removed', before: w.title });
  return changes;
}
