/**
 * Strict JSON parsing that remembers where every value sits, so a validation
 * error can name the line and column of the field it is about.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, visit, type Node, type ParseError } from 'jsonc-parser';
import { InputError, type FieldPath, type InputIssue } from './input-error.ts';
import { lineStarts, positionIn } from './text-position.ts';

const PARSE_OPTIONS = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/** Deeper nesting is refused before parsing (no document read here comes near; the tree parser recurses). */
export const MAX_JSON_DEPTH = 1000;

export interface JsonDocument {
  readonly file: string;
  readonly value: unknown;
  /** Line and column (1-based) of the field at path, or of its nearest existing ancestor. */
  locate(path: FieldPath): { line: number; column: number };
  issue(path: FieldPath, message: string): InputIssue;
}

/** Offset of the first bracket that opens level MAX_JSON_DEPTH + 1, or -1 (strings are skipped). */
function tooDeepAt(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_JSON_DEPTH) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return -1;
}

/** Parses strict JSON (no comments, no trailing commas, no duplicate keys); throws InputError naming where. */
export function parseJsonDocument(file: string, input: string): JsonDocument {
  // A byte-order mark (some editors write one) becomes a space: JSON allows leading whitespace and every offset stays the same.
  const text = input.replace(/^\uFEFF/, ' ');
  const starts = lineStarts(text);
  const at = (offset: number) => positionIn(starts, offset);
  const fail: (offset: number, message: string) => never = (offset, message) => {
    throw new InputError([{ file, path: [], ...at(offset), message }]);
  };
  if (text.trim() === '') fail(0, text === '' ? 'the document is empty' : 'the document holds only whitespace');
  const deep = tooDeepAt(text);
  if (deep >= 0) fail(deep, `invalid JSON: nested more than ${MAX_JSON_DEPTH} levels deep`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON: the tree parser says where (the first syntax error only: its later ones follow from it).
    const errors: ParseError[] = [];
    parseTree(text, errors, PARSE_OPTIONS);
    const first = errors[0];
    if (!first) fail(0, 'invalid JSON');
    const code = printParseErrorCode(first.error);
    const end = text.trimEnd().length;
    // A value or name expected right after a comma is a trailing comma: point at the comma.
    const before = text.slice(0, first.offset).trimEnd();
    if (before.endsWith(',') && first.offset < end && (code === 'ValueExpected' || code === 'PropertyNameExpected')) {
      fail(before.length - 1, 'invalid JSON: trailing comma (JSON allows none before } or ])');
    }
    if (code === 'UnexpectedEndOfString' && !text.slice(first.offset + 1).includes('"')) {
      const opened = at(first.offset);
      fail(end, `invalid JSON: the document ends early, inside the string that starts at line ${opened.line}, column ${opened.column}`);
    }
    if (first.offset >= end) fail(end, `invalid JSON: the document ends early (${describeParseError(code)})`);
    fail(first.offset, `invalid JSON: ${describeParseError(code)}`);
  }
  const issues = duplicateKeys(file, text, at);
  if (issues.length > 0) throw new InputError(issues);
  // The tree that locates fields is built only when a problem needs a line and column.
  let root: Node | undefined;
  const tree = () => (root ??= parseTree(text, [], PARSE_OPTIONS));
  const locate = (path: FieldPath) => {
    const top = tree();
    for (let n = path.length; n >= 0 && top; n--) {
      const node = findNodeAtLocation(top, path.slice(0, n) as (string | number)[]);
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
    InvalidCharacter: 'invalid character in string (control characters must be escaped)',
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
