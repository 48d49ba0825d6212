/**
 * What changed between two versions of a canonical file, in words an owner
 * reads: which decisions were added or changed (and when), which works were
 * added, removed or changed (and in which fields), which settings changed.
 * Used when a push or pull is refused because the other side changed too.
 */
import type { RecordFile } from './canonical-home.ts';

type Json = unknown;

function parse(text: string | undefined): Json | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

const isObject = (v: Json): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);
const same = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);
const short = (v: Json) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

/** Top-level (and one level down) paths whose values differ. */
function changedPaths(a: Json, b: Json, path = '', depth = 0): string[] {
  if (same(a, b)) return [];
  if (depth < 2 && isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== '$schema');
    return keys.flatMap((k) => changedPaths(a[k], b[k], path === '' ? k : `${path}.${k}`, depth + 1));
  }
  return [`${path}: ${a === undefined ? '(unset)' : short(a)} → ${b === undefined ? '(unset)' : short(b)}`];
}

interface Keyed {
  readonly key: string;
  readonly value: Json;
}

function keyed(list: Json, by: string): Keyed[] {
  return Array.isArray(list) ? list.flatMap((v) => (isObject(v) && typeof v[by] === 'string' ? [{ key: v[by] as string, value: v as Json }] : [])) : [];
}

function decisionChanges(before: Json, after: Json): string[] {
  const was = new Map(keyed(isObject(before) ? before['decisions'] : [], 'item').map((d) => [d.key, d.value as Record<string, Json>]));
  const lines: string[] = [];
  const now = keyed(isObject(after) ? after['decisions'] : [], 'item');
  for (const { key, value } of now) {
    const d = value as Record<string, Json>;
    const old = was.get(key);
    const when = typeof d['at'] === 'string' ? ` at ${d['at']}` : '';
    if (!old) lines.push(`decision added: ${key} → ${String(d['action'])}${when}`);
    else if (!same(old, d)) lines.push(`decision changed: ${key} ${String(old['action'])} → ${String(d['action'])}${when}`);
    was.delete(key);
  }
  for (const key of was.keys()) lines.push(`decision removed: ${key}`);
  return lines;
}

function cvChanges(before: Json, after: Json): string[] {
  if (!isObject(before) || !isObject(after)) return [];
  const lines: string[] = [];
  const was = new Map(keyed(before['publications'], 'id').map((w) => [w.key, w.value]));
  const now = keyed(after['publications'], 'id');
  for (const { key, value } of now) {
    const old = was.get(key);
    if (old === undefined) lines.push(`work added: ${key}${isObject(value) && typeof value['title'] === 'string' ? ` "${short(value['title'])}"` : ''}`);
    else if (!same(old, value) && isObject(old) && isObject(value)) {
      const fields = [...new Set([...Object.keys(old), ...Object.keys(value)])].filter((f) => !same(old[f], value[f]));
      lines.push(`work changed: ${key} (${fields.join(', ')})`);
    }
    was.delete(key);
  }
  for (const key of was.keys()) lines.push(`work removed: ${key}`);
  const beforeIds = keyed(before['publications'], 'id').map((w) => w.key);
  const kept = new Set(now.map((w) => w.key).filter((k) => beforeIds.includes(k)));
  if (!same(beforeIds.filter((k) => kept.has(k)), now.map((w) => w.key).filter((k) => kept.has(k)))) lines.push('works reordered');
  for (const section of Object.keys({ ...before, ...after })) {
    if (section === 'publications' || section === '$schema') continue;
    if (!same(before[section], after[section])) lines.push(`${section} changed`);
  }
  return lines;
}

/** Lines describing how `after` differs from `before` (undefined: the file is absent). */
export function describeChanges(file: RecordFile, before: string | undefined, after: string | undefined): string[] {
  if (before === after) return [];
  if (before === undefined && file === 'decisions.json') before = '{"decisions": []}';
  if (before === undefined) return [`${file} created`];
  if (after === undefined) return [`${file} deleted`];
  const a = parse(before);
  const b = parse(after);
  if (a === undefined || b === undefined) return [`${file} changed (not valid JSON on one side)`];
  const lines = file === 'decisions.json' ? decisionChanges(a, b) : file === 'cv.json' ? cvChanges(a, b) : changedPaths(a, b);
  return lines.length > 0 ? lines : [`${file} changed (formatting only)`];
}
