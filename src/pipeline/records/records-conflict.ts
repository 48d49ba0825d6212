/** Refusals of pull, push and remove: the other side changed too (exit 5), or the profile is not there (exit 2). */
export class RecordsConflict extends Error {
  override name = 'RecordsConflict';
  /** The refusal as a person reads it on stderr: one line per problem, each saying what to do (the message is the detailed form). */
  readonly lines: readonly string[];

  constructor(message: string, lines?: readonly string[]) {
    super(message);
    this.lines = lines ?? [message.split('\n')[0]!];
  }
}

/** A change list on one line: "work changed: a (title); work added: b", cut after `max` items with a count. */
export function changeList(lines: readonly string[], max = 4): string {
  if (lines.length === 0) return 'only its formatting';
  const shown = lines.slice(0, max).join('; ');
  return lines.length > max ? `${shown}; and ${lines.length - max} more (--verbose lists them)` : shown;
}

export class NoSuchProfile extends Error {
  override name = 'NoSuchProfile';
}

/** "decisions.json (changed in the bucket at 2026-11-28T09:12:00.000Z):" and its change lines, indented. */
export function changeBlock(title: string, lines: readonly string[]): string {
  return [`  ${title}`, ...lines.map((l) => `    ${l}`)].join('\n');
}
