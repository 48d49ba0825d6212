/**
 * The hostile-input corpus: arXiv Atom, dblp XML and dblp search JSON documents
 * written by others at their worst, each derived by a named mutation from the
 * first user's recordings (so a valid one reconciles against a real CV), with
 * the outcome each command must give. Deterministic: the same options give the
 * same bytes.
 *
 *   npx tsx test/hostile/corpus/generate.ts <dir>   writes every document and manifest.json
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { atomEntry } from '../../helpers/atom-builder.ts';
import { DATA, FIRST_PROFILE, REPO } from '../../helpers/paths.ts';

export interface CorpusDocument {
  /** File name, e.g. "arxiv-xxe-file-entity.xml". */
  readonly name: string;
  /** The option it is given to: --arxiv or --dblp (and `parse arxiv|dblp`). */
  readonly source: 'arxiv' | 'dblp';
  readonly what: string;
  readonly bytes: Uint8Array;
  /** Exit codes: `parse <source> FILE` and `reconcile --<source> FILE`. */
  readonly expect: { readonly parse: 0 | 3; readonly reconcile: 0 | 3 };
}

export interface CorpusOptions {
  /** Where an external DTD or parameter entity points (a test server that must never be asked). */
  readonly dtdUrl: string;
}

/** Text with every kind of markup that BibTeX, Markdown and HTML give meaning to. */
export const METACHARACTERS =
  'Meta {unbalanced \\} 100% #1 ~tilde ^caret $x_1$ & <script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> [click](javascript:alert(1)) **bold** | pipe `tick` @owner a@b.example ftp://files.example \\emph{x} %comment';

/** Controls that recolour a terminal (ESC, the C1 CSI), a NUL and a bell, and bidi overrides that reorder text. */
const CONTROLS_XML = 'Ctrl &#27;[31mred&#27;[0m &#x9b;2J &#x202e;desrever&#x202c; &#x2066;iso&#x2069; bell&#7;';
const CONTROLS_JSON = 'Ctrl \\u001b[31mred\\u001b[0m \\u009b2J \\u202edesrever\\u202c bell\\u0007';

const utf8 = (s: string) => new TextEncoder().encode(s);
const utf16le = (s: string, bom: boolean) => new Uint8Array(Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(s, 'utf16le')]));
const utf16be = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le').swap16());
const concat = (...parts: Array<Uint8Array | string>) => new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p)))));

const recording = (file: string) => readFileSync(join(DATA, 'recordings', FIRST_PROFILE, file), 'utf8');
const fixture = (path: string) => readFileSync(join(REPO, 'test', 'fixtures', path), 'utf8');

/** Replaces the first match of `pattern` after the n-th (1-based) occurrence of `<entry>`/`<r>` (or anywhere for n = 0). */
function replaceIn(text: string, marker: string, n: number, pattern: RegExp, replacement: string): string {
  let at = 0;
  for (let i = 0; i < n; i++) {
    at = text.indexOf(marker, at + (i === 0 ? 0 : 1));
    if (at < 0) throw new Error(`corpus: no ${marker} #${n}`);
  }
  const head = text.slice(0, at);
  const tail = text.slice(at);
  const replaced = tail.replace(pattern, replacement);
  if (replaced === tail) throw new Error(`corpus: ${pattern} not found after ${marker} #${n}`);
  return head + replaced;
}

/** text with `from` replaced; throws when `from` is not there (a recording changed under the corpus). */
function swap(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`corpus: ${String(from)} not found`);
  return out;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A new arXiv entry naming the owner and a CV co-author (so it becomes a published candidate). */
function arxivEntry(id: string, title: string, over: { authors?: string[]; summary?: string; published?: string; journalRef?: string; comment?: string; doi?: string } = {}): string {
  return atomEntry({
    id,
    title,
    authors: over.authors ?? ['Sanghyuk Chun', 'Sangdoo Yun'],
    published: over.published ?? '2025-01-15T10:00:00Z',
    summary: over.summary ?? `Abstract of ${id}.`,
    ...(over.journalRef ? { journalRef: over.journalRef } : {}),
    ...(over.comment ? { comment: over.comment } : {}),
    ...(over.doi ? { doi: over.doi } : {}),
  });
}

