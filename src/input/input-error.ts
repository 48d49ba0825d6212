/** Errors in a file a person wrote or a document a source sent: each names where. */
export type FieldPath = ReadonlyArray<string | number>;

export interface InputIssue {
  readonly file: string;
  /** Path of the offending field, e.g. ["publications", 3, "title"]; empty for the document itself. */
  readonly path: FieldPath;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Renders a path the way a person reads it: publications[3].authors[0].name */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out === '' ? '(document)' : out;
}

/** One line: file:line:column: field: message (the field is left out for the document as a whole). */
export function formatIssue(issue: InputIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  return issue.path.length === 0 ? `${where}: ${issue.message}` : `${where}: ${formatPath(issue.path)}: ${issue.message}`;
}

export class InputError extends Error {
  readonly issues: readonly InputIssue[];

  constructor(issues: readonly InputIssue[]) {
    const only = issues.length === 1 ? issues[0] : undefined;
    super(only ? formatIssue(only) : `${issues.length} problems in input:\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
    this.name = 'InputError';
    this.issues = issues;
  }
}

/**
 * A whole document that cannot be used (malformed XML, the wrong kind of
 * document, bytes that are not text): one issue, at a line and column when
 * known. The message is one line.
 */
export class DocumentError extends InputError {
  readonly document: string;
  readonly detail: string;

  constructor(document: string, detail: string, at: { readonly line: number; readonly column: number } = { line: 1, column: 1 }) {
    super([{ file: document, path: [], line: at.line, column: at.column, message: detail }]);
    this.name = 'DocumentError';
    this.document = document;
    this.detail = detail;
  }
}
