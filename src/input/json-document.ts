/**
 * Strict JSON parsing that remembers where every value sits, so a validation
 * error can name the line and column of the field it is about.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, visit, type ParseError } from 'jsonc-parser';
import { InputError, type FieldPath, type InputIssue } from './input-error.ts';

export interface JsonDocument {
  readonly file: string;
  readonly value: unknown;
  /** Line and column (1-based) of the field at path, or of its nearest existing ancestor. */
  locate(path: FieldPath): { line: number; column: number };
  issue(path: FieldPath, message: string): InputIssue;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function position(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

/** Parses strict JSON (no comments, no trailing commas, no duplicate keys); throws InputError naming where. */
export function parseJsonDocument(file: string, text: string): JsonDocument {
  const starts = lineStarts(text);
  const at = (offset: number) => position(starts, offset);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const issues: InputIssue[] = errors.map((e) => {
    // A value or name expected right after a comma is a trailing comma: point at the comma.
    const before = text.slice(0, e.offset).trimEnd();
    const code = printParseErrorCode(e.error);
    if (before.endsWith(',') && (code === 'ValueExpected' || code === 'PropertyNameExpected')) {
      return { file, path: [], ...at(before.length - 1), message: 'invalid JSON: trailing comma (JSON allows none before } or ])' };
    }
    return { file, path: [], ...at(e.offset), message: `invalid JSON: ${describeParseError(code)}` };
  });
  if (issues.length === 0 && root) issues.push(...duplicateKeys(file, text, at));
  if (issues.length > 0 || !root) {
    throw new InputError(issues.length > 0 ? issues : [{ file, path: [], line: 1, column: 1, message: 'invalid JSON: empty document' }]);
  }
  const value: unknown = JSON.parse(text);
  const locate = (path: FieldPath) => {
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(root, path.slice(0, n) as (string | number)[]);
      if (node) return at(node.parent?.type === 'property' ? node.parent.offset : node.offset);
    }
    return { line: 1, column: 1 };
  };
  return { file, value, locate, issue: (path, message) => ({ file, path, ...locate(path), message }) };
}

function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'malformed number',
    PropertyNameExpected: 'property name expected',
    ValueExpected: 'value expected',
    ColonExpected: '":" expected',
    CommaExpected: '"," expected',
    CloseBraceExpected: '"}" expected',
    CloseBracketExpected: '"]" expected',
    EndOfFileExpected: 'end of file expected',
    InvalidCommentToken: 'comments are not allowed',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string',
  };
  return words[code] ?? code;
}

function duplicateKeys(file: string, text: string, at: (offset: number) => { line: number; column: number }): InputIssue[] {
  const issues: InputIssue[] = [];
  const seen: Set<string>[] = [];
  visit(text, {
    onObjectBegin: () => void seen.push(new Set()),
    onObjectEnd: () => void seen.pop(),
    onObjectProperty: (name, offset, _length, _line, _col, pathSupplier) => {
      const keys = seen[seen.length - 1];
      if (!keys) return;
      if (keys.has(name)) {
        issues.push({ file, path: [...pathSupplier(), name], ...at(offset), message: `duplicate key "${name}"` });
      }
      keys.add(name);
    },
  });
  return issues;
}
