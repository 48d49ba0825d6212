/**
 * Minimal edits to a JSON text the owner wrote (cv.json, decisions.json):
 * only the bytes of what is decided change. Indentation, key order, spacing,
 * line ends and every other value stay as they were. New values are written
 * in the style of their neighbours (one-line objects stay one-line).
 *
 * A general formatter (jsonc-parser's `modify`) re-formats the enclosing
 * object or array, so it is used here only to read the tree.
 */
import { parseTree, findNodeAtLocation, type Node } from 'jsonc-parser';

export type JsonPath = readonly (string | number)[];

export class JsonEditError extends Error {
  override name = 'JsonEditError';
}

interface Style {
  /** One indentation step: "  ", "    " or "\t". */
  readonly unit: string;
  readonly eol: string;
}

function styleOf(text: string): Style {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const m = /\n([ \t]+)\S/.exec(text);
  const unit = m ? (m[1]!.startsWith('\t') ? '\t' : m[1]!) : '  ';
  return { unit, eol };
}

function tree(text: string): Node {
  const root = parseTree(text);
  if (!root) throw new JsonEditError('not a JSON document');
  return root;
}

function nodeAt(text: string, path: JsonPath): Node {
  const node = findNodeAtLocation(tree(text), [...path]);
  if (!node) throw new JsonEditError(`no value at ${formatPath(path)}`);
  return node;
}

export function formatPath(path: JsonPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(document)';
}

/** Indentation of the line a position is on. */
function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

const isOneLine = (text: string, n: Node) => !text.slice(n.offset, n.offset + n.length).includes('\n');

/** How a one-line object or array is spaced: `{ "a": 1, "b": [1, 2] }` or `{"a":1,"b":[1,2]}`. */
interface OneLine {
  readonly colon: string;
  readonly comma: string;
  /** A space inside non-empty braces. */
  readonly pad: boolean;
}

/** The spacing of a one-line sample; what the sample does not show is taken from the document. */
function oneLineStyle(sample: string, text: string): OneLine {
  const colonIn = (t: string) => /"\s*:( ?)/.exec(t)?.[1];
  const colon = (colonIn(sample) ?? colonIn(text) ?? ' ') === ' ' ? ': ' : ':';
  const commaIn = /[\]}"\d](,( ?))\s*[[{"\d]/.exec(sample)?.[2];
  const comma = (commaIn ?? colon.slice(1)) === ' ' ? ', ' : ',';
  return { colon, comma, pad: /^[[{] \S/.test(sample) };
}

function renderOneLine(value: unknown, st: OneLine): string {
  const wrap = (open: string, items: string[], close: string) => (items.length === 0 ? `${open}${close}` : st.pad && open === '{' ? `${open} ${items.join(st.comma)} ${close}` : `${open}${items.join(st.comma)}${close}`);
  if (Array.isArray(value)) return wrap('[', value.map((v) => renderOneLine(v, st)), ']');
  if (value !== null && typeof value === 'object') {
    return wrap('{', Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => `${JSON.stringify(k)}${st.colon}${renderOneLine(v, st)}`), '}');
  }
  return JSON.stringify(value);
}

/** Multi-line rendering whose first line starts at `indent` (continuation lines indented from it). */
function renderBlock(value: unknown, indent: string, style: Style): string {
  const unit = style.unit === '\t' ? '\t' : style.unit.length;
  return JSON.stringify(value, null, unit).split('\n').join(`${style.eol}${indent}`);
}

const slice = (text: string, n: Node) => text.slice(n.offset, n.offset + n.length);

/**
 * A value written in the style of `like` (the value it replaces, or a sibling):
 * one-line when `like` is a one-line object or array, else a block at `indent`.
 */
function render(value: unknown, like: Node | undefined, text: string, indent: string, style: Style): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (like && (like.type === 'object' || like.type === 'array') && isOneLine(text, like)) return renderOneLine(value, oneLineStyle(slice(text, like), text));
  return renderBlock(value, indent, style);
}

