/**
 * The one parser for arXiv API responses: Atom feeds of the legacy backend and
 * of the Nov-2025 backend, including the error feed, ghost entries, link-less
 * entries (Nov 2025 bug) and titles such as "0".
 */
import type { Element } from 'domhandler';
import { arxivAbsUrl, arxivPdfUrl, parseArxivId } from '../../ids/arxiv-id.ts';
import { parseDoi } from '../../ids/doi.ts';
import { plainText } from '../../text/plain-text.ts';
import { attr, childElements, childNamed, childrenNamed, collapsedText, localName, parseXml } from '../xml/xml-document.ts';
import type { ArxivAuthor, ArxivBackend, ArxivFeed, ArxivRecord } from './arxiv-record.ts';

export class ArxivFormatError extends Error {
  constructor(
    readonly document: string,
    detail: string,
  ) {
    super(`${document}: not an arXiv Atom feed: ${detail}`);
    this.name = 'ArxivFormatError';
  }
}

/** Parses one response body. Throws XmlFormatError (malformed, with line/column) or ArxivFormatError. */
export function parseArxivFeed(text: string, document = 'arXiv response'): ArxivFeed {
  const feed = parseXml(text, document);
  if (localName(feed) !== 'feed') throw new ArxivFormatError(document, `root element is <${feed.name}>`);
  const entries = childrenNamed(feed, 'entry');
  const error = errorFeed(entries);
  if (error) return error;

  const records: ArxivRecord[] = [];
  const problems: string[] = [];
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
      problems.push(`entry ${i + 1}: <id> ${JSON.stringify(rawId)} is not an arXiv abstract URL`);
      return;
    }
    records.push(readEntry(entry, parsed.base, parsed.version));
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

function readEntry(entry: Element, id: string, version: number | undefined): ArxivRecord {
  const title = collapsedText(childNamed(entry, 'title')) ?? '';
  const abstract = collapsedText(childNamed(entry, 'summary')) ?? '';
  const authors: ArxivAuthor[] = childrenNamed(entry, 'author').map((a) => ({
    name: collapsedText(childNamed(a, 'name')) ?? '',
    affiliations: childrenNamed(a, 'affiliation').map((x) => collapsedText(x) ?? '').filter((x) => x !== ''),
  }));
  const opt = (name: string) => collapsedText(childNamed(entry, name)) || undefined;
  const doiText = opt('doi');
  const doi = doiText ? parseDoi(doiText.split(/\s+/)[0] ?? '') : undefined;
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
    if (!href) continue;
    const rel = attr(link, 'rel');
    const ltitle = attr(link, 'title');
    const type = attr(link, 'type');
    if (ltitle === 'pdf' || type === 'application/pdf' || /arxiv\.org\/pdf\//.test(href)) pdf ??= href;
    else if (ltitle === 'doi' || /doi\.org\//.test(href)) doiLink ??= href;
    else if (rel === 'alternate' || /arxiv\.org\/abs\//.test(href)) abs ??= href;
  }
  const published = opt('published');
  const updated = opt('updated');
  const comment = opt('comment');
  const journalRef = opt('journal_ref');
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
