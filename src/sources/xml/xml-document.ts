/**
 * XML from the sources: decoded strictly, checked for well-formedness first (so
 * a truncated or HTML body is an error that says where), then read into a tree
 * by cheerio/slim in XML mode (htmlparser2 underneath, domhandler nodes; the
 * slim build leaves parse5 out, which keeps the Lambda bundles small). No DTD is read, no external
 * resource is fetched, and a document that declares entities (the XXE and
 * "billion laughs" shapes) is refused outright: neither source ever sends one.
 * Nesting is bounded. Elements are matched by local name, so the
 * arxiv:/opensearch: prefixes and where the namespaces are declared (the two
 * arXiv backends differ) do not matter.
 */
import type { Element } from 'domhandler';
import { load } from 'cheerio/slim';
import { XMLValidator } from 'fast-xml-parser';
import { documentText } from '../../input/decode-text.ts';
import { DocumentError } from '../../input/input-error.ts';
import { endOf, positionOf } from '../../input/text-position.ts';
import { cleanText, withoutControls } from '../source-text.ts';

/** Deeper element nesting is refused (Atom and dblp XML are under 10 levels deep, inline markup included). */
export const MAX_XML_DEPTH = 1000;

/** A document that is not well-formed XML (or not XML at all): line, column and what is wrong. */
export class XmlFormatError extends DocumentError {
  constructor(document: string, line: number, column: number, detail: string) {
    super(document, `malformed XML: ${detail}`, { line, column });
    this.name = 'XmlFormatError';
  }
}

const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE\s+html\b|<html[\s>])/i;

/** What an HTML body is called where a source document was expected. */
export const HTML_PAGE = 'an HTML page, not a source document (an error or block page?)';

/** True when a text starts as an HTML page does. */
export function looksLikeHtml(text: string): boolean {
  return HTML_START.test(text);
}

function htmlTitle(text: string): string {
  const t = /<title[^>]*>([^<]{0,300})/i.exec(text)?.[1];
  return t ? `: "${cleanText(t).slice(0, 120)}"` : '';
}

/** The name of the first element (the root), skipping the prolog. */
function rootName(text: string): string | undefined {
  return /<([A-Za-z_][\w.:-]*)[\s/>]/.exec(text.replace(/<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>/gi, (m) => ' '.repeat(m.length)))?.[1];
}

/** Why the validator failed, in words: a document cut short is said to end early, at its real end. */
function malformed(text: string, document: string, err: { msg: string; line: number; col?: number }): XmlFormatError {
  const open = /^Invalid '\[(.*)\]' found/s.exec(err.msg)?.[1];
  const root = rootName(text);
  // A document cut short never holds its root's end tag.
  if (open !== undefined || root === undefined || !text.includes(`</${root}`)) {
    const end = endOf(text);
    const names = (open ?? '')
      .split(',')
      .map((n) => n.trim().replace(/^"|"$/g, ''))
      .filter(Boolean)
      .map((n) => `<${n}>`);
    const tail = text.trimEnd().slice(-30).replace(/\s+/g, ' ');
    return new XmlFormatError(
      document,
      end.line,
      end.column,
      names.length > 0 ? `the document ends early (truncated?): ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} not closed` : `the document ends early (truncated?) after "…${tail}"`,
    );
  }
  return new XmlFormatError(document, err.line, err.col ?? 1, err.msg.replace(/\.$/, ''));
}

