/**
 * What a decision wrote into cv.json, kept in its decision so that it can be taken back: the one work the
 * edit inserted or changed, before and after. Taking it back is the reverse minimal edit (the work removed,
 * or its changed fields put back), and only while the work is still as the decision left it: an edit made
 * since (by hand, or by another decision) is never overwritten.
 */
import { removeArrayItem, removeProperty, replaceValue, setProperty } from '../canonical/json-edit.ts';
import type { Decision } from '../canonical/decisions.ts';
import { StaleRecordError } from './accept-theirs.ts';

export type WorkEdit = NonNullable<Decision['edit']>;

type Work = Record<string, unknown> & { id?: unknown };

function works(cvText: string): Work[] {
  const doc = JSON.parse(cvText) as { publications?: unknown };
  return Array.isArray(doc.publications) ? (doc.publications as Work[]) : [];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The work an edit inserted or changed between two texts of cv.json (undefined when none did). */
export function workEditBetween(beforeText: string, afterText: string): WorkEdit | undefined {
  if (beforeText === afterText) return undefined;
  const before = new Map(works(beforeText).map((w) => [String(w.id), w]));
  for (const w of works(afterText)) {
    const was = before.get(String(w.id));
    if (was === undefined) return { workId: String(w.id), before: null, after: w };
    if (!same(was, w)) return { workId: String(w.id), before: was, after: w };
  }
  return undefined;
}

/** cv.json with an edit taken back; StaleRecordError when the work is no longer as the edit left it. */
export function undoWorkEdit(cvText: string, edit: WorkEdit, item: string): string {
  const list = works(cvText);
  const at = list.findIndex((w) => String(w.id) === edit.workId);
  const now = list[at];
  if (now === undefined || !same(now, edit.after)) {
    throw new StaleRecordError(`${item}: work ${edit.workId} in cv.json changed since this decision wrote it; edit cv.json by hand, then review --undo again`);
  }
  if (edit.before === null) return removeArrayItem(cvText, ['publications'], at);
  const before = edit.before as Work;
  let text = cvText;
  for (const key of Object.keys(now)) {
    if (!(key in before)) text = removeProperty(text, ['publications', at], key);
    else if (!same(now[key], before[key])) text = replaceValue(text, ['publications', at, key], before[key]);
  }
  for (const key of Object.keys(before)) if (!(key in now)) text = setProperty(text, ['publications', at], key, before[key]);
  return text;
}
