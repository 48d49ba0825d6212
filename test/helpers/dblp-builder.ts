/**
 * Writes dblp documents in dblp's real layouts: the person bibliography
 * (https://dblp.org/pid/<pid>.xml, US-ASCII with numeric character references)
 * and the author-search JSON (counts as strings, one hit as an object).
 */
export interface DblpAuthorRef {
  readonly name: string;
  /** Omitted when not known (assembled documents leave out what nobody supplied). */
  readonly pid?: string;
  readonly orcid?: string;
}

export interface DblpRecordSpec {
  readonly type: 'inproceedings' | 'article' | 'proceedings' | 'incollection';
  readonly key: string;
  /** Omitted when not known. */
  readonly mdate?: string;
  readonly publtype?: string;
  readonly authors?: readonly DblpAuthorRef[];
  readonly editors?: readonly DblpAuthorRef[];
  /** Raw XML allowed (inline <i>, <sub>…); end with a period as dblp does. */
  readonly titleXml: string;
  readonly booktitle?: string;
  readonly journal?: string;
  readonly volume?: string;
  readonly number?: string;
  readonly pages?: string;
  readonly year: number;
  readonly ee?: ReadonlyArray<string | { readonly url: string; readonly type: string }>;
  readonly url?: string;
  readonly crossref?: string;
  readonly stream?: string;
}

/** Escapes for XML text and makes non-ASCII characters numeric references, as dblp's US-ASCII documents do. */
export function xmlText(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[^\x00-\x7f]/gu, (c) => `&#${c.codePointAt(0)};`);
}

function person(tag: 'author' | 'editor', a: DblpAuthorRef): string {
  return `<${tag}${a.pid ? ` pid="${a.pid}"` : ''}${a.orcid ? ` orcid="${a.orcid}"` : ''}>${xmlText(a.name)}</${tag}>`;
}

export function dblpRecord(r: DblpRecordSpec): string {
  const parts = [
    `<${r.type} key="${r.key}"${r.mdate ? ` mdate="${r.mdate}"` : ''}${r.publtype ? ` publtype="${r.publtype}"` : ''}>`,
    ...(r.editors ?? []).map((a) => person('editor', a)),
    ...(r.authors ?? []).map((a) => person('author', a)),
    `<title>${r.titleXml}</title>`,
    ...(r.pages ? [`<pages>${r.pages}</pages>`] : []),
    `<year>${r.year}</year>`,
    ...(r.booktitle ? [`<booktitle>${xmlText(r.booktitle)}</booktitle>`] : []),
    ...(r.journal ? [`<journal>${xmlText(r.journal)}</journal>`] : []),
    ...(r.volume ? [`<volume>${xmlText(r.volume)}</volume>`] : []),
    ...(r.number ? [`<number>${xmlText(r.number)}</number>`] : []),
    ...(r.ee ?? []).map((e) => (typeof e === 'string' ? `<ee>${xmlText(e)}</ee>` : `<ee type="${e.type}">${xmlText(e.url)}</ee>`)),
    ...(r.crossref ? [`<crossref>${r.crossref}</crossref>`] : []),
    ...(r.url ? [`<url>${xmlText(r.url)}</url>`] : []),
    ...(r.stream ? [`<stream>${r.stream}</stream>`] : []),
    `</${r.type}>`,
  ];
  return parts.join('\n');
}

export interface DblpPersonSpec {
  readonly name: string;
  readonly pid: string;
  /** Omitted when not known. */
  readonly mdate?: string;
  /** The person's other name forms (dblp lists each as an <author> of <person>). */
  readonly aliases?: readonly string[];
  readonly affiliation?: string;
  readonly urls?: readonly string[];
  readonly homonyms?: ReadonlyArray<{ readonly f: string; readonly key: string; readonly name: string; readonly pid: string; readonly publtype?: string; readonly mdate?: string }>;
  readonly records: readonly DblpRecordSpec[];
  readonly coauthors?: ReadonlyArray<{ readonly name: string; readonly pid?: string; readonly f: string; readonly c: number }>;
}

