/**
 * The house rules, checked on the source text: src/ is a stack of rooms that
 * tell the story of the data (sources → harvest → reconcile → publish), each
 * importing only from rooms below it; no AWS imports outside src/adapters;
 * no import cycles between files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO as ROOT } from '../helpers/paths.ts';

/** Lower rank = lower room. A room imports itself or rooms of lower rank only. */
const ROOMS: Record<string, number> = {
  ids: 0,
  text: 0,
  input: 0,
  store: 0,
  canonical: 1,
  adapters: 1,
  sources: 2,
  model: 3,
  harvest: 4,
  reconcile: 5,
  publish: 6,
  review: 7,
  pipeline: 8,
  cli: 9,
};

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    return e.isDirectory() ? tsFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? '');
}

const SRC = join(ROOT, 'src');
const roomOf = (file: string) => relative(SRC, file).split('/')[0]!;
const files = tsFiles(SRC);

describe('the house', () => {
  it('every folder of src/ is a known room', () => {
    const rooms = new Set(files.map(roomOf));
    expect([...rooms].filter((r) => !(r in ROOMS))).toEqual([]);
  });

  it('each room imports only from itself and rooms below it', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const from = roomOf(file);
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        const target = resolve(dirname(file), spec);
        if (!target.startsWith(SRC)) {
          wrong.push(`${relative(ROOT, file)} imports ${spec} (outside src/)`);
          continue;
        }
        const to = roomOf(target);
        if (to !== from && !((ROOMS[to] ?? 99) < (ROOMS[from] ?? -1))) wrong.push(`${relative(ROOT, file)} (${from}) imports ${to}/`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('no AWS library is imported outside src/adapters', () => {
    const wrong = files
      .filter((f) => roomOf(f) !== 'adapters')
      .flatMap((f) => importsOf(f).filter((s) => /^(@aws-sdk|aws-cdk-lib|@aws-lambda-powertools|constructs)/.test(s)).map((s) => `${relative(ROOT, f)}: ${s}`));
    expect(wrong).toEqual([]);
  });

  it('no import cycle between files of src/', () => {
    const graph = new Map(files.map((f) => [f, importsOf(f).filter((s) => s.startsWith('.')).map((s) => resolve(dirname(f), s))]));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(SRC, p)).join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const t of graph.get(f) ?? []) visit(t, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('every file of src/ is imported by something (nothing dead)', () => {
    const everything = [...tsFiles(SRC), ...tsFiles(join(ROOT, 'functions')), ...tsFiles(join(ROOT, 'lib')), ...tsFiles(join(ROOT, 'scripts')), ...tsFiles(join(ROOT, 'bench'))];
    const imported = new Set(everything.flatMap((f) => importsOf(f).filter((s) => s.startsWith('.')).map((s) => resolve(dirname(f), s))));
    const entry = new Set([join(SRC, 'cli', 'main.ts')]);
    expect(files.filter((f) => !imported.has(f) && !entry.has(f)).map((f) => relative(ROOT, f))).toEqual([]);
  });
});
