/**
 * One synthetic dblp dataset written two ways, as dblp publishes it: the daily
 * dump (dblp.xml.gz: ISO-8859-1 declared, ASCII written, named entities from
 * dblp.dtd for non-ASCII, records with mdate before key and authors by name
 * form only, person records as <www key="homepages/…">) and the person pages
 * (/pid/<pid>.xml, through dblp-builder.ts: pids on authors, numeric
 * references). The same facts, so both harvest paths can be compared.
 */
import { gzipSync } from 'node:zlib';
import { entityTableFromDtd } from '../../src/sources/dblp/dblp-dump-entities.ts';
import { dblpPerson, dblpRecord, xmlText, type DblpRecordSpec } from './dblp-builder.ts';

export interface DatasetPerson {
  readonly pid: string;
  /** Name forms; the first is the primary name (homonym suffix included). */
  readonly forms: readonly string[];
  readonly mdate: string;
  readonly affiliation?: string;
}

export interface Dataset {
  readonly persons: readonly DatasetPerson[];
  /** Records with every author and editor given by pid (their name: the person's primary form, or `name`). */
  readonly records: readonly DblpRecordSpec[];
}

/** The entity names of a DTD, by the character they stand for (to write non-ASCII as dblp.xml does). */
function namedEntities(dtd: string): Map<string, string> {
  const byChar = new Map<string, string>();
  for (const [name, c] of entityTableFromDtd(dtd)) if (c.charCodeAt(0) > 127 && !byChar.has(c)) byChar.set(c, name);
  return byChar;
}

/** Numeric references as named entities where the DTD names the character (as dblp.xml writes &uuml;). */
function withNamedEntities(xml: string, byChar: ReadonlyMap<string, string>): string {
  return xml.replace(/&#(\d+);/g, (m, d: string) => {
    const name = byChar.get(String.fromCodePoint(Number(d)));
    return name ? `&${name};` : m;
  });
}

const withoutPids = (r: DblpRecordSpec): DblpRecordSpec => ({
  ...r,
  ...(r.authors ? { authors: r.authors.map((a) => ({ name: a.name, ...(a.orcid ? { orcid: a.orcid } : {}) })) } : {}),
  ...(r.editors ? { editors: r.editors.map((a) => ({ name: a.name, ...(a.orcid ? { orcid: a.orcid } : {}) })) } : {}),
});

/** A record as dblp.xml writes it: mdate before key, names only, named entities. */
export function dumpRecord(r: DblpRecordSpec, byChar: ReadonlyMap<string, string>): string {
  const xml = dblpRecord(withoutPids(r)).replace(/^<(\w+) key="([^"]*)" mdate="([^"]*)"/, '<$1 mdate="$3" key="$2"');
  return withNamedEntities(xml, byChar);
}

export function dumpPerson(p: DatasetPerson, byChar: ReadonlyMap<string, string>): string {
  const lines = [
    `<www mdate="${p.mdate}" key="homepages/${p.pid}">`,
    ...p.forms.map((f) => `<author>${xmlText(f)}</author>`),
    '<title>Home Page</title>',
    ...(p.affiliation ? [`<note type="affiliation">${xmlText(p.affiliation)}</note>`] : []),
    '</www>',
  ];
  return withNamedEntities(lines.join('\n'), byChar);
}

/** The dump's XML text; records and persons interleaved (persons after the records naming them, the harder order). */
export function dumpXml(d: Dataset, dtd: string, extra: readonly string[] = []): string {
  const byChar = namedEntities(dtd);
  const half = Math.ceil(d.records.length / 2);
  return [
    '<?xml version="1.0" encoding="ISO-8859-1"?>',
    '<!DOCTYPE dblp SYSTEM "dblp.dtd">',
    '<dblp>',
    ...d.records.slice(0, half).map((r) => dumpRecord(r, byChar)),
    ...d.persons.map((p) => dumpPerson(p, byChar)),
    ...d.records.slice(half).map((r) => dumpRecord(r, byChar)),
    ...extra,
    '</dblp>',
    '',
  ].join('\n');
}

export function dumpGz(d: Dataset, dtd: string, extra: readonly string[] = []): Buffer {
  return gzipSync(Buffer.from(dumpXml(d, dtd, extra), 'latin1'));
}

const year = (r: DblpRecordSpec) => r.year;
/** Newest first, then by key (the order the person pages list records in). */
export const pageSorted = (rs: readonly DblpRecordSpec[]) => [...rs].sort((a, b) => year(b) - year(a) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** Person page of one pid in the dataset: every record naming one of its forms, homonyms listed. */
export function personPageOf(d: Dataset, pid: string): string {
  const p = d.persons.find((x) => x.pid === pid);
  if (!p) throw new Error(`no person ${pid}`);
  const strip = (n: string) => n.replace(/\s\d{4}$/, '').toLowerCase();
  const mine = d.records.filter((r) => [...(r.authors ?? []), ...(r.editors ?? [])].some((a) => a.pid === pid));
  const homonyms = d.persons
    .filter((h) => h.pid !== pid && strip(h.forms[0]!) === strip(p.forms[0]!))
    .sort((a, b) => (a.pid < b.pid ? -1 : 1))
    .map((h) => ({ f: h.pid, key: `homepages/${h.pid}`, name: h.forms[0]!, pid: h.pid, mdate: h.mdate }));
  return dblpPerson({ name: p.forms[0]!, pid, mdate: p.mdate, ...(p.forms.length > 1 ? { aliases: p.forms.slice(1) } : {}), ...(p.affiliation ? { affiliation: p.affiliation } : {}), homonyms, records: pageSorted(mine) });
}