export function dblpPerson(p: DblpPersonSpec): string {
  const lines = [
    '<?xml version="1.0" encoding="US-ASCII"?>',
    '<!DOCTYPE dblpperson SYSTEM "dblpperson.dtd">',
    `<dblpperson name="${xmlText(p.name)}" pid="${p.pid}" n="${p.records.length}">`,
    `<person key="homepages/${p.pid}"${p.mdate ? ` mdate="${p.mdate}"` : ''}>`,
    `<author pid="${p.pid}">${xmlText(p.name)}</author>`,
    ...(p.aliases ?? []).map((a) => `<author pid="${p.pid}">${xmlText(a)}</author>`),
    ...(p.affiliation ? [`<note type="affiliation">${xmlText(p.affiliation)}</note>`] : []),
    ...(p.urls ?? []).map((u) => `<url>${xmlText(u)}</url>`),
    '</person>',
  ];
  if (p.homonyms && p.homonyms.length > 0) {
    lines.push(`<homonyms n="${p.homonyms.length}">`);
    for (const h of p.homonyms) {
      lines.push(
        `<h f="${h.f}"><person key="${h.key}"${(h.mdate ?? p.mdate) ? ` mdate="${h.mdate ?? p.mdate}"` : ''}${h.publtype ? ` publtype="${h.publtype}"` : ''}><author pid="${h.pid}">${xmlText(h.name)}</author></person></h>`,
      );
    }
    lines.push('</homonyms>');
  }
  for (const r of p.records) lines.push(`<r>${dblpRecord(r)}</r>`);
  if (p.coauthors) {
    lines.push(`<coauthors n="${p.coauthors.length}" nc="1">`);
    for (const c of p.coauthors) lines.push(`<co c="${c.c}"><na f="${c.f}"${c.pid ? ` pid="${c.pid}"` : ''}>${xmlText(c.name)}</na></co>`);
    lines.push('</coauthors>');
  }
  lines.push('</dblpperson>', '');
  return lines.join('\n');
}

export interface AuthorHitSpec {
  readonly name: string;
  readonly pid: string;
  readonly affiliations?: readonly string[];
  readonly aliases?: readonly string[];
}

/** The author-search JSON: counts as strings; `hit` an array (or one object when there is a single hit, as dblp does). */
export function dblpAuthorSearch(query: string, hits: readonly AuthorHitSpec[]): string {
  const hit = hits.map((h, i) => ({
    '@score': String(10 - i),
    '@id': String(1000 + i),
    info: {
      author: h.name,
      ...(h.aliases?.length ? { aliases: { alias: h.aliases.length === 1 ? h.aliases[0] : h.aliases } } : {}),
      ...(h.affiliations?.length
        ? { notes: { note: h.affiliations.length === 1 ? { '@type': 'affiliation', text: h.affiliations[0] } : h.affiliations.map((t) => ({ '@type': 'affiliation', text: t })) } }
        : {}),
      url: `https://dblp.org/pid/${h.pid}`,
    },
    url: `URL#${1000 + i}`,
  }));
  return `${JSON.stringify(
    {
      result: {
        query,
        status: { '@code': '200', text: 'OK' },
        time: { '@unit': 'msecs', text: '1.87' },
        completions: { '@total': '1', '@computed': '1', '@sent': '1', c: { '@sc': String(hits.length), '@dc': String(hits.length), '@oc': String(hits.length), '@id': '1', text: query } },
        hits: { '@total': String(hits.length), '@computed': String(hits.length), '@sent': String(hits.length), '@first': '0', ...(hits.length ? { hit: hit.length === 1 ? hit[0] : hit } : {}) },
      },
    },
    null,
    1,
  )}\n`;
}
