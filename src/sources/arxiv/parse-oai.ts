/**
 * The one parser for arXiv's OAI-PMH responses (ListRecords, GetRecord) in its
 * three metadata formats, arXivRaw, arXiv and oai_dc, from the 2025 service
 * (oaipmh.arxiv.org) and the legacy one (export.arxiv.org/oai2). Each record
 * becomes the same typed ArxivRecord the Atom parser produces; OAI-PMH's own
 * answers (<error code="noRecordsMatch"> …) become an error page. Elements are
 * matched by local name: namespace declarations differ between the services
 * (and test documents drop them). Only arXivRaw says which version a record is
 * at; from the arXiv and oai_dc formats the version is left unknown, never assumed.
 */
import type { Element } from 'domhandler';
import { arxivAbsUrl, arxivPdfUrl, parseArxivId } from '../../ids/arxiv-id.ts';
import { plainText } from '../../text/plain-text.ts';
import { DocumentError } from '../../input/input-error.ts';
import { sourceDoi } from '../source-values.ts';
import { authorsRead, overfull } from '../source-text.ts';
import { attr, childElements, childNamed, childrenNamed, collapsedText, localName, parseXml, rootPosition } from '../xml/xml-document.ts';
import type { ArxivAuthor, ArxivRecord, ArxivVersionDate } from './arxiv-record.ts';
import { authorFromCreator, authorFromParts, authorsFromString } from './oai-authors.ts';
import type { OaiError, OaiMetadataFormat, OaiPage, OaiRecord, ResumptionToken } from './oai-record.ts';

/** A well-formed document that is not an OAI-PMH response (or one without a verb's answer). */
export class OaiFormatError extends DocumentError {
  constructor(document: string, detail: string, at?: { line: number; column: number }) {
    super(document, `not an OAI-PMH response: ${detail}`, at);
    this.name = 'OaiFormatError';
  }
}

const OAI_ID = /^oai:arXiv\.org:(.+)$/i;

/** Parses one response body. Throws XmlFormatError (malformed, line/column), DocumentError (empty, an HTML page) or OaiFormatError. */
export function parseOaiPage(text: string, document = 'OAI-PMH response'): OaiPage {
  return oaiPageFrom(parseXml(text, document), document);
}

/** Reads an already parsed document (its root element) as an OAI-PMH response; throws OaiFormatError when it is not one. */
export function oaiPageFrom(root: Element, document: string): OaiPage {
  if (localName(root) !== 'OAI-PMH') throw new OaiFormatError(document, `root element is <${root.name}>`, rootPosition(root));
  const errors: OaiError[] = childrenNamed(root, 'error').map((e) => ({ code: attr(e, 'code') ?? 'unknown', message: collapsedText(e) ?? '' }));
  if (errors.length > 0) return { kind: 'error', errors };
  const responseDate = collapsedText(childNamed(root, 'responseDate'));
  const list = childNamed(root, 'ListRecords') ?? childNamed(root, 'GetRecord');
  if (!list) {
    const verbs = childElements(root).map((e) => localName(e)).filter((n) => n !== 'responseDate' && n !== 'request');
    throw new OaiFormatError(document, `no ListRecords, GetRecord or error element (found ${verbs.map((v) => `<${v}>`).join(', ') || 'nothing'})`);
  }
  const problems: string[] = [];
  const records: OaiRecord[] = [];
  const elements = childrenNamed(list, 'record');
  const tooMany = overfull(elements.length, 0);
  if (tooMany !== undefined) throw new DocumentError(document, `holds ${tooMany}: not read`);
  elements.forEach((el, i) => {
    const r = readRecord(el, i + 1, problems);
    if (r) records.push(r);
  });
  const tooManyAuthors = overfull(records.length, authorsRead(records.map((r) => r.record?.authors.length ?? 0)));
  if (tooManyAuthors !== undefined) throw new DocumentError(document, `holds ${tooManyAuthors}: not read`);
  const tokenEl = childNamed(list, 'resumptionToken');
  return {
    kind: 'records',
    verb: localName(list) === 'GetRecord' ? 'GetRecord' : 'ListRecords',
    ...(responseDate ? { responseDate } : {}),
    records,
    ...(tokenEl ? { resumption: readToken(tokenEl) } : {}),
    problems,
  };
}

function readToken(el: Element): ResumptionToken {
  const num = (name: string) => {
    const v = attr(el, name);
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
  };
  const cursor = num('cursor');
  const completeListSize = num('completeListSize');
  const expires = attr(el, 'expirationDate') ?? attr(el, 'expires');
  return {
    token: collapsedText(el) ?? '',
    ...(cursor !== undefined ? { cursor } : {}),
    ...(completeListSize !== undefined ? { completeListSize } : {}),
    ...(expires ? { expires } : {}),
  };
}

