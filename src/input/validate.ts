/** Validates a parsed JSON document against a zod schema; issues name file, field path, line and column. */
import type * as z from 'zod/v4';
import { InputError, type InputIssue } from './input-error.ts';
import type { JsonDocument } from './json-document.ts';

export function issuesOf(doc: JsonDocument, error: z.ZodError): InputIssue[] {
  const issues: InputIssue[] = [];
  for (const i of error.issues) {
    const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (i.code === 'unrecognized_keys') {
      for (const key of i.keys) issues.push(doc.issue([...path, key], `unknown field "${key}"`));
    } else if (i.code === 'invalid_type' && i.input === undefined) {
      issues.push(doc.issue(path, `required field is missing (expected ${i.expected})`));
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
