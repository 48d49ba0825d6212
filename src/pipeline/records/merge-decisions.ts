/**
 * Three-way merge of decisions.json, keyed by item: the base (as last pulled),
 * the local file and the bucket's. An item changed on one side only takes that
 * side; changed on both sides to different answers, it is a conflict. The
 * result is the bucket's text with the local changes applied as minimal edits.
 */
import type { Decision } from '../../canonical/decisions.ts';
import { decisionsFile } from '../../canonical/decisions.ts';
import { removeArrayItem } from '../../canonical/json-edit.ts';
import { parseJsonDocument } from '../../input/json-document.ts';
import { validateDocument } from '../../input/validate.ts';
import { withDecision } from '../../review/decisions-text.ts';

const byItem = (file: string, text: string | undefined) =>
  new Map((text === undefined || text.trim() === '' ? [] : validateDocument(parseJsonDocument(file, text), decisionsFile).decisions).map((d) => [d.item, d]));
const same = (a: Decision | undefined, b: Decision | undefined) => JSON.stringify(a) === JSON.stringify(b);

export interface DecisionsMerge {
  readonly text: string | undefined;
  /** Items decided differently on both sides: "cand:x: yours accept, bucket reject (2026-…)". */
  readonly conflicts: readonly string[];
}

export function mergeDecisions(file: string, base: string | undefined, local: string | undefined, remote: string | undefined): DecisionsMerge {
  const b = byItem(`${file} (as pulled)`, base);
  const l = byItem(file, local);
  const r = byItem(`${file} (bucket)`, remote);
  let text = remote;
  const conflicts: string[] = [];
  for (const item of [...new Set([...l.keys(), ...b.keys()])]) {
    const mine = l.get(item);
    const theirs = r.get(item);
    if (same(mine, theirs) || same(mine, b.get(item))) continue; // unchanged locally: the bucket's stands
    if (!same(theirs, b.get(item))) {
      conflicts.push(`${item}: yours ${mine?.action ?? '(removed)'}, bucket ${theirs?.action ?? '(removed)'}${theirs ? ` (${theirs.at})` : ''}`);
      continue;
    }
    if (mine) text = withDecision(text, mine);
    else if (text !== undefined) {
      const at = (JSON.parse(text) as { decisions: Array<{ item: string }> }).decisions.findIndex((d) => d.item === item);
      if (at >= 0) text = removeArrayItem(text, ['decisions'], at);
    }
  }
  return { text, conflicts };
}
