/**
 * dblp's daily dump (dblp.xml.gz) read as a stream: gunzip (node:zlib) into a
 * SAX parser (htmlparser2 in XML mode, entity decoding off), one record at a
 * time. Only the record being read is held as a small tree; the visitor decides
 * what to keep. No DTD is processed: named entities are resolved from the table
 * built from dblp.dtd (dblp-dump-entities.ts). Person records are
 * <www key="homepages/<pid>"> with the person's name forms as <author>s.
 * A stream cut short (the gzip ends early, or the XML ends before </dblp>), an
 * entity the table lacks, or a record beyond belief is a DumpReadError that
 * says where (compressed and XML bytes read, line, the record being read).
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Parser } from 'htmlparser2';
import { isDblpPid } from '../../ids/dblp-key.ts';
import { resolveEntities, UnknownEntityError, type EntityTable } from './dblp-dump-entities.ts';

export interface DumpElement {
  readonly name: string;
  /** In document order, values resolved. */
  readonly attrs: ReadonlyArray<readonly [string, string]>;
  /** Child elements and text (resolved), in document order. */
  readonly children: ReadonlyArray<DumpElement | string>;
}

export interface DumpPerson {
  readonly pid: string;
  readonly key: string;
  readonly mdate?: string;
  readonly publtype?: string;
  /** Name forms as dblp writes them (homonym suffix included); the first is the primary name. */
  readonly forms: readonly string[];
  readonly element: DumpElement;
}

export interface DumpVisitor {
  /** Every person record (<www key="homepages/…">). */
  person(p: DumpPerson): void;
  /** Every other record, with its <author> and <editor> names as written. */
  record(el: DumpElement, names: readonly string[]): void;
}

export interface DumpStats {
  readonly compressedBytes: number;
  readonly xmlBytes: number;
  readonly records: number;
  readonly persons: number;
}

/** The dump could not be read to its end: nothing read from it may be used. */
export class DumpReadError extends Error {
  constructor(
    readonly document: string,
    readonly detail: string,
    readonly at: { readonly compressedBytes: number; readonly xmlBytes: number; readonly line: number; readonly record?: string },
  ) {
    super(`${document}: ${detail} (at line ${at.line}, after ${at.xmlBytes.toLocaleString('en-US')} bytes of XML from ${at.compressedBytes.toLocaleString('en-US')} compressed${at.record ? `, in record ${at.record}` : ''})`);
    this.name = 'DumpReadError';
  }
}

const RECORD_ELEMENTS = new Set(['article', 'inproceedings', 'proceedings', 'book', 'incollection', 'phdthesis', 'mastersthesis', 'www', 'data']);
/** A record's text beyond this (a real one is a few KB) is not believed. */
export const MAX_DUMP_RECORD_CHARS = 2_000_000;
const MAX_RECORD_DEPTH = 12;

interface Open {
  name: string;
  attrs: Array<readonly [string, string]>;
  children: Array<DumpElement | string>;
}

const attrOf = (el: DumpElement, name: string) => el.attrs.find(([k]) => k === name)?.[1];

function textOf(node: DumpElement | string): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}

/** The names of a record's <author> (or <editor>) children, whitespace collapsed. */
export function namesIn(el: DumpElement, tag: 'author' | 'editor'): string[] {
  return el.children.flatMap((c) => (typeof c !== 'string' && c.name === tag ? [textOf(c).replace(/\s+/g, ' ').trim()] : []));
}

