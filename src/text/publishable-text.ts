/**
 * The characters a published file may hold, whatever format it is: those XML 1.0
 * and YAML 1.2 both allow, less the ones that hide or reorder what a reader sees.
 * Removed: C0 controls but tab and line feed (a carriage return too: line breaks
 * are written as line feeds), DEL and C1 (U+0080–U+009F, NEL included), the
 * bidirectional embeddings, overrides and isolates, the noncharacters
 * (U+FDD0–U+FDEF and U+xFFFE/U+xFFFF of every plane) and lone surrogates. The
 * one rule every export applies (src/publish/publish.ts cleans the whole
 * profile with it before any format is written); each format then escapes the
 * text for whatever renders it.
 */
const NOT_PUBLISHABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\p{Cs}]|[\ufffe\uffff\u{1fffe}\u{1ffff}\u{2fffe}\u{2ffff}\u{3fffe}\u{3ffff}\u{4fffe}\u{4ffff}\u{5fffe}\u{5ffff}\u{6fffe}\u{6ffff}\u{7fffe}\u{7ffff}\u{8fffe}\u{8ffff}\u{9fffe}\u{9ffff}\u{afffe}\u{affff}\u{bfffe}\u{bffff}\u{cfffe}\u{cffff}\u{dfffe}\u{dffff}\u{efffe}\u{effff}\u{ffffe}\u{fffff}\u{10fffe}\u{10ffff}]/gu;

/** Text with every character no published file may hold removed (a CR LF pair becomes one line feed). */
export function publishableText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(NOT_PUBLISHABLE, '');
}

/** True when `s` holds a character no published file may hold. */
export function hasUnpublishable(s: string): boolean {
  NOT_PUBLISHABLE.lastIndex = 0;
  const found = NOT_PUBLISHABLE.test(s) || s.includes('\r');
  NOT_PUBLISHABLE.lastIndex = 0;
  return found;
}

/** A JSON-like value with publishableText applied to every string in it (keys included). */
export function publishableValue<T>(value: T): T {
  if (typeof value === 'string') return publishableText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => publishableValue(v)) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [publishableText(k), publishableValue(v)])) as T;
  return value;
}