const addEntries = (feed: string, ...entries: string[]) => swap(feed, '</feed>', `${entries.join('\n')}\n</feed>`);

/** A new dblp record on the owner's page (owner pid 000/0001) with a CV co-author. */
function dblpRecordXml(key: string, titleXml: string, over: { year?: string; authorsXml?: string; booktitle?: string; ee?: string[]; keyAttr?: string } = {}): string {
  return [
    `<r><inproceedings key="${over.keyAttr ?? key}" mdate="2025-06-01">`,
    over.authorsXml ?? '<author pid="000/0001">Sanghyuk Chun</author>\n<author pid="134/1234">Sangdoo Yun</author>',
    `<title>${titleXml}</title>`,
    `<year>${over.year ?? '2025'}</year>`,
    `<booktitle>${over.booktitle ?? 'CONF'}</booktitle>`,
    ...(over.ee ?? []).map((e) => `<ee>${e}</ee>`),
    `<url>db/conf/x/x2025.html#X25</url>`,
    `</inproceedings></r>`,
  ].join('\n');
}

const addRecords = (person: string, ...records: string[]) => {
  const at = person.includes('<coauthors') ? person.indexOf('<coauthors') : person.lastIndexOf('</dblpperson>');
  return `${person.slice(0, at)}${records.join('\n')}\n${person.slice(at)}`;
};

/** Cut points named by what they cut through. */
function truncations(text: string, cuts: Record<string, number>, source: 'arxiv' | 'dblp', ext: string): CorpusDocument[] {
  return Object.entries(cuts).map(([where, at]) => ({
    name: `${source}-truncated-${where}.${ext}`,
    source,
    what: `cut short ${where} (${at} of ${text.length} characters)`,
    bytes: utf8(text.slice(0, at)),
    expect: { parse: 3, reconcile: 3 },
  }));
}

/** doc(name, what, bytes, parse, reconcile = parse) for one source's documents, named with a prefix. */
function documentMaker(source: 'arxiv' | 'dblp', prefix: string) {
  return (name: string, what: string, bytes: Uint8Array | string, parse: 0 | 3, reconcile: 0 | 3 = parse): CorpusDocument => ({
    name: `${prefix}${name}`,
    source,
    what,
    bytes: typeof bytes === 'string' ? utf8(bytes) : bytes,
    expect: { parse, reconcile },
  });
}

