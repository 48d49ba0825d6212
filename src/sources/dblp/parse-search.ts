/**
 * The one parser for dblp's search JSON (author and publication search):
 * counts arrive as strings, a single hit or author as an object instead of an
 * array, authors as strings (2019) or {@pid, text} (now), entities in titles.
 */
import { decodeHTML } from 'entities';
import { parseArxivId } from '../../ids/arxiv-id.ts';
import { isDblpPid } from '../../ids/dblp-key.ts';
import { documentText } from '../../input/decode-text.ts';
import { stripDblpSuffix } from '../../text/normalize-name.ts';
import { DocumentError, InputError, type FieldPath } from '../../input/input-error.ts';
import { parseJsonDocument, type JsonDocument } from '../../input/json-document.ts';
import { describeValue } from '../../input/validate.ts';
import { HTML_PAGE, looksLikeHtml } from '../xml/xml-document.ts';
import { cleanText, oversized } from '../source-text.ts';
import { isSourceDblpKey, isWebUrl, sourceDoi } from '../source-values.ts';
import type { DblpPersonRef } from './dblp-record.ts';

/**
 * Reads dblp's JSON with explicit checks (no schema library: this parser runs
 * in the fetch Lambda, whose bundle must stay small). Every problem names the
 * field path, line and column.
 */
class Reader {
  constructor(private readonly doc: JsonDocument) {}

  fail(path: FieldPath, message: string): never {
    throw new InputError([this.doc.issue(path, message)]);
  }

  obj(v: unknown, path: FieldPath): Record<string, unknown> {
    if (v === undefined) this.fail(path, 'required field is missing (expected object)');
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : this.fail(path, `expected an object, got ${describeValue(v)}`);
  }

  /** A string, or a number written as one (dblp is not consistent); control characters removed. */
  text(v: unknown, path: FieldPath): string {
    if (typeof v === 'string') return cleanText(v);
    if (typeof v === 'number') return String(v);
    return this.fail(path, v === undefined ? 'required field is missing (expected string)' : `expected a string, got ${describeValue(v)}`);
  }

  optText(v: unknown, path: FieldPath): string | undefined {
    return v === undefined ? undefined : this.text(v, path);
  }

  /** dblp counts arrive as strings. */
  count(v: unknown, path: FieldPath): number {
    const t = this.text(v, path);
    return /^\d+$/.test(t) ? Number(t) : this.fail(path, `expected a count, got ${JSON.stringify(t)}`);
  }

  /** One item as an object, several as an array, none as absent. */
  many(v: unknown): unknown[] {
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  }
}

/** A search response read as JSON (once: both readers below can take it). */
export function searchDocument(input: string | Uint8Array | JsonDocument, document: string): JsonDocument {
  if (typeof input === 'object' && !(input instanceof Uint8Array)) return input;
  const text = documentText(input, document);
  if (text.trim() === '') throw new DocumentError(document, text === '' ? 'the document is empty' : 'the document holds only whitespace');
  if (/^\s*</.test(text)) throw new DocumentError(document, looksLikeHtml(text) ? HTML_PAGE : 'XML, not JSON (a dblp search answers JSON with format=json)');
  return parseJsonDocument(document, text);
}

type SearchInput = string | Uint8Array | JsonDocument;

function hitsOf(input: SearchInput, document: string): { r: Reader; total: number; hits: Array<{ info: Record<string, unknown>; path: FieldPath }> } {
  const doc = searchDocument(input, document);
  const r = new Reader(doc);
  const result = r.obj(r.obj(doc.value, []).result, ['result']);
  const status = r.obj(result['status'], ['result', 'status']);
  const code = r.text(status['@code'], ['result', 'status', '@code']);
  if (code !== '200') r.fail(['result', 'status', '@code'], `dblp answered status ${code}`);
  const hitsObj = r.obj(result['hits'], ['result', 'hits']);
  const total = r.count(hitsObj['@total'], ['result', 'hits', '@total']);
  const hits = r.many(hitsObj['hit']).map((h, i) => {
    const path: FieldPath = ['result', 'hits', 'hit', i];
    return { info: r.obj(r.obj(h, path)['info'], [...path, 'info']), path: [...path, 'info'] };
  });
  return { r, total, hits };
}

export interface DblpAuthorCandidate {
  /** Name without homonym suffix, and as dblp writes it. */
  readonly name: string;
  readonly dblpName: string;
  readonly pid: string;
  readonly affiliations: readonly string[];
  readonly aliases: readonly string[];
}

export interface DblpSearchPublication {
  readonly key: string;
  readonly title: string;
  readonly authors: readonly DblpPersonRef[];
  readonly venue?: string;
  readonly volume?: string;
  readonly year?: number;
  readonly type?: string;
  readonly doi?: string;
  readonly ee: readonly string[];
  readonly isCorr: boolean;
  readonly arxivId?: string;
}

