/**
 * decisions.json as text: a new decision is added (or replaces the earlier one
 * for the same item) with a minimal edit, so whatever else the file holds — the
 * owner's notes, formatting — stays as it was.
 */
import { DECISIONS_SCHEMA_VERSION, type Decision } from '../canonical/decisions.ts';
import { insertArrayItem, removeArrayItem, replaceValue, setProperty } from '../canonical/json-edit.ts';

/** `$schema` of a new decisions file at canonical/<profile>/ or data/profiles/<profile>/. */
export const DECISIONS_SCHEMA_REF = '../../../schemas/decisions.schema.json';

export function withDecision(text: string | undefined, decision: Decision): string {
  if (text === undefined || text.trim() === '') {
    return `${JSON.stringify({ $schema: DECISIONS_SCHEMA_REF, schemaVersion: DECISIONS_SCHEMA_VERSION, decisions: [decision] }, null, 2)}\n`;
  }
  const doc = JSON.parse(text) as { decisions?: Array<{ item?: unknown }> };
  if (!Array.isArray(doc.decisions)) return setProperty(text, [], 'decisions', [decision]);
  const at = doc.decisions.findIndex((d) => d.item === decision.item);
  return at >= 0 ? replaceValue(text, ['decisions', at], decision) : insertArrayItem(text, ['decisions'], decision);
}

/** decisions.json without the decision on `item` (an undo): only that entry's bytes leave the file. */
export function withoutDecision(text: string | undefined, item: string): string | undefined {
  if (text === undefined || text.trim() === '') return text;
  const doc = JSON.parse(text) as { decisions?: Array<{ item?: unknown }> };
  const at = Array.isArray(doc.decisions) ? doc.decisions.findIndex((d) => d.item === item) : -1;
  return at < 0 ? text : removeArrayItem(text, ['decisions'], at);
}