function arxivDocuments(o: CorpusOptions): CorpusDocument[] {
  const base = recording('arxiv-2.xml');
  const [decl, body] = [base.slice(0, base.indexOf('\n') + 1), base.slice(base.indexOf('\n') + 1)];
  const doc = documentMaker('arxiv', 'arxiv-');
  const withTitle = (title: string, n = 1) => replaceIn(base, '<entry>', n, /<title>[^<]*<\/title>/, `<title>${title}</title>`);
  const entryStart = base.indexOf('<entry>');
  const linkAt = base.indexOf('<link href=', entryStart);
  return [
    doc('clean.xml', 'the recorded id_list response, unchanged (sanity check)', base, 0),
    doc('xxe-file-entity.xml', 'XXE: an external entity naming /etc/passwd, used in a title', `${decl}<!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${withTitle('&xxe;').slice(decl.length)}`, 3),
    doc('xxe-external-dtd.xml', 'an external DTD on a test server (never fetched; the document is otherwise sound)', `${decl}<!DOCTYPE feed SYSTEM "${o.dtdUrl}">\n${body}`, 0),
    doc('xxe-parameter-entity.xml', 'a parameter entity fetching an external DTD', `${decl}<!DOCTYPE feed [<!ENTITY % remote SYSTEM "${o.dtdUrl}"> %remote;]>\n${body}`, 3),
    doc(
      'billion-laughs.xml',
      'entity expansion: ten levels of ten (10^10 "lol"s) in a title',
      `${decl}<!DOCTYPE feed [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]>\n${withTitle('&lol9;').slice(decl.length)}`,
      3,
    ),
    doc('deep-nesting.xml', 'a title nested 100,000 elements deep', withTitle(`${'<i>'.repeat(100_000)}deep${'</i>'.repeat(100_000)}`), 3),
    doc('invalid-utf8.xml', 'a byte sequence that is not UTF-8 in a title (C3 28)', concat(base.slice(0, base.indexOf('<title>', entryStart) + 7), new Uint8Array([0xc3, 0x28]), base.slice(base.indexOf('<title>', entryStart) + 7)), 3),
    doc('overlong-utf8.xml', 'an overlong UTF-8 encoding of "/" (C0 AF) in a title', concat(base.slice(0, base.indexOf('<title>', entryStart) + 7), new Uint8Array([0xc0, 0xaf]), base.slice(base.indexOf('<title>', entryStart) + 7)), 3),
    doc('utf16le-bom.xml', 'UTF-16LE with a byte-order mark', utf16le(swap(base, "encoding='UTF-8'", "encoding='UTF-16'"), true), 0),
    doc('utf16be-no-bom.xml', 'UTF-16BE without a byte-order mark, declared UTF-16', utf16be(swap(base, "encoding='UTF-8'", "encoding='UTF-16'")), 0),
    doc('utf8-bom.xml', 'UTF-8 with a byte-order mark', concat(new Uint8Array([0xef, 0xbb, 0xbf]), base), 0),
    doc('unknown-encoding.xml', 'declares an encoding nobody sends (EBCDIC)', swap(base, "encoding='UTF-8'", "encoding='EBCDIC-US'"), 3),
    ...truncations(base, { 'in-declaration': 12, 'in-start-tag': entryStart + 4, 'in-attribute': linkAt + 20, 'in-text': base.indexOf('<title>', entryStart) + 15, 'before-end': base.length - 4 }, 'arxiv', 'xml'),
    doc('html-denied.xml', "arXiv's robot-block page (HTML)", fixture('arxiv/denied.html'), 3),
    doc('html-503.xml', 'a 503 page from a proxy', '<!doctype html>\n<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>\n', 3),
    doc('xhtml.xml', 'well-formed XHTML, not a feed', '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Maintenance</title></head><body/></html>\n', 3),
    doc('empty.xml', 'an empty body', '', 3),
    doc('whitespace.xml', 'only whitespace', '  \n\t\n', 3),
    doc('two-roots.xml', 'a second root element after the feed', `${base}<feed/>\n`, 3),
    doc('mismatched-tags.xml', 'an end tag that does not match', replaceIn(base, '<entry>', 1, /<\/title>/, '</summary>'), 3),
    doc('error-feed.xml', "arXiv's error feed (parses; has no records to reconcile)", fixture('arxiv/legacy-error-200.xml'), 0, 3),
    doc('control-characters.xml', 'ESC and C1 CSI sequences, a bell and bidi overrides in a title, an author and an abstract', swap(swap(swap(addEntries(base, arxivEntry('2501.00001', 'placeholder', { authors: ['Sanghyuk Chun', 'Sangdoo Yun', 'placeholder-author'] })), '<title>placeholder</title>', `<title>${CONTROLS_XML}</title>`), '<name>placeholder-author</name>', `<name>Evil &#x202e;rotua&#x202c; &#27;[2J</name>`), '<summary>Abstract of 2501.00001.</summary>', `<summary>${CONTROLS_XML}</summary>`), 0),
    doc(
      'javascript-links.xml',
      'javascript: and data: in every link-bearing field (link hrefs, arxiv:doi, a DOI link that closes a Markdown link)',
      addEntries(
        swap(
          swap(base, /<link href="[^"]*" rel="alternate"/g, '<link href="javascript:alert(1)" rel="alternate"'),
          /<link href="[^"]*" rel="related" type="application\/pdf"/g,
          '<link href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;" rel="related" type="application/pdf"',
        ),
        arxivEntry('2501.00002', 'Links That Bite', { doi: 'javascript:alert(1)' }),
        arxivEntry('2501.00003', 'A DOI That Closes a Markdown Link', { doi: '10.1234/a)[click](javascript:alert(1))' }),
      ),
      0,
    ),
    doc(
      'metacharacters.xml',
      'BibTeX, Markdown and HTML metacharacters in every text field (title, authors, abstract, journal reference, comment)',
      addEntries(base, arxivEntry('2501.00004', METACHARACTERS, { authors: ['Sanghyuk Chun', 'Sangdoo Yun', `Mallory {\\} & <b>Meta</b>`], summary: METACHARACTERS, journalRef: METACHARACTERS, comment: METACHARACTERS })),
      0,
    ),
    doc('1mb-title.xml', 'an entry whose title is 1 MB long', addEntries(base, arxivEntry('2501.00005', 'Long '.repeat(209_716))), 0),
    doc('100k-authors.xml', 'an entry with 100,000 authors', addEntries(base, arxivEntry('2501.00006', 'Everyone Wrote This', { authors: ['Sanghyuk Chun', ...Array.from({ length: 99_999 }, (_, i) => `Author ${i}`)] })), 0),
    doc('conflicting-duplicate.xml', 'a second entry for 2006.08217 (a CV work) in the same feed, with another title and authors', addEntries(base, arxivEntry('2006.08217', 'A Different Paper Entirely', { authors: ['Sanghyuk Chun', 'Eve Impostor'] })), 0),
    doc('conflicting-version.xml', 'the CV work 2006.08217 as a v9 with another title and authors (its group splits from the dblp records)', swap(replaceIn(base, '<id>http://arxiv.org/abs/2006.08217</id>', 1, /<title>[^<]*<\/title>/, '<title>Totally Unrelated Work on Something Else</title>'), '<id>http://arxiv.org/abs/2006.08217</id>', '<id>http://arxiv.org/abs/2006.08217v9</id>'), 0),
    doc(
      'impossible-years.xml',
      'published dates in year 0, 9999, 99999 and on 30 February',
      addEntries(
        base,
        arxivEntry('2501.00007', 'Year Zero', { published: '0000-01-01T00:00:00Z' }),
        arxivEntry('2501.00008', 'Year Nine Thousand', { published: '9999-12-31T23:59:59Z' }),
        arxivEntry('2501.00009', 'Year Ninety-Nine Thousand', { published: '99999-01-01T00:00:00Z' }),
        arxivEntry('2501.00010', 'The Thirtieth of February', { published: '2025-02-30T00:00:00Z' }),
      ),
      0,
    ),
    doc('dblp-person.xml', 'a dblp person bibliography given as --arxiv', recording('dblp-2.xml'), 3),
    doc('search.json', 'a dblp search JSON given as --arxiv', recording('dblp-1.json'), 3),
    // Issue 22.
    doc('preface-60.xml', '60 entries titled "Preface", each with the owner: one grouped conflict, not 1,770 pairs (22.6; test/hostile/same-title.test.ts runs 1,500)', addEntries(base, ...Array.from({ length: 60 }, (_, i) => arxivEntry(`25${String(1 + Math.floor(i / 900)).padStart(2, '0')}.${String(20000 + (i % 900)).padStart(5, '0')}`, 'Preface', { authors: ['Sanghyuk Chun', `Editor Number${i % 7}`], summary: 'Preface.' }))), 0),
    doc('inverted-names.xml', 'authors written "Family, Given" ("Yun, Sangdoo", "King, Jr., Martin") (22.7)', addEntries(base, arxivEntry('2501.00011', 'Names Written Backwards', { authors: ['Chun, Sanghyuk', 'Yun, Sangdoo', 'King, Jr., Martin'] })), 0),
    doc('doi-brackets.xml', 'a DOI with brackets, parentheses and a quote-free javascript: inside: its link is percent-encoded (22.14)', addEntries(base, arxivEntry('2501.00012', 'A DOI With Brackets', { doi: "10.1234/a)[click-me](javascript:alert('x'))" })), 0),
    doc('oai-listrecords.xml', 'an OAI-PMH ListRecords response (what the nightly harvest reads): parse arxiv reads it; reconcile --arxiv takes Atom feeds only (22.13)', fixture('oai/nesta-listrecords-arxiv-token.xml'), 0, 3),
    doc('oai-repeated-token.xml', 'an OAI-PMH page whose resumption token is the one that asked for it (a list that never ends; parse reads the page) (22.2)', swap(fixture('oai/nesta-listrecords-arxiv-token.xml'), /<resumptionToken([^>]*)>[^<]*<\/resumptionToken>/, '<resumptionToken$1>stuck-token</resumptionToken>'), 0, 3),
    doc('over-10mb.xml', 'a feed of 10,000,001 bytes (an XML comment pads it): refused before it is parsed (22.15)', swap(base, '</feed>', `<!--${'x'.repeat(10_000_001 - utf8(base).byteLength - 7)}--></feed>`), 3),
    doc('5001-entries.xml', '5,001 entries in one feed: more records than any feed page holds (22.15)', addEntries(base, ...Array.from({ length: 5001 - (base.match(/<entry>/g)?.length ?? 0) }, (_, i) => arxivEntry(`26${String(1 + Math.floor(i / 9000)).padStart(2, '0')}.${String(10000 + (i % 9000)).padStart(5, '0')}`, `Filler ${i}`, { authors: ['Someone Else'] }))), 3),
  ];
}

