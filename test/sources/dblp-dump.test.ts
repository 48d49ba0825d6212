/**
 * dblp's daily dump read as a stream: the entity table comes from a DTD file
 * (never from DTD processing), records and person records come out resolved,
 * and a dump that cannot be read to its end says where.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DocumentError } from '../../src/input/input-error.ts';
import { entityTableFromDtd, resolveEntities } from '../../src/sources/dblp/dblp-dump-entities.ts';
import { candidateName, extractPersonPages } from '../../src/sources/dblp/dblp-dump-extract.ts';
import { DumpReadError, namesIn, streamDblpDump, type DumpElement, type DumpPerson } from '../../src/sources/dblp/dblp-dump-stream.ts';
import { parseDblpPerson } from '../../src/sources/dblp/parse-xml.ts';
import { dumpGz, dumpXml, personPageOf } from '../helpers/dblp-dump-builder.ts';
import { DATASET, DTD_EXCERPT, PERSONS, RECORDS } from '../helpers/dblp-dump-dataset.ts';

async function* chunks(b: Uint8Array, size = 97): AsyncIterable<Uint8Array> {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

const table = entityTableFromDtd(DTD_EXCERPT, 'dblp-excerpt.dtd');

async function read(gz: Uint8Array, entities = table) {
  const persons: DumpPerson[] = [];
  const records: Array<{ el: DumpElement; names: readonly string[] }> = [];
  const stats = await streamDblpDump(chunks(gz), entities, { person: (p) => persons.push(p), record: (el, names) => records.push({ el, names }) }, 'dblp.xml.gz');
  return { persons, records, stats };
}

async function failure(p: Promise<unknown>): Promise<DumpReadError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DumpReadError);
  return e as DumpReadError;
}

/** 1-based line of the first line of `text` holding `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('the entity table is built from the DTD file', () => {
  it('maps each declared character entity to the character its declaration names', () => {
    for (const m of DTD_EXCERPT.matchAll(/<!ENTITY\s+(\w+)\s+"&#(\d+);"/g)) expect(table.get(m[1]!)).toBe(String.fromCodePoint(Number(m[2])));
    expect(resolveEntities('J&uuml;rgen &amp; M&#252;ller', table, () => 'here')).toBe(`J${table.get('uuml')}rgen & M${String.fromCodePoint(252)}ller`);
  });

  it('refuses a DTD declaring an entity that is not one character, naming its line', () => {
    const dtd = `${DTD_EXCERPT}<!ENTITY boom "<b>&uuml;&uuml;</b>">\n`;
    const line = lineOf(dtd, 'boom');
    expect(() => entityTableFromDtd(dtd, 'evil.dtd')).toThrow(DocumentError);
    expect(() => entityTableFromDtd(dtd, 'evil.dtd')).toThrow(new RegExp(`evil\\.dtd:${line}:1: entity "boom"`));
    expect(() => entityTableFromDtd(`${DTD_EXCERPT}<!ENTITY ext SYSTEM "file:///etc/passwd">`)).toThrow(/external entity/);
  });
});

describe('the dump stream', () => {
  it('gives every person record and every other record once, names resolved, suffixes as written', async () => {
    const { persons, records, stats } = await read(dumpGz(DATASET, DTD_EXCERPT));
    expect(persons.map((p) => p.pid).sort()).toEqual(PERSONS.map((p) => p.pid).sort());
    expect(records.map((r) => r.el.attrs.find(([k]) => k === 'key')?.[1]).sort()).toEqual(RECORDS.map((r) => r.key).sort());
    expect(stats).toMatchObject({ records: RECORDS.length, persons: PERSONS.length });
    const xml = dumpXml(DATASET, DTD_EXCERPT);
    expect(xml).toContain('&uuml;'); // written as dblp writes it …
    for (const p of PERSONS) expect(persons.find((x) => x.pid === p.pid)?.forms).toEqual(p.forms); // … read as the characters
    for (const r of RECORDS) {
      const got = records.find((x) => x.el.attrs.some(([k, v]) => k === 'key' && v === r.key))!;
      expect(namesIn(got.el, 'author')).toEqual((r.authors ?? []).map((a) => a.name));
    }
    expect(stats.xmlBytes).toBe(Buffer.byteLength(xml, 'latin1'));
  });

  it('a gzip stream cut short is an error saying how far it got; nothing is given as complete', async () => {
    const gz = dumpGz(DATASET, DTD_EXCERPT);
    const cut = gz.subarray(0, Math.floor(gz.length * 0.7));
    const e = await failure(read(cut));
    expect(e.message).toMatch(/compressed stream ends early/);
    expect(e.at.compressedBytes).toBe(cut.length);
    expect(e.at.line).toBeGreaterThan(1);
  });

  it('XML that ends before </dblp> in a whole gzip stream is an error too', async () => {
    const xml = dumpXml(DATASET, DTD_EXCERPT);
    const e = await failure(read(gzipSync(Buffer.from(xml.slice(0, xml.indexOf('</dblp>')), 'latin1'))));
    expect(e.message).toMatch(/ends before <\/dblp>/);
  });

  it('an entity the DTD does not declare is an error naming it, its line and its record', async () => {
    const bad = '<article mdate="2024-01-01" key="journals/x/Bad24">\n<author>Bj&oslig;rn Bad</author>\n<title>T.</title>\n<year>2024</year>\n</article>';
    const xml = dumpXml(DATASET, DTD_EXCERPT, [bad]);
    const e = await failure(read(gzipSync(Buffer.from(xml, 'latin1'))));
    expect(e.message).toMatch(/unknown entity &oslig;/);
    expect(e.message).toContain(`line ${lineOf(xml, '&oslig;')}`);
    expect(e.message).toContain('journals/x/Bad24');
    // The same dump with a DTD lacking an entity it uses fails the same way.
    const without = DTD_EXCERPT.replace(/<!ENTITY uuml[^\n]*\n/, '');
    const e2 = await failure(read(dumpGz(DATASET, DTD_EXCERPT), entityTableFromDtd(without)));
    expect(e2.message).toMatch(/unknown entity &uuml;/);
  });

  it('a document whose root is not <dblp> is refused', async () => {
    await failure(read(gzipSync('<?xml version="1.0"?>\n<html><body>blocked</body></html>')));
  });
});

describe('person pages from the dump', () => {
  const candidates = new Set(PERSONS.flatMap((p) => p.forms.map(candidateName)));

  it('are byte for byte the person pages of the same data, homonyms apart', async () => {
    const pids = PERSONS.map((p) => p.pid);
    const got = await extractPersonPages(chunks(dumpGz(DATASET, DTD_EXCERPT)), table, { pids, candidates });
    for (const pid of pids) expect(got.pages.get(pid), pid).toBe(personPageOf(DATASET, pid));
    const dixu = parseDblpPerson(got.pages.get('01/1001-1')!);
    expect(dixu.homonyms.map((h) => h.pid)).toEqual(['01/1001-2']);
    expect(dixu.records.every((r) => r.authors.some((a) => a.dblpName === 'Di Xu 0001' && a.pid === '01/1001-1'))).toBe(true);
    expect(dixu.records.map((r) => r.key)).not.toContain('journals/tkde/Xu23'); // the other Di Xu's paper
    const juergen = parseDblpPerson(got.pages.get('12/3456')!);
    expect(juergen.records.map((r) => r.key).sort()).toEqual(RECORDS.filter((r) => r.authors?.some((a) => a.pid === '12/3456')).map((r) => r.key).sort()); // the alias's CoRR record included
    expect(juergen.editorOnly.map((r) => r.key)).toEqual(['conf/icde/2024']);
  });

  it('a pid the dump lacks is missing; a person with a form nobody anticipated is left to its person page', async () => {
    const got = await extractPersonPages(chunks(dumpGz(DATASET, DTD_EXCERPT)), table, { pids: ['12/3456', '77/7777'], candidates: new Set([candidateName('Jürgen Müller')]) });
    expect(got.missing).toEqual(['77/7777']);
    expect(got.unanticipated).toEqual(['12/3456']); // "J. Müller" was no candidate: records under it could be missed
    expect(got.pages.size).toBe(0);
  });
});
