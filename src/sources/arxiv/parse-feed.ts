/**
 * The one parser for arXiv API responses: Atom feeds of the legacy backend and
 * of the Nov-2025 backend, including the error feed, ghost entries, link-less
 * entries (Nov 2025 bug) and titles such as "0". An entry that cannot be
 * believed (no arXiv ID, a second entry for the same ID, a title or author
 * list beyond any real paper's) is left out and said why in `problems`; a
 * value that is not well formed (a date, a DOI, a link) is left out likewise.
 */
import type { Element } from 'domhandler';
import { arxivAbsUrl, arxivPdfUrl, parseArxivId } from '../../ids/arxiv-id.ts';
import { DocumentError } from '../../input/input-error.ts';
import { plainText } from '../../text/plain-text.ts';
import { authorsRead, MAX_ABSTRACT_CHARS, MAX_FIELD_CHARS, overfull, oversized } from '../source-text.ts';
import { isIsoDateTime, isWebUrl, sourceDoi } from '../source-values.ts';
import { attr, childElements, childNamed, childrenNamed, collapsedText, localName, parseXml, rootPosition } from '../xml/xml-document.ts';
import type { ArxivAuthor, ArxivBackend, ArxivFeed, ArxivRecord } from './arxiv-record.ts';

/** A well-formed XML document that is not an arXiv Atom feed. */
export class ArxivFormatError extends DocumentError {
  constructor(document: string, detail: string, at?: { line: number; column: number }) {
    super(document, `not an arXiv Atom feed: ${detail}`, at);
    this.name = 'ArxivFormatError';
  }
}

/** Parses one response body (text, or bytes decoded strictly). Throws XmlFormatError (malformed, with line/column) or ArxivFormatError. */
export function parseArxivFeed(input: string | Uint8Array, document = 'arXiv response'): ArxivFeed {
  return arxivFeedFrom(parseXml(input, document), document);
}

