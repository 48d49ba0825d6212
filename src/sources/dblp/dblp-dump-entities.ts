/**
 * dblp.xml writes characters outside 7-bit ASCII as named entities (&uuml;)
 * declared in dblp.dtd, a DTD the file names as a SYSTEM resource. The dump
 * parser never processes a DTD: it reads the DTD's character-entity
 * declarations (`<!ENTITY uuml "&#252;">`) into a table here and resolves
 * references from that table, so no entity can expand into markup or into more
 * than one character. A general entity whose value is not one character
 * reference is refused (it is not the DTD dblp publishes); an entity the table
 * lacks is an error that says where it was met.
 */
import { DocumentError } from '../../input/input-error.ts';

/** Entity name → the one character it stands for. */
export type EntityTable = ReadonlyMap<string, string>;

const XML_BUILTINS: ReadonlyArray<readonly [string, string]> = [
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
];

/** Largest DTD read (dblp.dtd is about 20 KB). */
export const MAX_DTD_BYTES = 1_000_000;

const DECLARATION = /<!ENTITY\s+(%\s+)?([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b)/g;

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last };
}

/** One character reference (&#252; or &#xFC;) as its character, or undefined. */
function characterOf(value: string): string | undefined {
  const m = /^\s*&#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}));\s*$/.exec(value);
  if (!m) return undefined;
  const code = m[1] !== undefined ? Number.parseInt(m[1], 16) : Number(m[2]);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  return String.fromCodePoint(code);
}

/** The table of a DTD's character entities (plus XML's five); DocumentError with line and column for anything else declared. */
export function entityTableFromDtd(dtd: string, document = 'dblp.dtd'): EntityTable {
  if (dtd.length > MAX_DTD_BYTES) throw new DocumentError(document, `is ${dtd.length.toLocaleString('en-US')} characters long (a DTD of at most ${MAX_DTD_BYTES.toLocaleString('en-US')} is read)`);
  const table = new Map<string, string>(XML_BUILTINS);
  const text = dtd.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
  for (const m of text.matchAll(DECLARATION)) {
    if (m[1] !== undefined) continue; // parameter entities shape the DTD's grammar, never the text
    const name = m[2]!;
    const at = lineColumn(text, m.index);
    if (m[5] !== undefined) throw new DocumentError(document, `entity "${name}" is an external entity (${m[5]}): only character entities are read`, at);
    const char = characterOf(m[3] ?? m[4] ?? '');
    if (char === undefined) throw new DocumentError(document, `entity "${name}" is not one character reference (${JSON.stringify((m[3] ?? m[4] ?? '').slice(0, 40))}): only character entities are read`, at);
    if (!table.has(name)) table.set(name, char); // the first declaration binds, as in XML
  }
  if (table.size === XML_BUILTINS.length) throw new DocumentError(document, 'declares no character entities: not dblp.dtd');
  return table;
}

/** Where a reference was met, for the error: the caller's words ("dblp.xml line 12, record conf/x/Y20"). */
export class UnknownEntityError extends Error {
  constructor(
    readonly entity: string,
    readonly where: string,
  ) {
    super(entity === '' ? `a bare "&" that starts no reference at ${where}` : `unknown entity &${entity}; at ${where}: dblp.dtd declares no such entity`);
    this.name = 'UnknownEntityError';
  }
}

const REFERENCE = /&(?:#x([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|([A-Za-z_][\w.-]*));/g;

/**
 * Text or an attribute value with every reference resolved: numeric ones to
 * their character, named ones from the table. `where` is asked only on failure.
 * A bare "&" that starts no reference is an error too (the dump is well formed).
 */
export function resolveEntities(raw: string, table: EntityTable, where: () => string): string {
  if (!raw.includes('&')) return raw;
  if (raw.replace(REFERENCE, '').includes('&')) throw new UnknownEntityError('', where());
  return raw.replace(REFERENCE, (_m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name !== undefined) {
      const c = table.get(name);
      if (c === undefined) throw new UnknownEntityError(name, where());
      return c;
    }
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(dec);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw new UnknownEntityError(`#${hex !== undefined ? `x${hex}` : dec}`, where());
    return String.fromCodePoint(code);
  });
}
