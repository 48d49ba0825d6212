/**
 * Reads entries out of the seed CV Markdown (data/profiles/<p>/seed/cv.md) the
 * way a person reads them, for the round-trip tests.
 */
export interface SeedSection {
  readonly heading: string;
  readonly paragraphs: string[];
}

/** Splits the Markdown into headed sections of paragraphs (blank-line separated). */
export function seedSections(markdown: string): SeedSection[] {
  const sections: SeedSection[] = [];
  let current: SeedSection | undefined;
  for (const block of markdown.split(/\n\s*\n/)) {
    const text = block.trim();
    if (text === '') continue;
    const heading = /^#+\s+(.*)$/.exec(text);
    if (heading && !text.includes('\n')) {
      current = { heading: normalizeSeedText(heading[1] ?? ''), paragraphs: [] };
      sections.push(current);
    } else current?.paragraphs.push(text);
  }
  return sections;
}

/** Whitespace collapsed, the seed's Markdown escapes (\*) and emphasis (**) removed. */
export function normalizeSeedText(text: string): string {
  return text
    .replace(/\\\*/g, '\u0000')
    .replace(/\*\*/g, '')
    .replace(/\u0000/g, '*')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Entries of a list section: a paragraph that starts an entry (per `starts`)
 * plus any following paragraphs that continue it (e.g. the author line the
 * seed puts on its own paragraph).
 */
export function seedEntries(section: SeedSection, starts: (p: string) => boolean, skip: (p: string) => boolean = () => false): string[] {
  const entries: string[] = [];
  for (const paragraph of section.paragraphs.map(normalizeSeedText)) {
    if (skip(paragraph)) continue;
    if (starts(paragraph) || entries.length === 0) entries.push(paragraph);
    else entries[entries.length - 1] += ` ${paragraph}`;
  }
  return entries;
}
