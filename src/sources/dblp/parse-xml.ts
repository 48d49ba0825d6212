/**
 * The one parser for dblp XML: person bibliographies (<dblpperson>, from
 * /pid/<pid>.xml), the record export (a <dblp> root around one record, from
 * /rec/<key>.xml) and a bare record element. A record that cannot be believed
 * (a key that is not a dblp key, a second record with the same key, a title or
 * author list beyond any real paper's) is left out and said why in `problems`;
 * a link or DOI that is not well formed is left out.
 */
import type { Element } from 'domhandler';
import { arxivIdFromLink, parseArxivId } from '../../ids/arxiv-id.ts';
import { isDblpPid } from '../../ids/dblp-key.ts';
import { DocumentError } from '../../input/input-error.ts';
import { stripDblpSuffix } from '../../text/normalize-name.ts';
import { authorsRead, MAX_FIELD_CHARS, overfull, oversized } from '../source-text.ts';
import { isSourceDblpKey, isWebUrl, sourceDoi } from '../source-values.ts';
import { attr, childElements, childNamed, childrenNamed, collapsedText, localName, parseXml, rootPosition } from '../xml/xml-document.ts';
import type { DblpHomonym, DblpLink, DblpPerson, DblpPersonRef, DblpRecord, DblpRecordType } from './dblp-record.ts';

const RECORD_TYPES = new Set<DblpRecordType>(['inproceedings', 'article', 'incollection', 'proceedings', 'book', 'phdthesis', 'mastersthesis', 'www', 'data']);

/** A well-formed XML document that is not the dblp document expected. */
export class DblpFormatError extends DocumentError {
  constructor(document: string, detail: string, at?: { line: number; column: number }) {
    super(document, `not a dblp document: ${detail}`, at);
    this.name = 'DblpFormatError';
  }
}

export type DblpXml =
  | { readonly kind: 'person'; readonly person: DblpPerson }
  | { readonly kind: 'records'; readonly records: readonly DblpRecord[]; readonly problems: readonly string[] };

export function parseDblpXml(input: string | Uint8Array, document = 'dblp response'): DblpXml {
  return dblpXmlFrom(parseXml(input, document), document);
}

/** Reads an already parsed XML document's root element as a dblp document. */
export function dblpXmlFrom(root: Element, document: string): DblpXml {
  const name = localName(root);
  if (name === 'dblpperson') return { kind: 'person', person: readPerson(root, document) };
  const problems: string[] = [];
  if (name === 'dblp') return { kind: 'records', records: readRecords(withinBounds(childElements(root).filter(isRecord), document), problems), problems };
  // A bare record element (<article key=…>…</article>), as cut from the export or the dump.
  if (isRecord(root)) return { kind: 'records', records: readRecords([root], problems), problems };
  throw new DblpFormatError(document, name.toLowerCase() === 'html' ? 'an HTML page (root element <html>)' : `root element is <${root.name}>`, rootPosition(root));
}

/** Parses a person bibliography; throws when the document is something else. */
export function parseDblpPerson(input: string | Uint8Array, document = 'dblp person'): DblpPerson {
  const parsed = parseDblpXml(input, document);
  if (parsed.kind !== 'person') throw new DblpFormatError(document, 'expected a <dblpperson> bibliography (https://dblp.org/pid/<pid>.xml), found a <dblp> record list');
  return parsed.person;
}

/** Records in document order; those beyond belief are left out with a reason in `problems`. */
/** The record elements, when the document holds no more records and authors than any real page (else DocumentError). */
function withinBounds(elements: readonly Element[], document: string): readonly Element[] {
  const problem = overfull(elements.length, authorsRead(elements.map((el) => childrenNamed(el, 'author').length)));
  if (problem !== undefined) throw new DocumentError(document, `holds ${problem}: not read`);
  return elements;
}

function readRecords(elements: readonly Element[], problems: string[]): DblpRecord[] {
  const seen = new Map<string, number>();
  const records: DblpRecord[] = [];
  elements.forEach((el, i) => {
    const n = i + 1;
    const key = attr(el, 'key') ?? '';
    if (!isSourceDblpKey(key)) {
      problems.push(`record ${n}: key ${JSON.stringify(key.slice(0, 100))} is not a dblp record key: record ignored`);
      return;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(`record ${n}: a second record with key ${key} (the first is record ${first}): ignored`);
      return;
    }
    seen.set(key, n);
    const title = collapsedText(childNamed(el, 'title')) ?? '';
    const tooBig = oversized(title, childrenNamed(el, 'author').map((a) => collapsedText(a) ?? ''));
    if (tooBig !== undefined) {
      problems.push(`record ${n} (${key}): ignored: ${tooBig}`);
      return;
    }
    records.push(readRecord(el, (p) => problems.push(`record ${n} (${key}): ${p}`)));
  });
  return records;
}

function isRecord(el: Element): boolean {
  return RECORD_TYPES.has(localName(el) as DblpRecordType);
}

/** Whether an element is a dblp record (<article>, <inproceedings>, …): a bare one is a document dblpXmlFrom reads. */
export function isDblpRecordElement(el: Element): boolean {
  return isRecord(el);
}

function personRef(el: Element): DblpPersonRef {
  const dblpName = collapsedText(el) ?? '';
  const pidText = attr(el, 'pid');
  const pid = pidText !== undefined && isDblpPid(pidText) ? pidText : undefined;
  const orcidText = attr(el, 'orcid');
  const orcid = orcidText !== undefined && /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/.test(orcidText) ? orcidText : undefined;
  return { name: stripDblpSuffix(dblpName), dblpName, ...(pid ? { pid } : {}), ...(orcid ? { orcid } : {}) };
}

