/**
 * The one parser for dblp XML: person bibliographies (<dblpperson>, from
 * /pid/<pid>.xml), the record export (a <dblp> root around one record, from
 * /rec/<key>.xml) and a bare record element.
 */
import type { Element } from 'domhandler';
import { arxivIdFromLink, parseArxivId } from '../../ids/arxiv-id.ts';
import { parseDoi } from '../../ids/doi.ts';
import { stripDblpSuffix } from '../../text/normalize-name.ts';
import { attr, childElements, childNamed, childrenNamed, collapsedText, localName, parseXml } from '../xml/xml-document.ts';
import type { DblpHomonym, DblpLink, DblpPerson, DblpPersonRef, DblpRecord, DblpRecordType } from './dblp-record.ts';

const RECORD_TYPES = new Set<DblpRecordType>(['inproceedings', 'article', 'incollection', 'proceedings', 'book', 'phdthesis', 'mastersthesis', 'www', 'data']);

export class DblpFormatError extends Error {
  constructor(
    readonly document: string,
    detail: string,
  ) {
    super(`${document}: not a dblp document: ${detail}`);
    this.name = 'DblpFormatError';
  }
}

export type DblpXml = { readonly kind: 'person'; readonly person: DblpPerson } | { readonly kind: 'records'; readonly records: readonly DblpRecord[] };

export function parseDblpXml(text: string, document = 'dblp response'): DblpXml {
  const root = parseXml(text, document);
  const name = localName(root);
  if (name === 'dblpperson') return { kind: 'person', person: readPerson(root, document) };
  if (name === 'dblp') return { kind: 'records', records: childElements(root).filter(isRecord).map(readRecord) };
  // A bare record element (<article key=…>…</article>), as cut from the export or the dump.
  if (isRecord(root)) return { kind: 'records', records: [readRecord(root)] };
  throw new DblpFormatError(document, `root element is <${root.name}>`);
}

/** Parses a person bibliography; throws when the document is something else. */
export function parseDblpPerson(text: string, document = 'dblp person'): DblpPerson {
  const parsed = parseDblpXml(text, document);
  if (parsed.kind !== 'person') throw new DblpFormatError(document, 'expected a <dblpperson> bibliography');
  return parsed.person;
}

function isRecord(el: Element): boolean {
  return RECORD_TYPES.has(localName(el) as DblpRecordType);
}

function personRef(el: Element): DblpPersonRef {
  const dblpName = collapsedText(el) ?? '';
  const pid = attr(el, 'pid');
  const orcid = attr(el, 'orcid');
  return { name: stripDblpSuffix(dblpName), dblpName, ...(pid ? { pid } : {}), ...(orcid ? { orcid } : {}) };
}

function readLink(el: Element): DblpLink {
  const url = collapsedText(el) ?? '';
  const type = attr(el, 'type');
  const arxiv = arxivIdFromLink(url)?.base;
  const doi = /doi\.org\//i.test(url) ? parseDoi(url) : undefined;
  return { url, ...(type ? { type } : {}), ...(doi ? { doi } : {}), ...(arxiv ? { arxiv } : {}) };
}

export function readRecord(el: Element): DblpRecord {
  const text = (name: string) => collapsedText(childNamed(el, name)) || undefined;
  const title = (collapsedText(childNamed(el, 'title')) ?? '').replace(/\.$/, '');
  const publtype = attr(el, 'publtype');
  const journal = text('journal');
  const volume = text('volume');
  const ee = childrenNamed(el, 'ee').map(readLink);
  const yearText = text('year');
  const isCorr = journal === 'CoRR' || (publtype?.includes('informal') === true && (volume?.startsWith('abs/') ?? false));
  const fromVolume = volume?.startsWith('abs/') ? parseArxivId(volume.slice(4))?.base : undefined;
  const arxivId = isCorr ? (fromVolume ?? ee.find((l) => l.arxiv)?.arxiv) : undefined;
  const doi = ee.find((l) => l.doi && !l.arxiv)?.doi;
  const mdate = attr(el, 'mdate');
  const booktitle = text('booktitle');
  const number = text('number');
  const pages = text('pages');
  const url = text('url');
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
  if (!pid || !dblpName) throw new DblpFormatError(document, '<dblpperson> lacks its name or pid attribute');
  const person = childNamed(root, 'person');
  const records: DblpRecord[] = [];
  const editorOnly: DblpRecord[] = [];
  for (const r of childrenNamed(root, 'r')) {
    const el = childElements(r).find(isRecord);
    if (!el) continue;
    const rec = readRecord(el);
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
  };
}
