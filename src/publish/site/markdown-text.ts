/**
 * Text for a Markdown renderer that passes raw HTML through (Hugo's Goldmark
 * with unsafe: true, as Hugo Blox sets it, through markdownify): every
 * character that can start inline markup is backslash-escaped (CommonMark lets
 * any ASCII punctuation be escaped and shows it as itself): "<" opens no tag,
 * "[" no link, "&" no entity, "*", "_", "`", "~" no emphasis or code; "#", "|",
 * "!" nothing; "{" nothing, so "{{<" cannot start a Hugo shortcode. Line breaks
 * become spaces and a leading "-", "+", "=" or "1." is escaped: one paragraph,
 * no list, heading or rule can start. Words keep their hyphens ("Few-shot").
 */
export function markdownText(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>#|~!{}&]/g, (c) => `\\${c}`)
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}