/** An <ee> link, when it is an http(s) URL (javascript:, data: and the like are left out). */
function readLink(el: Element): DblpLink | undefined {
  const url = collapsedText(el) ?? '';
  if (!isWebUrl(url)) return undefined;
  const type = attr(el, 'type');
  const arxiv = arxivIdFromLink(url)?.base;
  const doi = /doi\.org\//i.test(url) ? sourceDoi(url) : undefined;
  return { url, ...(type ? { type } : {}), ...(doi ? { doi } : {}), ...(arxiv ? { arxiv } : {}) };
}

export function readRecord(el: Element, problem: (p: string) => void = () => undefined): DblpRecord {
  const text = (name: string) => {
    const v = collapsedText(childNamed(el, name)) || undefined;
    if (v !== undefined && v.length > MAX_FIELD_CHARS) {
      problem(`<${name}> is ${v.length.toLocaleString('en-US')} characters long (at most ${MAX_FIELD_CHARS.toLocaleString('en-US')} are kept): left out`);
      return undefined;
    }
    return v;
  };
  const title = (collapsedText(childNamed(el, 'title')) ?? '').replace(/\.$/, '');
  const publtype = attr(el, 'publtype');
  const journal = text('journal');
  const volume = text('volume');
  const ee = childrenNamed(el, 'ee').flatMap((e) => {
    const link = readLink(e);
    if (!link) problem(`<ee> ${JSON.stringify((collapsedText(e) ?? '').slice(0, 100))} is not an http(s) link: left out`);
    else if (/doi\.org\//i.test(link.url) && !link.doi) problem(`<ee> ${JSON.stringify(link.url.slice(0, 100))} does not hold a well-formed DOI: its DOI is not used`);
    return link ? [link] : [];
  });
  const yearText = text('year');
  const isCorr = journal === 'CoRR' || (publtype?.includes('informal') === true && (volume?.startsWith('abs/') ?? false));
  const fromVolume = volume?.startsWith('abs/') ? parseArxivId(volume.slice(4))?.base : undefined;
  const arxivId = isCorr ? (fromVolume ?? ee.find((l) => l.arxiv)?.arxiv) : undefined;
  const doi = ee.find((l) => l.doi && !l.arxiv)?.doi;
  const mdate = attr(el, 'mdate');
  const booktitle = text('booktitle');
  const number = text('number');
  const pages = text('pages');
  const urlText = text('url');
  const url = urlText !== undefined && /^[\w./#-]+$/.test(urlText) ? urlText : undefined;
  const crossref = text('crossref');
  return {
    key: attr(el, 'key') ?? '',
    ...(mdate ? { mdate } : {}),
    type: localName(el) as DblpRecordType,
    ...(publtype ? { publtype } : {}),
    authors: childrenNamed(el, 'author').map(personRef),
    editors: childrenNamed(el, 'editor').map(personRef),
    title,
    ...(booktitle ? { booktitle } : {}),
    ...(journal ? { journal } : {}),
    ...(volume ? { volume } : {}),
    ...(number ? { number } : {}),
    ...(pages ? { pages } : {}),
    ...(yearText && /^\d{4}$/.test(yearText) ? { year: Number(yearText) } : {}),
    ee,
    ...(url ? { url } : {}),
    ...(crossref ? { crossref } : {}),
    isCorr,
    ...(arxivId ? { arxivId } : {}),
    ...(doi ? { doi } : {}),
  };
}

function readPerson(root: Element, document: string): DblpPerson {
  const pid = attr(root, 'pid');
  const dblpName = attr(root, 'name');
  if (!pid || !dblpName) throw new DblpFormatError(document, '<dblpperson> lacks its name or pid attribute', rootPosition(root));
  if (!isDblpPid(pid)) throw new DblpFormatError(document, `<dblpperson pid=${JSON.stringify(pid.slice(0, 100))}> is not a dblp person id`, rootPosition(root));
  const person = childNamed(root, 'person');
  const records: DblpRecord[] = [];
  const editorOnly: DblpRecord[] = [];
  const problems: string[] = [];
  const elements = withinBounds(childrenNamed(root, 'r').flatMap((r) => childElements(r).filter(isRecord).slice(0, 1)), document);
  for (const rec of readRecords(elements, problems)) {
    // Records where the page's person is not among the authors (only an editor) are not their papers.
    if (rec.authors.some((a) => a.pid === pid)) records.push(rec);
    else editorOnly.push(rec);
  }
  const homonyms: DblpHomonym[] = childrenNamed(childNamed(root, 'homonyms') ?? root, 'h').flatMap((h) => {
    const p = childNamed(h, 'person');
    const a = p ? childNamed(p, 'author') : undefined;
    if (!p || !a) return [];
    const ref = personRef(a);
    const key = attr(p, 'key');
    const publtype = attr(p, 'publtype');
    return [{ name: ref.dblpName, ...(ref.pid ? { pid: ref.pid } : {}), ...(key ? { key } : {}), ...(publtype ? { publtype } : {}) }];
  });
  const coauthors = childrenNamed(childNamed(root, 'coauthors') ?? root, 'co').flatMap((co) =>
    childrenNamed(co, 'na').map((na) => {
      const p = attr(na, 'pid');
      return { name: stripDblpSuffix(collapsedText(na) ?? ''), ...(p ? { pid: p } : {}) };
    }),
  );
  return {
    name: stripDblpSuffix(dblpName),
    dblpName,
    pid,
    affiliations: person ? childrenNamed(person, 'note').filter((n) => attr(n, 'type') === 'affiliation').map((n) => collapsedText(n) ?? '') : [],
    urls: person ? childrenNamed(person, 'url').map((u) => collapsedText(u) ?? '') : [],
    records,
    editorOnly,
    homonyms,
    coauthors,
    problems,
  };
}
