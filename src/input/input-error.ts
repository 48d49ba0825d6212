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

export function formatIssue(issue: InputIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${formatPath(issue.path)}: ${issue.message}`;
}

export class InputError extends Error {
  readonly issues: readonly InputIssue[];

  constructor(issues: readonly InputIssue[]) {
    const head = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(`${head} in input:\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
    this.name = 'InputError';
    this.issues = issues;
  }
}
