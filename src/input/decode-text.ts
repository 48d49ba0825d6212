/**
 * Bytes from outside (a source response, a file given on the command line) as
 * text. UTF-8 is read strictly: a byte sequence that is not UTF-8 is an error
 * naming where, not a silent U+FFFD in a published title. A byte-order mark
 * says UTF-8 or UTF-16; UTF-16 without one is recognised by its zero bytes
 * (XML 1.0 appendix F); an XML declaration may name ISO-8859-1 (dblp's full
 * dump) or US-ASCII. Any other declared encoding is refused.
 */
import { DocumentError } from './input-error.ts';
import { positionOf } from './text-position.ts';

const DECLARED = /^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

function utf16Order(b: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  if (b.length >= 4 && b[0] !== 0 && b[1] === 0 && b[2] !== 0 && b[3] === 0) return 'utf-16le';
  if (b.length >= 4 && b[0] === 0 && b[1] !== 0 && b[2] === 0 && b[3] !== 0) return 'utf-16be';
  return undefined;
}

function strictUtf8(b: Uint8Array, document: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    // Where: the first replacement character of a lenient decoding (the bytes it stands for are not UTF-8).
    const text = new TextDecoder('utf-8').decode(b);
    throw new DocumentError(document, 'not valid UTF-8 (a byte sequence no UTF-8 text holds)', positionOf(text, Math.max(0, text.indexOf('\uFFFD'))));
  }
}

const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;

/** The first byte offset where `b` stops being UTF-8 (b is known not to be). */
function firstNonUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return b.length;
}

/**
 * A file a person writes (cv.json, config.json, decisions.json) as text: UTF-8 only (JSON's one
 * encoding), read strictly so that no byte of the owner's is replaced by U+FFFD and written back.
 * Anything else is a DocumentError at the line and column of the first byte that is not UTF-8,
 * saying what the encoding looks like (UTF-16, or ISO-8859-1/Windows-1252 and what that byte would be there).
 */
export function decodeUtf8File(bytes: Uint8Array, file: string): string {
  const utf16 = utf16Order(bytes);
  if (utf16) throw new DocumentError(file, `not UTF-8: looks like ${utf16.toUpperCase()} (zero bytes between the characters); save it as UTF-8`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstNonUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0, at));
    const byte = bytes[at] ?? 0;
    const latin = new TextDecoder('windows-1252').decode(bytes.subarray(at, at + 1));
    const looks = byte >= 0x80 ? `looks like ISO-8859-1 or Windows-1252, where byte ${hex(byte)} is "${latin}"` : `byte ${hex(byte)} cannot be read`;
    throw new DocumentError(file, `not valid UTF-8 (byte ${hex(byte)} begins no UTF-8 character): ${looks}; save it as UTF-8`, positionOf(before, before.length));
  }
}

/** Decodes a document's bytes; throws DocumentError (with line and column) when they are not text in a known encoding. */
export function decodeDocument(bytes: Uint8Array, document: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return strictUtf8(bytes.subarray(3), document);
  const utf16 = utf16Order(bytes);
  if (utf16) {
    const body = bytes[0] === 0xff || bytes[0] === 0xfe ? bytes.subarray(2) : bytes;
    if (body.byteLength % 2 !== 0) throw new DocumentError(document, `UTF-16 text with an odd number of bytes (${body.byteLength}): the document was cut`);
    try {
      return new TextDecoder(utf16, { fatal: true }).decode(body);
    } catch {
      throw new DocumentError(document, `not valid ${utf16.toUpperCase()} (an unpaired surrogate)`);
    }
  }
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = DECLARED.exec(head)?.[1]?.toLowerCase();
  if (declared === undefined || ['utf-8', 'utf8', 'us-ascii', 'ascii'].includes(declared)) return strictUtf8(bytes, document);
  if (['iso-8859-1', 'latin1', 'latin-1', 'iso_8859-1', 'windows-1252', 'cp1252'].includes(declared)) return new TextDecoder('windows-1252').decode(bytes);
  if (declared.startsWith('utf-16')) throw new DocumentError(document, `declares encoding "${declared}" but its bytes are not UTF-16`);
  throw new DocumentError(document, `declares encoding "${declared}", which is not read here (UTF-8, UTF-16, US-ASCII or ISO-8859-1)`);
}

/**
 * The largest source document read (an arXiv feed page, an OAI-PMH page, a dblp page or search):
 * 10 MB. The largest real ones are a few MB (a 2,000-entry feed page, a dblp person page of 3,000
 * records); reading 10 MB takes a few seconds and a few hundred MB, within the reconcile Lambda.
 */
export const MAX_DOCUMENT_BYTES = 10_000_000;

const mb = (n: number) => `${(n / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;

/** Throws DocumentError when a document is larger than MAX_DOCUMENT_BYTES (before anything is decoded or parsed). */
export function checkDocumentSize(bytes: number, document: string): void {
  if (bytes > MAX_DOCUMENT_BYTES) throw new DocumentError(document, `${bytes.toLocaleString('en-US')} bytes (${mb(bytes)}): larger than the ${mb(MAX_DOCUMENT_BYTES)} a source document may be; not read`);
}

/** A document given as text (already decoded) or as bytes (decoded strictly here); a leading BOM is dropped. At most MAX_DOCUMENT_BYTES. */
export function documentText(input: string | Uint8Array, document: string): string {
  if (typeof input !== 'string') {
    checkDocumentSize(input.byteLength, document);
    return decodeDocument(input, document);
  }
  if (input.length > MAX_DOCUMENT_BYTES / 3) checkDocumentSize(Buffer.byteLength(input, 'utf8'), document);
  return input.replace(/^\uFEFF/, '');
}
