/**
 * An item id as a person types it into a shell: as it is when every character is safe in bash and zsh
 * (letters, digits, "-", "_", ".", ":", "/", "@", "+", ","), else in single quotes, so that a difference
 * id such as diff:work:authors[2].name:1eb1548462 is not taken for a glob pattern by zsh.
 */
export function shellWord(text: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
