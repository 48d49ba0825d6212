/**
 * A person's bibliography written from dump records, in the layout of the page
 * dblp serves at /pid/<pid>.xml (US-ASCII, numeric character references,
 * <dblpperson name pid n>, <person> with every name form, <homonyms>, one <r>
 * per record, newest first): the same document the person-page harvest stores,
 * so the parser and reconciliation read both the same way. Each <author> and
 * <editor> gets the pid its name form belongs to (the dump names people by
 * their unique name forms; the page by pid too). dblp's <coauthors> section is
 * not written: nothing downstream reads it.
 */
import type { DumpElement, DumpPerson } from './dblp-dump-stream.ts';

/** Escapes text and attribute values, non-ASCII as numeric references (dblp's pages are US-ASCII). */
export function pageText(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[^\x00-\x7f]/gu, (c) => `&#${c.codePointAt(0)};`);
}

const attrText = (attrs: ReadonlyArray<readonly [string, string]>) => attrs.map(([k, v]) => ` ${k}="${pageText(v)}"`).join('');

/** key and mdate first, as the pages write them, then the others in document order. */
function recordAttrs(el: DumpElement): ReadonlyArray<readonly [string, string]> {
  const first = ['key', 'mdate'].flatMap((n) => el.attrs.filter(([k]) => k === n));
  return [...first, ...el.attrs.filter(([k]) => k !== 'key' && k !== 'mdate')];
}

function textOf(node: DumpElement | string): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}

function serialize(node: DumpElement | string, pidOf: (name: string) => string | undefined, attrs?: ReadonlyArray<readonly [string, string]>): string {
  if (typeof node === 'string') return pageText(node);
  let a = attrs ?? node.attrs;
  if (node.name === 'author' || node.name === 'editor') {
    const pid = pidOf(textOf(node).replace(/\s+/g, ' ').trim());
    a = [...(pid ? [['pid', pid] as const] : []), ...a.filter(([k]) => k !== 'pid')];
  }
  return `<${node.name}${attrText(a)}>${node.children.map((c) => serialize(c, pidOf)).join('')}</${node.name}>`;
}

/**
 * A kept record, compact: its page XML with no pids yet (the person records
 * naming its authors may come later in the dump), its year and key for the
 * page's order. ~0.5 KB of bytes instead of a tree (or a string built of
 * pieces) of several KB: the fleet's records are held for the whole pass.
 */
export interface PageRecord {
  readonly key: string;
  readonly year: number;
  /** The page XML (ASCII: non-ASCII is written as references), one byte a character. */
  readonly xml: Buffer;
}

export function pageRecordOf(el: DumpElement): PageRecord {
  const y = el.children.find((c): c is DumpElement => typeof c !== 'string' && c.name === 'year');
  return { key: el.attrs.find(([k]) => k === 'key')?.[1] ?? '', year: y ? Number(textOf(y)) || 0 : 0, xml: Buffer.from(serialize(el, () => undefined, recordAttrs(el)), 'latin1') };
}

const unescapeText = (s: string) =>
  s.replace(/&(?:#(\d+)|(amp|lt|gt|quot));/g, (_m, d: string | undefined, n: string | undefined) => (d !== undefined ? String.fromCodePoint(Number(d)) : ({ amp: '&', lt: '<', gt: '>', quot: '"' } as const)[n as 'amp' | 'lt' | 'gt' | 'quot']));

/** A kept record's XML with the pid of each <author>/<editor> name put first among its attributes. */
export function withPids(xml: string, pidOf: (name: string) => string | undefined): string {
  return xml.replace(/<(author|editor)((?: [^>]*)?)>([^<]*)<\/\1>/g, (m, tag: string, attrs: string, text: string) => {
    const pid = pidOf(unescapeText(text).replace(/\s+/g, ' ').trim());
    return pid ? `<${tag} pid="${pageText(pid)}"${attrs}>${text}</${tag}>` : m;
  });
}

/** Newest first, then by key: the one order both paths write. */
export function pageOrder(a: PageRecord, b: PageRecord): number {
  return b.year - a.year || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export interface PersonPageInput {
  readonly person: DumpPerson;
  /** The records naming one of the person's forms as author or editor. */
  readonly records: readonly PageRecord[];
  /** Other people whose name is the person's without its suffix. */
  readonly homonyms: readonly DumpPerson[];
  readonly pidOf: (name: string) => string | undefined;
}

export function renderPersonPage(i: PersonPageInput): string {
  const { person, pidOf } = i;
  const primary = person.forms[0] ?? '';
  const personLines = person.element.children.flatMap((c) => {
    if (typeof c === 'string' || c.name === 'title') return []; // the dump's "Home Page" title is not on the page
    return [serialize(c, (n) => (person.forms.includes(n) ? person.pid : pidOf(n)))];
  });
  const lines = [
    '<?xml version="1.0" encoding="US-ASCII"?>',
    '<!DOCTYPE dblpperson SYSTEM "dblpperson.dtd">',
    `<dblpperson name="${pageText(primary)}" pid="${person.pid}" n="${i.records.length}">`,
    `<person key="${pageText(person.key)}"${person.mdate ? ` mdate="${pageText(person.mdate)}"` : ''}>`,
    ...personLines,
    '</person>',
  ];
  if (i.homonyms.length > 0) {
    lines.push(`<homonyms n="${i.homonyms.length}">`);
    for (const h of i.homonyms) {
      lines.push(
        `<h f="${h.pid}"><person key="${pageText(h.key)}"${h.mdate ? ` mdate="${pageText(h.mdate)}"` : ''}${h.publtype ? ` publtype="${pageText(h.publtype)}"` : ''}><author pid="${h.pid}">${pageText(h.forms[0] ?? '')}</author></person></h>`,
      );
    }
    lines.push('</homonyms>');
  }
  for (const r of [...i.records].sort(pageOrder)) lines.push(`<r>${withPids(r.xml.toString('latin1'), pidOf)}</r>`);
  lines.push('</dblpperson>', '');
  return lines.join('\n');
}