/** Author search: https://dblp.org/search/author/api?q=…&format=json */
export function parseDblpAuthorSearch(input: SearchInput, document = 'dblp author search'): { total: number; candidates: DblpAuthorCandidate[] } {
  const { r, total, hits } = hitsOf(input, document);
  const candidates = hits.map(({ info, path }) => {
    const url = r.text(info['url'], [...path, 'url']);
    const found = /^https?:\/\/[^/]*dblp[^/]*\/pid\/(.+?)(?:\.html|\.xml)?$/.exec(url)?.[1];
    const pid = found !== undefined && isDblpPid(found) ? found : r.fail([...path, 'url'], `not a dblp person URL: ${JSON.stringify(url.slice(0, 100))}`);
    const dblpName = cleanText(decodeHTML(r.text(info['author'], [...path, 'author'])));
    const notes = info['notes'] === undefined ? [] : r.many(r.obj(info['notes'], [...path, 'notes'])['note']);
    const affiliations = notes.flatMap((n, i) => {
      if (typeof n === 'string') return [cleanText(decodeHTML(n))];
      const note = r.obj(n, [...path, 'notes', 'note', i]);
      const type = note['@type'];
      return type === undefined || type === 'affiliation' ? [cleanText(decodeHTML(r.text(note['text'], [...path, 'notes', 'note', i, 'text'])))] : [];
    });
    const aliases = info['aliases'] === undefined ? [] : r.many(r.obj(info['aliases'], [...path, 'aliases'])['alias']).map((a, i) => cleanText(decodeHTML(r.text(a, [...path, 'aliases', 'alias', i]))));
    return { name: stripDblpSuffix(dblpName), dblpName, pid, affiliations, aliases };
  });
  return { total, candidates };
}

/** Publication search: https://dblp.org/search/publ/api?q=…&format=json */
export function parseDblpPublSearch(input: SearchInput, document = 'dblp publication search'): { total: number; publications: DblpSearchPublication[]; problems: string[] } {
  const { r, total, hits } = hitsOf(input, document);
  const problems: string[] = [];
  const publications = hits.flatMap(({ info, path }, i) => {
    const key = r.text(info['key'], [...path, 'key']);
    if (!isSourceDblpKey(key)) {
      problems.push(`hit ${i + 1}: key ${JSON.stringify(key.slice(0, 100))} is not a dblp record key: hit ignored`);
      return [];
    }
    const rawVenue = info['venue'];
    const venue = rawVenue === undefined ? undefined : Array.isArray(rawVenue) ? rawVenue.map((v, i) => r.text(v, [...path, 'venue', i])).join(', ') : r.text(rawVenue, [...path, 'venue']);
    const volume = r.optText(info['volume'], [...path, 'volume']);
    const year = r.optText(info['year'], [...path, 'year']);
    const type = r.optText(info['type'], [...path, 'type']);
    const doiText = r.optText(info['doi'], [...path, 'doi']);
    const ee = r.many(info['ee']).map((e, k) => r.text(e, [...path, 'ee', k])).filter(isWebUrl);
    const authorsObj = info['authors'] === undefined ? undefined : r.obj(info['authors'], [...path, 'authors']);
    const authors = r.many(authorsObj?.['author']).map((a, k) => {
      const apath = [...path, 'authors', 'author', k];
      if (typeof a === 'string') return { text: cleanText(a), pid: undefined as string | undefined };
      const o = r.obj(a, apath);
      const pid = r.optText(o['@pid'], [...apath, '@pid']);
      return { text: r.text(o['text'], [...apath, 'text']), pid: pid !== undefined && isDblpPid(pid) ? pid : undefined };
    });
    const title = cleanText(decodeHTML(r.text(info['title'], [...path, 'title']).replace(/<\/?(?:i|b|sub|sup|tt)>/g, ''))).replace(/\.$/, '');
    const tooBig = oversized(title, authors.map((a) => a.text));
    if (tooBig !== undefined) {
      problems.push(`hit ${i + 1} (${key}): ignored: ${tooBig}`);
      return [];
    }
    const isCorr = venue === 'CoRR' || key.startsWith('journals/corr/');
    const arxivId = isCorr && volume?.startsWith('abs/') ? parseArxivId(volume.slice(4))?.base : undefined;
    const doi = doiText ? sourceDoi(doiText) : undefined;
    return [{
      key,
      title,
      authors: authors.map((a) => {
        const dblpName = cleanText(decodeHTML(a.text));
        return { name: stripDblpSuffix(dblpName), dblpName, ...(a.pid ? { pid: a.pid } : {}) };
      }),
      ...(venue !== undefined ? { venue } : {}),
      ...(volume !== undefined ? { volume } : {}),
      ...(year !== undefined && /^\d{4}$/.test(year) ? { year: Number(year) } : {}),
      ...(type !== undefined ? { type } : {}),
      ...(doi ? { doi } : {}),
      ee,
      isCorr,
      ...(arxivId ? { arxivId } : {}),
    }];
  });
  return { total, publications, problems };
}