/** Reads an already parsed XML document's root element as an arXiv feed. */
export function arxivFeedFrom(feed: Element, document: string): ArxivFeed {
  if (localName(feed) !== 'feed') {
    throw new ArxivFormatError(document, feed.name.toLowerCase() === 'html' ? 'an HTML page (root element <html>)' : `root element is <${feed.name}>`, rootPosition(feed));
  }
  const entries = childrenNamed(feed, 'entry');
  const error = errorFeed(entries);
  if (error) return error;
  const tooMany = overfull(entries.length, authorsRead(entries.map((e) => childrenNamed(e, 'author').length)));
  if (tooMany !== undefined) throw new DocumentError(document, `holds ${tooMany}: not read`);

  const records: ArxivRecord[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  let ghosts = 0;
  entries.forEach((entry, i) => {
    const rawId = collapsedText(childNamed(entry, 'id'));
    if (!rawId) {
      if (collapsedText(childNamed(entry, 'title')) === undefined) ghosts++;
      else problems.push(`entry ${i + 1}: has a title but no <id>`);
      return;
    }
    const id = /arxiv\.org\/abs\/(.+)$/.exec(rawId)?.[1];
    const parsed = id ? parseArxivId(id) : undefined;
    if (!parsed) {
      problems.push(`entry ${i + 1}: <id> ${JSON.stringify(rawId.slice(0, 100))} is not an arXiv abstract URL`);
      return;
    }
    const first = seen.get(parsed.base);
    if (first !== undefined) {
      problems.push(`entry ${i + 1}: a second entry for ${parsed.base} (the first is entry ${first}); arXiv returns one per ID, so this one is ignored`);
      return;
    }
    seen.set(parsed.base, i + 1);
    const record = readEntry(entry, parsed.base, parsed.version, (p) => problems.push(`entry ${i + 1} (${parsed.base}): ${p}`));
    if (record) records.push(record);
  });

  const title = collapsedText(childNamed(feed, 'title')) ?? '';
  const backend: ArxivBackend = title.startsWith('ArXiv Query') ? 'legacy' : title.startsWith('arXiv Query') ? 'new' : 'unknown';
  const num = (name: string) => {
    const t = collapsedText(childNamed(feed, name));
    return t !== undefined && /^\d+$/.test(t) ? Number(t) : undefined;
  };
  const totalResults = num('totalResults');
  const startIndex = num('startIndex');
  const itemsPerPage = num('itemsPerPage');
  return {
    kind: 'feed',
    backend,
    ...(totalResults !== undefined ? { totalResults } : {}),
    ...(startIndex !== undefined ? { startIndex } : {}),
    ...(itemsPerPage !== undefined ? { itemsPerPage } : {}),
    records,
    ghosts,
    problems,
  };
}

/** The documented error feed: one entry titled "Error" by "arXiv api core"; the message is its summary. */
function errorFeed(entries: Element[]): ArxivFeed | undefined {
  if (entries.length !== 1) return undefined;
  const entry = entries[0]!;
  const title = collapsedText(childNamed(entry, 'title'));
  const author = collapsedText(childNamed(childNamed(entry, 'author') ?? entry, 'name'));
  if (title !== 'Error' || author !== 'arXiv api core') return undefined;
  return {
    kind: 'error',
    message: collapsedText(childNamed(entry, 'summary')) ?? 'unspecified error',
    errorId: collapsedText(childNamed(entry, 'id')) ?? '',
  };
}

/** The entry's record, or undefined (after saying why) when it is beyond belief. */
function readEntry(entry: Element, id: string, version: number | undefined, problem: (p: string) => void): ArxivRecord | undefined {
  const title = collapsedText(childNamed(entry, 'title')) ?? '';
  const authorElements = childrenNamed(entry, 'author');
  const names = authorElements.map((a) => collapsedText(childNamed(a, 'name')) ?? '');
  const tooBig = oversized(title, names);
  if (tooBig !== undefined) {
    problem(`ignored: ${tooBig}`);
    return undefined;
  }
  let abstract = collapsedText(childNamed(entry, 'summary')) ?? '';
  if (abstract.length > MAX_ABSTRACT_CHARS) {
    problem(`its abstract is ${abstract.length.toLocaleString('en-US')} characters long (at most ${MAX_ABSTRACT_CHARS.toLocaleString('en-US')} are kept): abstract left out`);
    abstract = '';
  }
  const authors: ArxivAuthor[] = authorElements.map((a, i) => ({
    name: names[i]!,
    affiliations: childrenNamed(a, 'affiliation').map((x) => collapsedText(x) ?? '').filter((x) => x !== ''),
  }));
  const opt = (name: string) => collapsedText(childNamed(entry, name)) || undefined;
  const doiText = opt('doi');
  const doi = doiText ? sourceDoi(doiText.split(/\s+/)[0] ?? '') : undefined;
  if (doiText && !doi) problem(`<arxiv:doi> ${JSON.stringify(doiText.slice(0, 100))} is not a DOI: left out`);
  const date = (name: string) => {
    const v = opt(name);
    if (v !== undefined && !isIsoDateTime(v)) {
      problem(`<${name}> ${JSON.stringify(v.slice(0, 40))} is not an ISO date-time: left out`);
      return undefined;
    }
    return v;
  };
  const primary = attr(childNamed(entry, 'primary_category') ?? entry, 'term') || undefined;
  const categories = childrenNamed(entry, 'category')
    .map((c) => attr(c, 'term') ?? '')
    .filter((t) => t !== '');

  // Links: by rel/title when present; derived from the ID when the feed lacks them (Nov 2025 bug).
  let abs: string | undefined;
  let pdf: string | undefined;
  let doiLink: string | undefined;
  for (const link of childElements(entry).filter((e) => localName(e) === 'link')) {
    const href = attr(link, 'href');
    if (!href || !isWebUrl(href)) continue; // javascript:, data: and the like are never taken
    const rel = attr(link, 'rel');
    const ltitle = attr(link, 'title');
    const type = attr(link, 'type');
    if (ltitle === 'pdf' || type === 'application/pdf' || /arxiv\.org\/pdf\//.test(href)) pdf ??= href;
    else if (ltitle === 'doi' || /doi\.org\//.test(href)) doiLink ??= href;
    else if (rel === 'alternate' || /arxiv\.org\/abs\//.test(href)) abs ??= href;
  }
  const published = date('published');
  const updated = date('updated');
  const bounded = (name: string) => {
    const v = opt(name);
    if (v !== undefined && v.length > MAX_FIELD_CHARS) {
      problem(`<arxiv:${name}> is ${v.length.toLocaleString('en-US')} characters long (at most ${MAX_FIELD_CHARS.toLocaleString('en-US')} are kept): left out`);
      return undefined;
    }
    return v;
  };
  const comment = bounded('comment');
  const journalRef = bounded('journal_ref');
  return {
    id,
    ...(version !== undefined ? { version } : {}),
    title,
    titlePlain: plainText(title),
    abstract,
    abstractPlain: plainText(abstract),
    authors,
    ...(published ? { published } : {}),
    ...(updated ? { updated } : {}),
    ...(comment ? { comment } : {}),
    ...(journalRef ? { journalRef } : {}),
    ...(doi ? { doi } : {}),
    ...(primary ? { primaryCategory: primary } : {}),
    categories,
    links: {
      abstract: abs ?? arxivAbsUrl(id, version),
      pdf: pdf ?? arxivPdfUrl(id, version),
      ...(doiLink ? { doi: doiLink } : doi ? { doi: `https://doi.org/${doi}` } : {}),
    },
  };
}

/**
 * Matches records to the IDs that were asked for, by value (never by position):
 * returns the record per requested base ID and the IDs the feed did not contain.
 */
export function matchRequestedIds(requested: readonly string[], records: readonly ArxivRecord[]): { found: Map<string, ArxivRecord>; missing: string[] } {
  const byId = new Map(records.map((r) => [r.id, r]));
  const found = new Map<string, ArxivRecord>();
  const missing: string[] = [];
  for (const want of requested) {
    const base = parseArxivId(want)?.base ?? want;
    const rec = byId.get(base);
    if (rec) found.set(base, rec);
    else missing.push(base);
  }
  return { found, missing };
}
