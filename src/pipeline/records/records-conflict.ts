/** Refusals of pull, push and remove: the other side changed too (exit 5), or the profile is not there (exit 2). */
export class RecordsConflict extends Error {
  override name = 'RecordsConflict';
}

export class NoSuchProfile extends Error {
  override name = 'NoSuchProfile';
}

/** "decisions.json (changed in the bucket at 2026-11-28T09:12:00.000Z):" and its change lines, indented. */
export function changeBlock(title: string, lines: readonly string[]): string {
  return [`  ${title}`, ...lines.map((l) => `    ${l}`)].join('\n');
}
