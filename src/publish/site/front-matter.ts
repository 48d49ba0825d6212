/**
 * YAML front matter for Hugo: every string is a double-quoted scalar written
 * as JSON writes it (a JSON string is a valid YAML double-quoted scalar), so no
 * title, name or URL can become a number, a boolean, a date, an anchor or a
 * second document.
 */
import { publishableText } from '../../text/publishable-text.ts';

export type YamlValue = string | number | boolean | readonly YamlValue[] | { readonly [key: string]: YamlValue | undefined };

/** JSON.stringify leaves C1 controls and noncharacters raw, which YAML refuses: they are removed first (the one rule). */
function scalar(v: string | number | boolean): string {
  return typeof v === 'string' ? JSON.stringify(publishableText(v)) : String(v);
}

function lines(key: string, value: YamlValue, indent: string): string[] {
  if (typeof value !== 'object') return [`${indent}${key}: ${scalar(value)}`];
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}${key}: []`];
    return [`${indent}${key}:`, ...value.flatMap((item: YamlValue) => (typeof item === 'object' && !Array.isArray(item) ? mapItem(item as Record<string, YamlValue | undefined>, `${indent}  `) : [`${indent}  - ${scalar(item as string)}`]))];
  }
  const entries = Object.entries(value).filter((e): e is [string, YamlValue] => e[1] !== undefined);
  return [`${indent}${key}:`, ...entries.flatMap(([k, v]) => lines(k, v, `${indent}  `))];
}

/** A map as a list item: "- a: 1" then "  b: 2". */
function mapItem(item: Record<string, YamlValue | undefined>, indent: string): string[] {
  const body = Object.entries(item)
    .filter((e): e is [string, YamlValue] => e[1] !== undefined)
    .flatMap(([k, v]) => lines(k, v, `${indent}  `));
  return body.map((l, i) => (i === 0 ? `${indent}- ${l.slice(indent.length + 2)}` : l));
}

export function frontMatter(fields: Readonly<Record<string, YamlValue | undefined>>): string {
  const body = Object.entries(fields)
    .filter((e): e is [string, YamlValue] => e[1] !== undefined)
    .flatMap(([k, v]) => lines(k, v, ''));
  return `---\n${body.join('\n')}\n---\n`;
}
