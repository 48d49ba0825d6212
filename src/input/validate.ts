/** Validates a parsed JSON document against a zod schema; issues name file, field path, line and column. */
import type * as z from 'zod/v4';
import { InputError, type FieldPath, type InputIssue } from './input-error.ts';
import type { JsonDocument } from './json-document.ts';

function valueAt(root: unknown, path: FieldPath): { found: boolean; value?: unknown } {
  let v: unknown = root;
  for (const part of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, part)) return { found: false };
    v = (v as Record<string | number, unknown>)[part];
  }
  return { found: true, value: v };
}

/** What a present value is, for "expected a number, got …". */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array (${v.length} item${v.length === 1 ? '' : 's'})`;
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'object') return 'an object';
  return `the ${typeof v} ${String(v)}`;
}

export function issuesOf(doc: JsonDocument, error: z.ZodError): InputIssue[] {
  const issues: InputIssue[] = [];
  for (const i of error.issues) {
    const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (i.code === 'unrecognized_keys') {
      for (const key of i.keys) issues.push(doc.issue([...path, key], `unknown field "${key}"`));
    } else if (i.code === 'invalid_type') {
      const at = valueAt(doc.value, path);
      issues.push(doc.issue(path, at.found ? `expected ${i.expected}, got ${describeValue(at.value)}` : `required field is missing (expected ${i.expected})`));
    } else {
      issues.push(doc.issue(path, i.message));
    }
  }
  return issues.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Returns the typed value or throws InputError listing every problem found. */
export function validateDocument<S extends z.ZodType>(doc: JsonDocument, schema: S): z.output<S> {
  const result = schema.safeParse(doc.value);
  if (!result.success) throw new InputError(issuesOf(doc, result.error));
  return result.data;
}