/** The sibling whose style new members copy: the most common style among a container's values. */
function typicalMember(text: string, members: readonly Node[]): Node | undefined {
  const counts = new Map<string, { n: number; node: Node }>();
  for (const m of members) {
    const key = m.type === 'object' || m.type === 'array' ? JSON.stringify([m.type, isOneLine(text, m), oneLineStyle(slice(text, m), text)]) : m.type;
    const c = counts.get(key) ?? { n: 0, node: m };
    c.n++;
    counts.set(key, c);
  }
  return [...counts.values()].sort((a, b) => b.n - a.n)[0]?.node;
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** Replaces the value at an existing path; an object or array value is written in the style of the value it replaces. */
export function replaceValue(text: string, path: JsonPath, value: unknown): string {
  const node = nodeAt(text, path);
  const style = styleOf(text);
  return splice(text, node.offset, node.offset + node.length, render(value, node, text, lineIndent(text, node.offset), style));
}

/** Sets a property: replaced where it exists, else added after the object's last property (or after `after`). */
export function setProperty(text: string, objectPath: JsonPath, key: string, value: unknown, after?: string): string {
  const obj = nodeAt(text, objectPath);
  if (obj.type !== 'object') throw new JsonEditError(`${formatPath(objectPath)} is not an object`);
  const existing = obj.children?.find((p) => p.children?.[0]?.value === key);
  if (existing) return replaceValue(text, [...objectPath, key], value);
  return insertMember(text, obj, `${JSON.stringify(key)}: `, value, after === undefined ? undefined : obj.children?.findIndex((p) => p.children?.[0]?.value === after));
}

/** Inserts an item into an array at `index` (default: the end), in the style of its siblings. */
export function insertArrayItem(text: string, arrayPath: JsonPath, value: unknown, index?: number): string {
  const arr = nodeAt(text, arrayPath);
  if (arr.type !== 'array') throw new JsonEditError(`${formatPath(arrayPath)} is not an array`);
  const n = arr.children?.length ?? 0;
  const at = index === undefined ? n : Math.max(0, Math.min(n, index));
  return insertMember(text, arr, '', value, at - 1);
}

/**
 * Inserts `prefix + value` as a member of an object or array, after the member at
 * `afterIndex` (-1: first; undefined: last), copying the layout of its neighbours.
 */
function insertMember(text: string, container: Node, prefix: string, value: unknown, afterIndex?: number): string {
  const style = styleOf(text);
  const members = container.children ?? [];
  const values = container.type === 'object' ? members.flatMap((m) => (m.children?.[1] ? [m.children[1]] : [])) : members;
  const like = typicalMember(text, values);
  if (isOneLine(text, container)) {
    const st = oneLineStyle(slice(text, container), text);
    const valueStyle = like && (like.type === 'object' || like.type === 'array') && isOneLine(text, like) ? oneLineStyle(slice(text, like), text) : st;
    const item = `${prefix.replace(': ', st.colon)}${renderOneLine(value, valueStyle)}`;
    if (members.length === 0) return splice(text, container.offset + 1, container.offset + container.length - 1, item);
    const ref = afterIndex === undefined || afterIndex >= members.length ? members.length - 1 : afterIndex;
    if (ref < 0) return splice(text, members[0]!.offset, members[0]!.offset, `${item}${st.comma}`);
    const end = members[ref]!.offset + members[ref]!.length;
    return splice(text, end, end, `${st.comma}${item}`);
  }
  if (members.length === 0) {
    const outer = lineIndent(text, container.offset);
    const indent = outer + style.unit;
    return splice(text, container.offset + 1, container.offset + container.length - 1, `${style.eol}${indent}${prefix}${render(value, undefined, text, indent, style)}${style.eol}${outer}`);
  }
  const ref = afterIndex === undefined || afterIndex >= members.length ? members.length - 1 : afterIndex;
  const sibling = members[Math.max(0, ref)]!;
  const indent = lineIndent(text, sibling.offset);
  const item = `${prefix}${render(value, like, text, indent, style)}`;
  if (ref < 0) return splice(text, sibling.offset, sibling.offset, `${item},${style.eol}${indent}`);
  const end = sibling.offset + sibling.length;
  return splice(text, end, end, `,${style.eol}${indent}${item}`);
}

/** Removes a property (and its separator) from an object; nothing happens when it is absent. */
export function removeProperty(text: string, objectPath: JsonPath, key: string): string {
  const obj = nodeAt(text, objectPath);
  const members = obj.children ?? [];
  const i = members.findIndex((p) => p.children?.[0]?.value === key);
  if (i < 0) return text;
  const m = members[i]!;
  if (members.length === 1) return splice(text, obj.offset + 1, obj.offset + obj.length - 1, '');
  if (i > 0) {
    const prev = members[i - 1]!;
    return splice(text, prev.offset + prev.length, m.offset + m.length, '');
  }
  const next = members[1]!;
  return splice(text, m.offset, next.offset, '');
}

/** An item of a rewritten array: one of its current items (by index, its text unchanged) or a new value. */
export type ArrayItem = { readonly keep: number } | { readonly value: unknown };

/**
 * Rewrites an array's items: kept items keep their exact text, new ones are written in
 * the style of their siblings; the separators and layout of the array are kept.
 */
export function rewriteArray(text: string, arrayPath: JsonPath, items: readonly ArrayItem[]): string {
  const arr = nodeAt(text, arrayPath);
  if (arr.type !== 'array') throw new JsonEditError(`${formatPath(arrayPath)} is not an array`);
  const current = arr.children ?? [];
  for (const it of items) if ('keep' in it && !(it.keep >= 0 && it.keep < current.length)) throw new JsonEditError(`${formatPath(arrayPath)}[${it.keep}] does not exist`);
  if (current.length === 0 || items.length === 0) {
    let out = splice(text, arr.offset + 1, arr.offset + arr.length - 1, '');
    for (const it of items) if ('value' in it) out = insertArrayItem(out, arrayPath, it.value);
    return out;
  }
  const style = styleOf(text);
  const first = current[0]!;
  const last = current[current.length - 1]!;
  const like = typicalMember(text, current);
  const indent = lineIndent(text, first.offset);
  const oneLine = isOneLine(text, arr);
  const separator = current.length > 1 ? text.slice(first.offset + first.length, current[1]!.offset) : oneLine ? ', ' : `,${style.eol}${indent}`;
  const body = items
    .map((it) => ('keep' in it ? text.slice(current[it.keep]!.offset, current[it.keep]!.offset + current[it.keep]!.length) : render(it.value, like, text, indent, style)))
    .join(separator);
  return splice(text, first.offset, last.offset + last.length, body);
}

/** Reorders an array: item k of the result is the item `order[k]` was, each item's text unchanged. */
export function reorderArray(text: string, arrayPath: JsonPath, order: readonly number[]): string {
  const n = nodeAt(text, arrayPath).children?.length ?? 0;
  if (order.length !== n || new Set(order).size !== n || order.some((k) => !(Number.isInteger(k) && k >= 0 && k < n))) {
    throw new JsonEditError(`${formatPath(arrayPath)}: not a permutation of its ${n} items`);
  }
  return rewriteArray(text, arrayPath, order.map((keep) => ({ keep })));
}

/** Removes an array item (and its separator). */
export function removeArrayItem(text: string, arrayPath: JsonPath, index: number): string {
  const arr = nodeAt(text, arrayPath);
  const items = arr.children ?? [];
  const m = items[index];
  if (!m) throw new JsonEditError(`${formatPath(arrayPath)}[${index}] does not exist`);
  if (items.length === 1) return splice(text, arr.offset + 1, arr.offset + arr.length - 1, '');
  if (index > 0) {
    const prev = items[index - 1]!;
    return splice(text, prev.offset + prev.length, m.offset + m.length, '');
  }
  return splice(text, m.offset, items[1]!.offset, '');
}