/** Reads a gzip-compressed dblp.xml from its bytes, telling the visitor each record. */
export async function streamDblpDump(gz: AsyncIterable<Uint8Array>, entities: EntityTable, visitor: DumpVisitor, document = 'dblp.xml.gz'): Promise<DumpStats> {
  let compressedBytes = 0;
  let xmlBytes = 0;
  let line = 1;
  let chunkText = '';
  let chunkStart = 0;
  let records = 0;
  let persons = 0;
  let depth = 0;
  let rootClosed = false;
  let recordChars = 0;
  const stack: Open[] = [];
  let pendingText = '';
  let problem: Error | undefined;

  const lineNow = (p: Parser) => {
    const upto = Math.max(0, Math.min(chunkText.length, p.startIndex - chunkStart));
    let n = line;
    for (let i = chunkText.indexOf('\n'); i !== -1 && i < upto; i = chunkText.indexOf('\n', i + 1)) n++;
    return n;
  };
  const currentKey = () => (stack[0] ? stack[0].attrs.find(([k]) => k === 'key')?.[1] : undefined);
  const fail = (detail: string): never => {
    throw new DumpReadError(document, detail, { compressedBytes, xmlBytes, line: lineNow(parser), ...(currentKey() ? { record: currentKey()! } : {}) });
  };
  const resolve = (raw: string) => {
    try {
      return resolveEntities(raw, entities, () => `line ${lineNow(parser)}${currentKey() ? `, record ${currentKey()}` : ''}`);
    } catch (e) {
      if (e instanceof UnknownEntityError) fail(e.message);
      throw e;
    }
  };
  const flushText = () => {
    if (pendingText === '') return;
    const top = stack[stack.length - 1];
    if (top) {
      recordChars += pendingText.length;
      if (recordChars > MAX_DUMP_RECORD_CHARS) fail(`a record of more than ${MAX_DUMP_RECORD_CHARS.toLocaleString('en-US')} characters: not a real record`);
      top.children.push(resolve(pendingText));
    }
    pendingText = '';
  };

  const parser: Parser = new Parser(
    {
      onopentag(name, attribs) {
        flushText();
        depth++;
        if (depth === 1) {
          if (name !== 'dblp') fail(`the root element is <${name}>, not <dblp>: not dblp's dump`);
          return;
        }
        if (depth === 2 && !RECORD_ELEMENTS.has(name)) return; // not a record: skipped whole
        if (depth === 2) recordChars = 0;
        else if (stack.length === 0) return; // inside a skipped element
        if (stack.length >= MAX_RECORD_DEPTH) fail(`elements nested more than ${MAX_RECORD_DEPTH} deep in a record`);
        stack.push({ name, attrs: Object.entries(attribs).map(([k, v]) => [k, resolve(v)] as const), children: [] });
      },
      ontext(text) {
        if (stack.length > 0) pendingText += text;
      },
      onclosetag(name, implied) {
        if (implied) return; // the end of the input closed it: reported below as a cut-short document
        flushText();
        depth--;
        if (depth === 0) {
          rootClosed = true;
          return;
        }
        const open = stack.pop();
        if (!open) return;
        const el: DumpElement = open;
        const parent = stack[stack.length - 1];
        if (parent) {
          parent.children.push(el);
          return;
        }
        const key = attrOf(el, 'key') ?? '';
        if (name === 'www' && key.startsWith('homepages/')) {
          const pid = key.slice('homepages/'.length);
          if (!isDblpPid(pid)) return; // homepages/ records that are not persons' (none known): not a person
          persons++;
          const mdate = attrOf(el, 'mdate');
          const publtype = attrOf(el, 'publtype');
          visitor.person({ pid, key, forms: namesIn(el, 'author'), element: el, ...(mdate ? { mdate } : {}), ...(publtype ? { publtype } : {}) });
        } else if (name !== 'www') {
          records++;
          visitor.record(el, [...namesIn(el, 'author'), ...namesIn(el, 'editor')]);
        }
      },
    },
    { xmlMode: true, decodeEntities: false },
  );

  const source = Readable.from(gz, { objectMode: false });
  source.on('data', (c: Buffer) => {
    compressedBytes += c.byteLength;
  });
  const gunzip = createGunzip();
  source.on('error', (e) => gunzip.destroy(e));
  source.pipe(gunzip);
  try {
    for await (const out of gunzip as AsyncIterable<Buffer>) {
      xmlBytes += out.byteLength;
      // dblp.xml is declared ISO-8859-1 and written in ASCII: one byte, one character, so chunk edges split nothing.
      const text = out.toString('latin1');
      for (let i = chunkText.indexOf('\n'); i !== -1; i = chunkText.indexOf('\n', i + 1)) line++;
      chunkStart += chunkText.length;
      chunkText = text;
      parser.write(text);
    }
  } catch (e) {
    problem = e instanceof Error ? e : new Error(String(e));
  } finally {
    source.destroy();
  }
  if (problem instanceof DumpReadError) throw problem;
  if (problem) {
    const z = (problem as NodeJS.ErrnoException).code;
    const detail = z === 'Z_BUF_ERROR' || /unexpected end/i.test(problem.message) ? 'the compressed stream ends early (truncated download?)' : `not a readable gzip stream (${problem.message})`;
    fail(detail);
  }
  parser.end();
  if (!rootClosed) fail(depth === 0 && records + persons === 0 ? 'no <dblp> element: not dblp\'s dump' : 'the XML ends before </dblp> (truncated?)');
  return { compressedBytes, xmlBytes, records, persons };
}
