/**
 * The one parser for dblp's search JSON (author and publication search):
 * counts arrive as strings, a single hit or author as an object instead of an
 * array, authors as strings (2019) or {@pid, text} (now), entities in titles.
 */
import * as z from 'zod/v4';
import { decodeHTML } from 'entities';
import { parseArxivId } from '../../ids/arxiv-id.ts';
import { parseDoi } from '../../ids/doi.ts';
import { stripDblpSuffix } from '../../text/normalize-name.ts';
import { InputError } from '../../input/input-error.ts';
import { parseJsonDocument } from '../../input/json-document.ts';
import { issuesOf } from '../../input/validate.ts';
import type { DblpPersonRef } from './dblp-record.ts';

const many = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));
const count = z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(Number);
const textish = z.union([z.string(), z.number()]).transform(String);

const authorItem = z.union([
  z.string().transform((text) => ({ text, pid: undefined as string | undefined })),
  z.looseObject({ '@pid': z.string().optional(), text: textish }).transform((a) => ({ text: a.text, pid: a['@pid'] })),
]);

const noteItem = z.union([z.string().transform((text) => ({ type: undefined as string | undefined, text })), z.looseObject({ '@type': z.string().optional(), text: textish }).transform((n) => ({ type: n['@type'], text: n.text }))]);

const hits = <T extends z.ZodType>(info: T) =>
  z.looseObject({
    '@total': count,
    '@sent': count.optional(),
    '@first': count.optional(),
    hit: many(z.looseObject({ '@score': count.optional(), '@id': textish.optional(), info })),
  });

const envelope = <T extends z.ZodType>(info: T) =>
  z.looseObject({
    result: z.looseObject({
      query: z.string().optional(),
      status: z.looseObject({ '@code': textish, text: z.string().optional() }),
      hits: hits(info),
    }),
  });

const authorInfo = z.looseObject({
  author: textish,
  url: z.string(),
  notes: z.looseObject({ note: many(noteItem) }).optional(),
  aliases: z.looseObject({ alias: many(textish) }).optional(),
});

const publInfo = z.looseObject({
  authors: z.looseObject({ author: many(authorItem) }).optional(),
  title: textish,
  venue: z.union([textish, z.array(textish)]).optional(),
  volume: textish.optional(),
  number: textish.optional(),
  pages: textish.optional(),
  year: textish.optional(),
  type: z.string().optional(),
  key: z.string(),
  doi: z.string().optional(),
  ee: z.union([z.string(), z.array(z.string())]).optional(),
  url: z.string().optional(),
});

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

function parseEnvelope<T extends z.ZodType>(text: string, document: string, schema: T): z.output<T> {
  const doc = parseJsonDocument(document, text);
  const result = schema.safeParse(doc.value);
  if (!result.success) throw new InputError(issuesOf(doc, result.error));
  return result.data;
}

/** Author search: https://dblp.org/search/author/api?q=…&format=json */
export function parseDblpAuthorSearch(text: string, document = 'dblp author search'): { total: number; candidates: DblpAuthorCandidate[] } {
  const data = parseEnvelope(text, document, envelope(authorInfo));
  const candidates = data.result.hits.hit.map((h) => {
    const pid = /\/pid\/(.+?)(?:\.html|\.xml)?$/.exec(h.info.url)?.[1] ?? '';
    const dblpName = decodeHTML(h.info.author);
    return {
      name: stripDblpSuffix(dblpName),
      dblpName,
      pid,
      affiliations: (h.info.notes?.note ?? []).filter((n) => n.type === undefined || n.type === 'affiliation').map((n) => decodeHTML(n.text)),
      aliases: (h.info.aliases?.alias ?? []).map(decodeHTML),
    };
  });
  return { total: data.result.hits['@total'], candidates };
}

/** Publication search: https://dblp.org/search/publ/api?q=…&format=json */
export function parseDblpPublSearch(text: string, document = 'dblp publication search'): { total: number; publications: DblpSearchPublication[] } {
  const data = parseEnvelope(text, document, envelope(publInfo));
  const publications = data.result.hits.hit.map((h) => {
    const i = h.info;
    const venue = Array.isArray(i.venue) ? i.venue.join(', ') : i.venue;
    const ee = i.ee === undefined ? [] : Array.isArray(i.ee) ? i.ee : [i.ee];
    const isCorr = venue === 'CoRR' || i.key.startsWith('journals/corr/');
    const arxivId = isCorr && i.volume?.startsWith('abs/') ? parseArxivId(i.volume.slice(4))?.base : undefined;
    const doi = i.doi ? parseDoi(i.doi) : undefined;
    return {
      key: i.key,
      title: decodeHTML(i.title.replace(/<\/?(?:i|b|sub|sup|tt)>/g, '')).replace(/\s+/g, ' ').trim().replace(/\.$/, ''),
      authors: (i.authors?.author ?? []).map((a) => {
        const dblpName = decodeHTML(a.text);
        return { name: stripDblpSuffix(dblpName), dblpName, ...(a.pid ? { pid: a.pid } : {}) };
      }),
      ...(venue !== undefined ? { venue } : {}),
      ...(i.volume !== undefined ? { volume: i.volume } : {}),
      ...(i.year !== undefined && /^\d{4}$/.test(i.year) ? { year: Number(i.year) } : {}),
      ...(i.type !== undefined ? { type: i.type } : {}),
      ...(doi ? { doi } : {}),
      ee,
      isCorr,
      ...(arxivId ? { arxivId } : {}),
    };
  });
  return { total: data.result.hits['@total'], publications };
}
