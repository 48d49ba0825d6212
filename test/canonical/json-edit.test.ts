/**
 * Minimal edits of owner-written JSON: the value decided changes, every other byte stays
 * (indentation, key order, spacing, line ends, odd values such as "AAAI'21  ").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertArrayItem, JsonEditError, removeArrayItem, removeProperty, reorderArray, replaceValue, rewriteArray, setProperty } from '../../src/canonical/json-edit.ts';
import { FIRST_PROFILE_DIR } from '../helpers/paths.ts';

const OWNER_STYLE = `{
    "profile": "x",
    "publications": [
        {
            "id": "a",
            "title": "Old title",
            "venue": "AAAI'21  ",
            "authors": [
                { "name": "Song Park", "equalContribution": true },
                { "name": "Sanghyuk Chun", "owner": true, "equalContribution": true },
                {"name":"Junbum Cha"}
            ],
            "ids": {"arxiv": "2009.11042"}
        }
    ],
  "odd":   [1,2]
}
`;

/** The text before and after the changed region is the original's. */
function changedRegion(before: string, after: string): string {
  let start = 0;
  while (start < before.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return after.slice(start, after.length - end);
}

describe('json-edit', () => {
  it('replaces one value and nothing else', () => {
    const out = replaceValue(OWNER_STYLE, ['publications', 0, 'title'], 'New: "quoted" title');
    expect(changedRegion(OWNER_STYLE, out)).toBe('New: \\"quoted\\"');
    expect(JSON.parse(out).publications[0].title).toBe('New: "quoted" title');
    expect(out).toContain(`"venue": "AAAI'21  "`);
  });

  it('replaces an author name inside a one-line object, keeping its marks and spacing', () => {
    const out = replaceValue(OWNER_STYLE, ['publications', 0, 'authors', 2, 'name'], 'Junbum  Cha');
    expect(out).toContain('{"name":"Junbum  Cha"}');
    expect(out.replace('Junbum  Cha', 'Junbum Cha')).toBe(OWNER_STYLE);
  });

  it('adds a property after the last one, indented like its siblings', () => {
    const out = setProperty(OWNER_STYLE, ['publications', 0], 'year', 2021);
    expect(out).toContain(`"ids": {"arxiv": "2009.11042"},\n            "year": 2021\n        }`);
    expect(JSON.parse(out).publications[0].year).toBe(2021);
  });

  it('adds a property to a one-line object inline, in its spacing', () => {
    const out = setProperty(OWNER_STYLE, ['publications', 0, 'ids'], 'doi', '10.1609/aaai.v35i3.16340');
    expect(out).toContain(`"ids": {"arxiv": "2009.11042", "doi": "10.1609/aaai.v35i3.16340"}`);
    expect(changedRegion(OWNER_STYLE, out)).toBe(', "doi": "10.1609/aaai.v35i3.16340"');
  });

  it('sets an existing property in place, and adds after a named sibling', () => {
    expect(setProperty(OWNER_STYLE, ['publications', 0], 'title', 'T')).toBe(replaceValue(OWNER_STYLE, ['publications', 0, 'title'], 'T'));
    const out = setProperty(OWNER_STYLE, ['publications', 0], 'kind', 'conference', 'title');
    expect(out).toContain(`"title": "Old title",\n            "kind": "conference",\n            "venue"`);
  });

  it('writes a new object value one-line inside a one-line object, as a block at the right depth inside a block', () => {
    const text = '{\n\t"a": {}\n}\n';
    const out = setProperty(text, ['a'], 'b', { c: [1, 2], d: 'x' });
    expect(JSON.parse(out)).toEqual({ a: { b: { c: [1, 2], d: 'x' } } });
    expect(out).toBe('{\n\t"a": {"b": {"c": [1, 2], "d": "x"}}\n}\n');
    const block = setProperty('{\n\t"a": {\n\t\t"z": 1\n\t}\n}\n', ['a'], 'b', { c: [1, 2] });
    expect(block).toBe('{\n\t"a": {\n\t\t"z": 1,\n\t\t"b": {\n\t\t\t"c": [\n\t\t\t\t1,\n\t\t\t\t2\n\t\t\t]\n\t\t}\n\t}\n}\n');
  });

  it('inserts an array item in the style of its siblings (one-line objects stay one-line)', () => {
    const out = insertArrayItem(OWNER_STYLE, ['publications', 0, 'authors'], { name: 'Bado Lee' }, 3);
    expect(out).toContain(`{"name":"Junbum Cha"},\n                { "name": "Bado Lee" }\n            ]`);
    const first = insertArrayItem(OWNER_STYLE, ['publications', 0, 'authors'], { name: 'Zed' }, 0);
    expect(JSON.parse(first).publications[0].authors.map((a: { name: string }) => a.name)).toEqual(['Zed', 'Song Park', 'Sanghyuk Chun', 'Junbum Cha']);
  });

  it('reorders items keeping each item text byte for byte', () => {
    const out = reorderArray(OWNER_STYLE, ['publications', 0, 'authors'], [1, 0, 2]);
    expect(out).toContain(`{ "name": "Sanghyuk Chun", "owner": true, "equalContribution": true },\n                { "name": "Song Park", "equalContribution": true },\n                {"name":"Junbum Cha"}`);
    expect(out.length).toBe(OWNER_STYLE.length);
    expect(() => reorderArray(OWNER_STYLE, ['publications', 0, 'authors'], [0, 0, 1])).toThrow(JsonEditError);
    expect(() => reorderArray(OWNER_STYLE, ['publications', 0, 'authors'], [0, 1])).toThrow(/not a permutation of its 3 items/);
  });

  it('rewrites an array from kept items and new values, keeping the separators', () => {
    const out = rewriteArray(OWNER_STYLE, ['publications', 0, 'authors'], [{ keep: 1 }, { value: { name: 'New Person' } }, { keep: 0 }]);
    expect(JSON.parse(out).publications[0].authors).toEqual([{ name: 'Sanghyuk Chun', owner: true, equalContribution: true }, { name: 'New Person' }, { name: 'Song Park', equalContribution: true }]);
    expect(out).toContain('                { "name": "New Person" },\n');
    expect(rewriteArray(OWNER_STYLE, ['odd'], [{ keep: 1 }, { value: 3 }, { keep: 0 }])).toContain('"odd":   [2,3,1]');
  });

  it('removes properties and items with their separators', () => {
    const noVenue = removeProperty(OWNER_STYLE, ['publications', 0], 'venue');
    expect(JSON.parse(noVenue).publications[0].venue).toBeUndefined();
    expect(noVenue).toContain(`"title": "Old title",\n            "authors"`);
    expect(removeProperty(OWNER_STYLE, ['publications', 0], 'nope')).toBe(OWNER_STYLE);
    const firstGone = removeProperty(OWNER_STYLE, ['publications', 0], 'id');
    expect(firstGone).toContain(`{\n            "title": "Old title"`);
    expect(JSON.parse(removeArrayItem(OWNER_STYLE, ['odd'], 0)).odd).toEqual([2]);
    expect(JSON.parse(removeArrayItem(OWNER_STYLE, ['odd'], 1)).odd).toEqual([1]);
  });

  it('keeps CRLF line ends', () => {
    const crlf = OWNER_STYLE.replace(/\n/g, '\r\n');
    const out = setProperty(crlf, ['publications', 0], 'year', 2021);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(JSON.parse(out).publications[0].year).toBe(2021);
  });

  it('names a missing path', () => {
    expect(() => replaceValue(OWNER_STYLE, ['publications', 3, 'title'], 'x')).toThrow('no value at publications[3].title');
  });

  it('on the first user\'s cv.json, every single-field edit changes only that field', () => {
    const text = readFileSync(join(FIRST_PROFILE_DIR, 'cv.json'), 'utf8');
    const cv = JSON.parse(text) as { publications: Array<{ title: string; authors: Array<{ name: string }> }> };
    cv.publications.forEach((p, i) => {
      const out = replaceValue(text, ['publications', i, 'title'], `${p.title}!`);
      expect(changedRegion(text, out)).toBe('!');
      p.authors.forEach((a, k) => {
        const renamed = replaceValue(text, ['publications', i, 'authors', k, 'name'], `${a.name}~`);
        expect(changedRegion(text, renamed)).toBe('~');
      });
      const order = p.authors.map((_, k) => k).reverse();
      const reordered = JSON.parse(reorderArray(text, ['publications', i, 'authors'], order)) as typeof cv;
      expect(reordered.publications[i]!.authors).toEqual([...p.authors].reverse());
    });
  });
});
