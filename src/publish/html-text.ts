/**
 * Text for HTML: the five characters HTML reads as markup written as character
 * references, so text is shown as text in an element or a quoted attribute and
 * never opens a tag, an attribute or an entity.
 */
const REFERENCES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function htmlText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => REFERENCES[c]!);
}
