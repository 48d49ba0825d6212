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

/** One-line rendering in the style of a sibling: `{ "a": 1, "b": 2 }` or `{"a":1,"b":2}`. */
function renderOneLine(value: unknown, spaced: boolean): string {
  if (Array.isArray(value)) {
    const items = value.map((v) => renderOneLine(v, spaced));
    return items.length === 0 ? '[]' : spaced ? `[${items.join(', ')}]` : `[${items.join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const items = Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => `${JSON.stringify(k)}${spaced ? ': ' : ':'}${renderOneLine(v, spaced)}`);
    return items.length === 0 ? '{}' : spaced ? `{ ${items.join(', ')} }` : `{${items.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Multi-line rendering whose first line starts at `indent` (continuation lines indented from it). */
function renderBlock(value: unknown, indent: string, style: Style): string {
  const unit = style.unit === '\t' ? '\t' : style.unit.length;
  return JSON.stringify(value, null, unit).split('\n').join(`${style.eol}${indent}`);
}

function render(value: unknown, like: Node | undefined, text: string, indent: string, style: Style): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (like && isOneLine(text, like) && (like.type === 'object' || like.type === 'array')) {
    const sample = text.slice(like.offset, like.offset + like.length);
    return renderOneLine(value, /^[[{]\s/.test(sample) || /[:,] /.test(sample));
  }
  return renderBlock(value, indent, style);
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
 * `afterIndex` (-1: first; undefined: last), copying the separator style of its neighbours.
 */
function insertMember(text: string, container: Node, prefix: string, value: unknown, afterIndex?: number): string {
  const style = styleOf(text);
  const members = container.children ?? [];
  const valueOf = (m: Node) => (container.type === 'object' ? m.children?.[1] : m);
  if (members.length === 0) {
    const open = container.offset + 1;
    const close = container.offset + container.length - 1;
    if (isOneLine(text, container)) return splice(text, open, close, `${prefix}${render(value, undefined, text, '', style)}`);
    const indent = lineIndent(text, container.offset) + style.unit;
    return splice(text, open, close, `${style.eol}${indent}${prefix}${render(value, undefined, text, indent, style)}${style.eol}${lineIndent(text, container.offset)}`);
  }
  const ref = afterIndex === undefined || afterIndex >= members.length ? members.length - 1 : afterIndex;
  const sibling = members[Math.max(0, ref)]!;
  const like = valueOf(sibling);
  if (isOneLine(text, container)) {
    const sample = text.slice(container.offset, container.offset + container.length);
    const sep = /, /.test(sample) ? ', ' : ',';
    const item = `${prefix.replace(': ', /": /.test(sample) ? ': ' : ':')}${render(value, like, text, '', style)}`;
    if (ref < 0) return splice(text, sibling.offset, sibling.offset, `${item}${sep}`);
    const end = sibling.offset + sibling.length;
    return splice(text, end, end, `${sep}${item}`);
  }
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

/** Reorders an array: item k of the result is the item `order[k]` was, each item's text unchanged. */
export function reorderArray(text: string, arrayPath: JsonPath, order: readonly number[]): string {
  const arr = nodeAt(text, arrayPath);
  const items = arr.children ?? [];
  if (order.length !== items.length || new Set(order).size !== items.length || order.some((k) => !(k >= 0 && k < items.length))) {
    throw new JsonEditError(`${formatPath(arrayPath)}: not a permutation of its ${items.length} items`);
  }
  const slices = items.map((n) => text.slice(n.offset, n.offset + n.length));
  let out = text;
  for (let k = items.length - 1; k >= 0; k--) out = splice(out, items[k]!.offset, items[k]!.offset + items[k]!.length, slices[order[k]!]!);
  return out;
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