function dblpXmlDocuments(o: CorpusOptions): CorpusDocument[] {
  const base = recording('dblp-2.xml');
  const declEnd = base.indexOf('\n', base.indexOf('<!DOCTYPE')) + 1;
  const [decl, body] = [base.slice(0, base.indexOf('\n') + 1), base.slice(declEnd)];
  const doc = documentMaker('dblp', 'dblp-');
  const withTitle = (title: string) => replaceIn(base, '<r>', 1, /<title>[^<]*<\/title>/, `<title>${title}</title>`);
  const firstR = base.indexOf('<r>');
  return [
    doc('clean.xml', 'the recorded person bibliography, unchanged (sanity check)', base, 0),
    doc('xxe-file-entity.xml', 'XXE: an external entity naming /etc/passwd, used in a title', `${decl}<!DOCTYPE dblpperson [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${withTitle('&xxe;').slice(declEnd)}`, 3),
    doc('xxe-external-dtd.xml', 'the DOCTYPE points at a test server instead of dblpperson.dtd (never fetched)', swap(base, 'SYSTEM "dblpperson.dtd"', `SYSTEM "${o.dtdUrl}"`), 0),
    doc('xxe-parameter-entity.xml', 'a parameter entity fetching an external DTD', `${decl}<!DOCTYPE dblpperson [<!ENTITY % remote SYSTEM "${o.dtdUrl}"> %remote;]>\n${body}`, 3),
    doc('billion-laughs.xml', 'entity expansion in a title', `${decl}<!DOCTYPE dblpperson [<!ENTITY a "aaaaaaaaaa">${Array.from({ length: 9 }, (_, i) => `<!ENTITY a${i + 1} "${`&a${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]>\n${withTitle('&a9;').slice(declEnd)}`, 3),
    doc('deep-nesting.xml', 'a title nested 100,000 elements deep', withTitle(`${'<i>'.repeat(100_000)}deep${'</i>'.repeat(100_000)}`), 3),
    doc('invalid-utf8.xml', 'a lone continuation byte (0x9B, the C1 CSI in Latin-1) in a title', concat(base.slice(0, base.indexOf('<title>', firstR) + 7), new Uint8Array([0x9b]), base.slice(base.indexOf('<title>', firstR) + 7)), 3),
    doc('latin1.xml', 'declared ISO-8859-1 (as dblp\'s full dump is) with a Latin-1 é in a title', latin1Title(swap(base, 'encoding="US-ASCII"', 'encoding="ISO-8859-1"')), 0),
    doc('utf16le-bom.xml', 'UTF-16LE with a byte-order mark', utf16le(swap(base, 'encoding="US-ASCII"', 'encoding="UTF-16"'), true), 0),
    doc('utf8-bom.xml', 'UTF-8 with a byte-order mark', concat(new Uint8Array([0xef, 0xbb, 0xbf]), base), 0),
    ...truncations(base, { 'in-doctype': base.indexOf('<!DOCTYPE') + 12, 'in-start-tag': firstR + 8, 'in-attribute': base.indexOf('key="', firstR) + 9, 'before-end': base.length - 6 }, 'dblp', 'xml'),
    doc('html-429.xml', "dblp's 429 page (HTML)", fixture('dblp/too-many-requests.html'), 3),
    doc('empty.xml', 'an empty body', '', 3),
    doc('bad-person-pid.xml', 'the page\'s own pid is a path', swap(base, '<dblpperson name="Sanghyuk Chun" pid="000/0001"', '<dblpperson name="Sanghyuk Chun" pid="../../etc/passwd"'), 3),
    doc('control-characters.xml', 'ESC and C1 CSI sequences and bidi overrides in a title and an author name', addRecords(base, dblpRecordXml('conf/x/Ctrl25', CONTROLS_XML, { authorsXml: '<author pid="000/0001">Sanghyuk Chun</author>\n<author pid="134/1234">Sangdoo Yun</author>\n<author pid="1/2">Evil &#x202e;rotua&#x202c; &#27;[2J</author>' })), 0),
    doc(
      'javascript-links.xml',
      'javascript: and data: in every link-bearing field: ee, url, the person\'s homepage, record keys, pids, ORCIDs; a DOI with a quote',
      addRecords(
        swap(base, '<author pid="000/0001">Sanghyuk Chun</author>\n</person>', '<author pid="000/0001">Sanghyuk Chun</author>\n<url>javascript:alert(1)</url>\n<url>data:text/html,x</url>\n</person>'),
        dblpRecordXml('conf/x/Js25', 'Links That Bite', { ee: ['javascript:alert(1)', 'data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;', 'https://doi.org/10.1234/x&quot;onmouseover=&quot;alert(1)'] }),
        dblpRecordXml('', 'A Key That Is a Script', { keyAttr: 'javascript:alert(5)' }),
        dblpRecordXml('', 'A Key That Is a Path', { keyAttr: '../../etc/passwd' }),
        dblpRecordXml('conf/x/Dots25', 'A Key With Dots', { keyAttr: 'conf/../x' }),
        dblpRecordXml('conf/x/Pid25', 'Pids That Are Scripts', { authorsXml: '<author pid="000/0001">Sanghyuk Chun</author>\n<author pid="javascript:alert(1)" orcid="javascript:alert(2)">Sangdoo Yun</author>', ee: ['https://doi.org/10.1234/a)[click](javascript:alert(1))'] }),
      ),
      0,
    ),
    doc(
      'metacharacters.xml',
      'BibTeX, Markdown and HTML metacharacters in title, booktitle and author names',
      addRecords(base, dblpRecordXml('conf/x/Meta25', xmlEscape(METACHARACTERS), { booktitle: xmlEscape(METACHARACTERS), authorsXml: `<author pid="000/0001">Sanghyuk Chun</author>\n<author pid="134/1234">Sangdoo Yun</author>\n<author pid="1/3">${xmlEscape('Mallory {\\} & <b>Meta</b>')}</author>` })),
      0,
    ),
    doc('1mb-title.xml', 'a record whose title is 1 MB long', addRecords(base, dblpRecordXml('conf/x/Long25', 'Long '.repeat(209_716))), 0),
    doc('100k-authors.xml', 'a record with 100,000 authors', addRecords(base, dblpRecordXml('conf/x/Many25', 'Everyone Wrote This', { authorsXml: ['<author pid="000/0001">Sanghyuk Chun</author>', ...Array.from({ length: 99_999 }, (_, i) => `<author pid="9/${i}">Author ${i}</author>`)].join('\n') })), 0),
    doc('duplicate-keys.xml', 'two records with one key, different titles', addRecords(base, dblpRecordXml('conf/x/Dup25', 'The First Version'), dblpRecordXml('conf/x/Dup25', 'A Contradicting Second Version')), 0),
    doc(
      'impossible-years.xml',
      'years 0, 0000, 9999 and 99999',
      addRecords(base, dblpRecordXml('conf/x/Y0', 'Year Zero', { year: '0' }), dblpRecordXml('conf/x/Y0000', 'Year Zero Zero', { year: '0000' }), dblpRecordXml('conf/x/Y9999', 'Year Nine Thousand', { year: '9999' }), dblpRecordXml('conf/x/Y99999', 'Year Ninety-Nine Thousand', { year: '99999' })),
      0,
    ),
    doc('records-list.xml', 'a dblp record list (/rec/<key>.xml): reconcile --dblp reads its records as a person page\'s (22.13)', fixture('dblp/rec-single.xml'), 0, 0),
    doc('arxiv-feed.xml', 'an arXiv feed given as --dblp', recording('arxiv-2.xml'), 3),
    // Issue 22.
    doc('bare-record.xml', 'a bare <inproceedings> record (no <dblp> around it): parse dblp and reconcile --dblp read it (22.13)', fixture('dblp/rec-single.xml').replace(/^[\s\S]*?(<inproceedings)/, '$1').replace('</dblp>', ''), 0, 0),
    doc('person.json', 'a person bibliography saved under a .json name: its content decides, it reconciles (22.9)', base, 0),
    doc('inverted-names.xml', 'author names written "Family, Given" (22.7)', addRecords(base, dblpRecordXml('conf/x/Inv25', 'Names Written Backwards.', { authorsXml: '<author pid="000/0001">Chun, Sanghyuk</author>\n<author pid="134/1234">Yun, Sangdoo</author>' })), 0),
    doc('doi-brackets.xml', 'an ee DOI with brackets and parentheses: its published link is percent-encoded (22.14)', addRecords(base, dblpRecordXml('conf/x/Br25', 'A DOI With Brackets.', { ee: ["https://doi.org/10.1234/b)[click-me](javascript:alert('x'))"] })), 0),
    doc('5001-records.xml', 'a person page of 5,001 records: more than any real page (22.15)', addRecords(base, ...Array.from({ length: 5001 - (base.match(/<r>/g)?.length ?? 0) }, (_, i) => dblpRecordXml(`conf/x/F${i}`, `Filler ${i}.`, { authorsXml: '<author pid="000/0001">Sanghyuk Chun</author>' }))), 3),
  ];
}

/** The first record's title with a Latin-1 é (byte E9) inserted after its first character. */
function latin1Title(text: string): Uint8Array {
  const at = text.indexOf('<title>', text.indexOf('<r>')) + 8;
  return concat(text.slice(0, at), new Uint8Array([0xe9]), text.slice(at));
}

function dblpJsonDocuments(): CorpusDocument[] {
  const authors = recording('dblp-1.json');
  const publ = fixture('dblp/publ-search-current.json');
  // A search is never what --dblp takes (a person bibliography): always invalid for reconcile.
  const make = documentMaker('dblp', 'dblp-json-');
  const doc = (name: string, what: string, bytes: Uint8Array | string, parse: 0 | 3) => make(name, what, bytes, parse, 3);
  const titleAt = publ.indexOf('"title":"') + 9;
  const withTitle = (title: string) => swap(publ, /"title":"[^"]*"/, `"title":${title}`);
  return [
    doc('author-search.json', 'the recorded author search, unchanged', authors, 0),
    doc('publication-search.json', 'a publication search, unchanged', publ, 0),
    doc('deep-nesting.json', 'a title nested 100,000 arrays deep', withTitle(`${'['.repeat(100_000)}"deep"${']'.repeat(100_000)}`), 3),
    doc('truncated-in-string.json', 'cut short inside a string', publ.slice(0, titleAt + 5), 3),
    doc('truncated-before-end.json', 'cut short before the last brace', publ.trimEnd().slice(0, -2), 3),
    doc('invalid-utf8.json', 'a byte sequence that is not UTF-8 in a title', concat(publ.slice(0, titleAt), new Uint8Array([0xed, 0xa0, 0x80]), publ.slice(titleAt)), 3),
    doc('utf16le-bom.json', 'UTF-16LE with a byte-order mark', utf16le(publ, true), 0),
    doc('utf8-bom.json', 'UTF-8 with a byte-order mark', concat(new Uint8Array([0xef, 0xbb, 0xbf]), publ), 0),
    doc('html.json', 'an HTML error page where JSON was expected', fixture('dblp/too-many-requests.html'), 3),
    doc('empty.json', 'an empty body', '', 3),
    doc('duplicate-keys.json', 'an object with the key "title" twice', swap(publ, '"title":', '"title":"A Shadowed Title","title":'), 3),
    doc('wrong-type.json', 'a count that is an object', swap(publ, '"@total":"1"', '"@total":{}'), 3),
    doc('not-a-search.json', 'JSON that is not a dblp search at all', '{"hello": "world"}\n', 3),
    doc('control-characters.json', 'escaped ESC, C1 CSI, bidi overrides and a bell in a title', withTitle(`"${CONTROLS_JSON}"`), 0),
    doc('javascript-links.json', 'javascript: and data: in ee and doi, a key that is a script, a pid that is a path', swap(swap(swap(publ, /"ee":"[^"]*"/, '"ee":["javascript:alert(1)","data:text/html,x"]'), /"doi":"[^"]*"/, '"doi":"10.1234/x\\"onmouseover=\\"alert(1)"'), '"@pid":"28/2391"', '"@pid":"../../x"'), 0),
    doc('javascript-key.json', 'a hit whose key is a script', swap(publ, '"key":"journals/corr/abs-2510-19315"', '"key":"javascript:alert(5)"'), 0),
    doc('javascript-person-url.json', 'an author-search hit whose url is a script', swap(authors, /"url": ?"https:\/\/dblp\.org\/pid\/[^"]*"/, '"url":"javascript:alert(1)"'), 3),
    doc('metacharacters.json', 'BibTeX, Markdown and HTML metacharacters in title and venue', swap(swap(publ, /"title":"[^"]*"/, `"title":${JSON.stringify(METACHARACTERS)}`), '"venue":"CoRR"', `"venue":${JSON.stringify(METACHARACTERS)}`), 0),
    doc('1mb-title.json', 'a hit whose title is 1 MB long', withTitle(JSON.stringify('Long '.repeat(209_716))), 0),
    doc('100k-authors.json', 'a hit with 100,000 authors', swap(publ, /"authors":\{"author":\{[^}]*\}\}/, `"authors":{"author":${JSON.stringify(Array.from({ length: 100_000 }, (_, i) => ({ '@pid': `9/${i}`, text: `Author ${i}` })))}}`), 0),
    doc('impossible-years.json', 'a year of 99999', swap(publ, '"year":"2025"', '"year":"99999"'), 0),
  ];
}

export function buildCorpus(o: CorpusOptions = { dtdUrl: 'http://127.0.0.1:9/evil.dtd' }): CorpusDocument[] {
  const docs = [...arxivDocuments(o), ...dblpXmlDocuments(o), ...dblpJsonDocuments()];
  const names = new Set(docs.map((d) => d.name));
  if (names.size !== docs.length) throw new Error('corpus: two documents share a name');
  return docs;
}

/** Writes the corpus into `dir` (each document and manifest.json describing them). */
export function writeCorpus(dir: string, o?: CorpusOptions): CorpusDocument[] {
  const docs = buildCorpus(o);
  mkdirSync(dir, { recursive: true });
  for (const d of docs) writeFileSync(join(dir, d.name), d.bytes);
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(docs.map(({ bytes, ...d }) => ({ ...d, bytes: bytes.byteLength })), null, 2)}\n`);
  return docs;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: npx tsx test/hostile/corpus/generate.ts <dir>\n');
    process.exit(2);
  }
  const docs = writeCorpus(dir);
  process.stdout.write(`wrote ${docs.length} documents and manifest.json to ${dir}\n`);
}