/** Offset of the first start tag that opens level MAX_XML_DEPTH + 1 in a well-formed document, or -1. */
function tooDeepAt(text: string): number {
  let depth = 0;
  let i = text.indexOf('<');
  while (i >= 0 && i < text.length) {
    const next = text[i + 1];
    let end: number;
    if (text.startsWith('<!--', i)) end = text.indexOf('-->', i) + 2;
    else if (text.startsWith('<![CDATA[', i)) end = text.indexOf(']]>', i) + 2;
    else if (next === '?') end = text.indexOf('?>', i) + 1;
    else if (next === '!') {
      const subset = text.indexOf('[', i);
      const close = text.indexOf('>', i);
      end = subset >= 0 && subset < close ? text.indexOf(']', subset) + 1 : close;
      end = text.indexOf('>', end);
    } else {
      let quote = '';
      end = i + 1;
      for (; end < text.length; end++) {
        const c = text[end];
        if (quote) {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') break;
      }
      if (next === '/') depth--;
      else if (text[end - 1] !== '/' && ++depth > MAX_XML_DEPTH) return i;
    }
    if (end < i) return -1; // unterminated (cannot happen after validation)
    i = text.indexOf('<', end + 1);
  }
  return -1;
}

/** Parses text (or bytes, decoded strictly) as XML; throws XmlFormatError naming line and column when it is not well formed. */
export function parseXml(input: string | Uint8Array, document: string): Element {
  const text = documentText(input, document);
  if (text.trim() === '') throw new DocumentError(document, text === '' ? 'the document is empty' : 'the document holds only whitespace');
  if (HTML_START.test(text)) throw new DocumentError(document, `${HTML_PAGE}${htmlTitle(text)}`);
  const entity = /<!ENTITY/i.exec(text);
  if (entity && entity.index < (text.search(/<[A-Za-z_]/) >>> 0)) {
    const at = positionOf(text, entity.index);
    throw new XmlFormatError(document, at.line, at.column, 'the document declares entities (<!ENTITY …>); such documents are refused (neither arXiv nor dblp sends one)');
  }
  const check = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (check !== true) throw malformed(text, document, check.err);
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    const at = positionOf(text, deep);
    throw new XmlFormatError(document, at.line, at.column, `elements nested more than ${MAX_XML_DEPTH} levels deep`);
  }
  const roots = load(text, { xml: { xmlMode: true, decodeEntities: true, withStartIndices: true } }).root()[0]!.children.filter((n): n is Element => n.type === 'tag');
  const root = roots[0];
  if (!root) throw new XmlFormatError(document, 1, 1, 'no root element');
  const at = (el: Element) => positionOf(text, el.startIndex ?? 0);
  if (roots.length > 1) {
    const second = at(roots[1]!);
    throw new XmlFormatError(document, second.line, second.column, `more than one root element (<${root.name}>, then <${roots[1]!.name}>)`);
  }
  rootPositions.set(root, at(root));
  return root;
}

const rootPositions = new WeakMap<Element, { line: number; column: number }>();

/** Where a root element returned by parseXml starts (for "root element is <html>" messages). */
export function rootPosition(root: Element): { line: number; column: number } {
  return rootPositions.get(root) ?? { line: 1, column: 1 };
}

export function localName(el: Element): string {
  const name = el.name;
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Child elements with this local name, in document order. */
export function childrenNamed(el: Element, name: string): Element[] {
  return el.children.filter((n): n is Element => n.type === 'tag' && localName(n as Element) === name);
}

export function childNamed(el: Element, name: string): Element | undefined {
  return childrenNamed(el, name)[0];
}

/** All child elements. */
export function childElements(el: Element): Element[] {
  return el.children.filter((n): n is Element => n.type === 'tag');
}

interface TreeNode {
  readonly type: string;
  readonly data?: string;
  readonly children?: readonly TreeNode[];
}

/** Full text content (inline markup such as <i>, <sub> flattened), untrimmed. Iterative: any depth. */
export function textContent(el: Element): string {
  let out = '';
  const stack: TreeNode[] = [...(el.children as unknown as TreeNode[])].reverse();
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if (n.type === 'text') out += n.data ?? '';
    else if ((n.type === 'tag' || n.type === 'cdata' || n.type === 'script' || n.type === 'style') && n.children) {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  return out;
}

/** Text content with whitespace runs collapsed and trimmed, control and bidi-override characters removed. */
export function collapsedText(el: Element | undefined): string | undefined {
  if (!el) return undefined;
  return cleanText(textContent(el));
}

/** An attribute's value, control characters removed. */
export function attr(el: Element, name: string): string | undefined {
  const v = el.attribs[name];
  return v === undefined ? undefined : withoutControls(v).trim();
}
