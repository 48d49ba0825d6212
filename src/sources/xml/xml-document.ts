/**
 * XML from the sources: checked for well-formedness first (so a truncated or
 * HTML body is an error that says where), then read with cheerio in XML mode.
 * No DTD is read and no entity is expanded beyond XML's five and numeric ones.
 * Elements are matched by local name, so the arxiv:/opensearch: prefixes and
 * where the namespaces are declared (the two arXiv backends differ) do not matter.
 */
import { load } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { XMLValidator } from 'fast-xml-parser';

export class XmlFormatError extends Error {
  constructor(
    readonly document: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${document}:${line}:${column}: malformed XML: ${detail}`);
    this.name = 'XmlFormatError';
  }
}

export interface XmlRoot {
  readonly root: Element;
}

/** Parses text as XML; throws XmlFormatError naming line and column when it is not well formed. */
export function parseXml(text: string, document: string): Element {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new XmlFormatError(document, 1, 1, 'empty document');
  const check = XMLValidator.validate(body, { allowBooleanAttributes: false });
  if (check !== true) throw new XmlFormatError(document, check.err.line, check.err.col, check.err.msg);
  const $ = load(body, { xml: { xmlMode: true, decodeEntities: true } });
  const root = $.root()
    .children()
    .toArray()
    .find((n): n is Element => n.type === 'tag');
  if (!root) throw new XmlFormatError(document, 1, 1, 'no root element');
  return root;
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

/** Full text content (inline markup such as <i>, <sub> flattened), untrimmed. */
export function textContent(el: Element): string {
  let out = '';
  for (const n of el.children) {
    if (n.type === 'text' || n.type === 'cdata') out += n.type === 'text' ? (n as unknown as { data: string }).data : textContent(n as unknown as Element);
    else if (n.type === 'tag') out += textContent(n as Element);
  }
  return out;
}

/** Text content with whitespace runs collapsed and trimmed. */
export function collapsedText(el: Element | undefined): string | undefined {
  if (!el) return undefined;
  return textContent(el).replace(/\s+/g, ' ').trim();
}

export function attr(el: Element, name: string): string | undefined {
  const v = el.attribs[name];
  return v === undefined ? undefined : v;
}