function readRecord(el: Element, n: number, problems: string[]): OaiRecord | undefined {
  const header = childNamed(el, 'header');
  if (!header) {
    problems.push(`record ${n}: no <header>`);
    return undefined;
  }
  const identifier = collapsedText(childNamed(header, 'identifier')) ?? '';
  const datestamp = collapsedText(childNamed(header, 'datestamp')) ?? '';
  const sets = childrenNamed(header, 'setSpec').map((s) => collapsedText(s) ?? '').filter((s) => s !== '');
  const fromIdentifier = OAI_ID.exec(identifier)?.[1];
  const arxivId = fromIdentifier ? parseArxivId(fromIdentifier)?.base : undefined;
  if (!arxivId) {
    problems.push(`record ${n}: identifier ${JSON.stringify(identifier)} is not oai:arXiv.org:<arXiv ID>`);
    return undefined;
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(datestamp)) problems.push(`record ${n} (${arxivId}): datestamp ${JSON.stringify(datestamp)} is not a date`);
  const base = { identifier, arxivId, datestamp, sets };
  if (attr(header, 'status') === 'deleted') return { ...base, deleted: true };
  const meta = childElements(childNamed(el, 'metadata') ?? el).find((m) => ['arXivRaw', 'arXiv', 'dc'].includes(localName(m)));
  if (!meta) {
    problems.push(`record ${n} (${arxivId}): no arXivRaw, arXiv or oai_dc metadata`);
    return { ...base, deleted: false };
  }
  const format: OaiMetadataFormat = localName(meta) === 'dc' ? 'oai_dc' : (localName(meta) as OaiMetadataFormat);
  try {
    const record = format === 'arXivRaw' ? fromArxivRaw(meta, arxivId) : format === 'arXiv' ? fromArxivFormat(meta, arxivId) : fromDublinCore(meta, arxivId);
    return { ...base, deleted: false, format, record };
  } catch (e) {
    problems.push(`record ${n} (${arxivId}, ${format}): ${(e as Error).message}`);
    return { ...base, deleted: false, format };
  }
}

const text = (el: Element, name: string) => collapsedText(childNamed(el, name)) || undefined;

/** "Wed, 25 Jun 2008 15:29:38 GMT" or "2014-12-29" → "2008-06-25T15:29:38Z". */
function isoDate(value: string, what: string): string {
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(t)) throw new Error(`${what} ${JSON.stringify(value)} is not a date`);
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The doi field may hold several DOIs separated by spaces, commas or semicolons; one with a character a source DOI may not have is left out. */
function dois(value: string | undefined): string[] {
  if (!value) return [];
  return [...new Set(value.split(/[\s,;]+/).flatMap((d) => sourceDoi(d) ?? []))];
}

function common(id: string, fields: { title: string; abstract: string; authors: ArxivAuthor[]; categories: string[]; comment?: string; journalRef?: string; dois: string[] }) {
  if (fields.title === '') throw new Error('no title');
  const [doi] = fields.dois;
  return {
    id,
    title: fields.title,
    titlePlain: plainText(fields.title),
    abstract: fields.abstract,
    abstractPlain: plainText(fields.abstract),
    authors: fields.authors,
    ...(fields.comment ? { comment: fields.comment } : {}),
    ...(fields.journalRef ? { journalRef: fields.journalRef } : {}),
    ...(doi ? { doi } : {}),
    ...(fields.dois.length > 1 ? { dois: fields.dois } : {}),
    ...(fields.categories[0] ? { primaryCategory: fields.categories[0] } : {}),
    categories: fields.categories,
  };
}

function links(id: string, version: number | undefined, doi: string | undefined): ArxivRecord['links'] {
  return { abstract: arxivAbsUrl(id, version), pdf: arxivPdfUrl(id, version), ...(doi ? { doi: `https://doi.org/${doi}` } : {}) };
}

const categoriesOf = (el: Element) => (text(el, 'categories') ?? '').split(/\s+/).filter((c) => c !== '');

/** arXivRaw: versions with dates, authors as one string. */
function fromArxivRaw(el: Element, headerId: string): ArxivRecord {
  const id = parseArxivId(text(el, 'id') ?? headerId)?.base ?? headerId;
  const versionDates: ArxivVersionDate[] = childrenNamed(el, 'version')
    .flatMap((v) => {
      const n = /^v(\d+)$/.exec(attr(v, 'version') ?? '')?.[1];
      const date = text(v, 'date');
      return n && date ? [{ version: Number(n), submitted: isoDate(date, `version v${n} date`) }] : [];
    })
    .sort((a, b) => a.version - b.version);
  if (versionDates.length === 0) throw new Error('no <version> with a number and a date');
  const latest = versionDates[versionDates.length - 1]!;
  const c = common(id, {
    title: text(el, 'title') ?? '',
    abstract: text(el, 'abstract') ?? '',
    authors: authorsFromString(text(el, 'authors') ?? ''),
    categories: categoriesOf(el),
    ...optional(el),
    dois: dois(text(el, 'doi')),
  });
  return { ...c, version: latest.version, published: versionDates[0]!.submitted, updated: latest.submitted, versionDates, links: links(id, latest.version, c.doi) };
}

function optional(el: Element): { comment?: string; journalRef?: string } {
  const comment = text(el, 'comments');
  const journalRef = text(el, 'journal-ref');
  return { ...(comment ? { comment } : {}), ...(journalRef ? { journalRef } : {}) };
}

/** arXiv: structured authors with affiliations (legacy service), created/updated dates, no version numbers. */
function fromArxivFormat(el: Element, headerId: string): ArxivRecord {
  const id = parseArxivId(text(el, 'id') ?? headerId)?.base ?? headerId;
  const created = text(el, 'created');
  const updated = text(el, 'updated');
  const authors = childrenNamed(childNamed(el, 'authors') ?? el, 'author').flatMap((a) =>
    authorFromParts(
      childrenNamed(a, 'keyname').map((k) => collapsedText(k) ?? ''),
      text(a, 'forenames'),
      text(a, 'suffix'),
      childrenNamed(a, 'affiliation').map((x) => collapsedText(x) ?? '').filter((x) => x !== ''),
    ),
  );
  const c = common(id, { title: text(el, 'title') ?? '', abstract: text(el, 'abstract') ?? '', authors, categories: categoriesOf(el), ...optional(el), dois: dois(text(el, 'doi')) });
  // This format says that a record was updated, not to which version: the version is left unknown.
  const published = created ? safeIso(created) : undefined;
  const upd = updated ? safeIso(updated) : published;
  return { ...c, ...(published ? { published } : {}), ...(upd ? { updated: upd } : {}), links: links(id, undefined, c.doi) };
}

/** A malformed date (the legacy service wrote "2007-04-999") is left out rather than failing the record. */
function safeIso(value: string): string | undefined {
  try {
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? isoDate(value, 'date') : undefined;
  } catch {
    return undefined;
  }
}

/** oai_dc: creators "Keyname, Forenames", the abstract and the comment as descriptions, IDs as identifiers. */
function fromDublinCore(el: Element, headerId: string): ArxivRecord {
  const all = (name: string) => childrenNamed(el, name).map((x) => collapsedText(x) ?? '').filter((x) => x !== '');
  const identifiers = all('identifier');
  const fromAbs = identifiers.map((i) => /arxiv\.org\/abs\/(.+)$/i.exec(i)?.[1]).find((x) => x !== undefined);
  const id = (fromAbs ? parseArxivId(fromAbs)?.base : undefined) ?? headerId;
  const descriptions = all('description');
  // The legacy service prefixes the comment "Comment: "; the 2025 service writes it bare as the second description.
  const commentAt = descriptions.findIndex((d) => d.startsWith('Comment:'));
  const comment = commentAt >= 0 ? descriptions[commentAt]!.replace(/^Comment:\s*/, '') : descriptions[1];
  const abstract = descriptions.find((_d, i) => i !== commentAt && (commentAt >= 0 || i === 0)) ?? '';
  const doiList = identifiers.flatMap((i) => (/^doi:/i.test(i) ? dois(i.replace(/^doi:\s*/i, '')) : []));
  const journalRef = identifiers.find((i) => !/^(?:https?:\/\/|doi:)/i.test(i));
  const dates = all('date').flatMap((d) => safeIso(d) ?? []);
  const c = common(id, {
    title: all('title')[0] ?? '',
    abstract,
    authors: all('creator').flatMap(authorFromCreator),
    categories: [],
    ...(comment ? { comment } : {}),
    ...(journalRef ? { journalRef } : {}),
    dois: doiList,
  });
  // Two dates say the record was revised, not to which version: the version is left unknown.
  return { ...c, ...(dates[0] ? { published: dates[0] } : {}), ...(dates.length > 0 ? { updated: dates[dates.length - 1]! } : {}), links: links(id, undefined, c.doi) };
}
