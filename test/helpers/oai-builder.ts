/**
 * Writes arXiv OAI-PMH responses in the layout of arXiv's 2025 service, for
 * test servers and the fleet benchmark. The layout follows arXiv's own
 * templates (github.com/arXiv/oaipmh, oaipmh/templates: base.xml @798408a,
 * macros.xml @140b75f, list_records.xml @32eb355, record_formats.xml @31f61ee,
 * token.xml @27c3909, errors.xml @abd284a) and its token encoding
 * (oaipmh/processors/resume.py @1b5ea92: quote(urlencode(params + skip))):
 *   - header datestamp YYYY-MM-DD, one setSpec per set ("cs:cs:LG", "physics:hep-th");
 *   - arXivRaw: id, submitter, version v1..vN with "Wed, 25 Jun 2008 15:29:38 GMT" dates
 *     and "14kb" sizes, title, authors as one string ("A, B"), categories, comments,
 *     journal-ref, doi, license, abstract;
 *   - resumptionToken with an `expires` attribute (not OAI-PMH's expirationDate);
 *   - errors as <error code='…'> with single quotes, HTTP 200;
 *   - Jinja autoescaping (&#39; &#34;).
 * The records themselves are whatever the caller gives: synthetic.
 */
export interface RawRecordSpec {
  readonly id: string;
  /** Header datestamp, YYYY-MM-DD. */
  readonly datestamp: string;
  readonly sets?: readonly string[];
  readonly deleted?: boolean;
  /** Submission time of each version, ISO, v1 first. */
  readonly versions?: readonly string[];
  readonly title?: string;
  /** As arXiv writes it: "A. Author, B. Author" (a string) or names to join with ", ". */
  readonly authors?: string | readonly string[];
  readonly categories?: readonly string[];
  readonly comments?: string;
  readonly journalRef?: string;
  readonly doi?: string;
  readonly abstract?: string;
  readonly submitter?: string;
}

export const OAI_BASE_URL = 'https://oaipmh.arxiv.org/oai';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** strftime("%a, %d %b %Y %H:%M:%S GMT") */
export function rfc1123(iso: string): string {
  const d = new Date(iso);
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} GMT`;
}

/** The set specs a record's categories put it in (2025 service: group:archive:SUBJECT or group:archive). */
export function setSpecsOf(categories: readonly string[]): string[] {
  const out = new Set<string>();
  for (const c of categories) {
    const [archive = '', subject] = c.split('.');
    const physics = /^(?:astro-ph|cond-mat|gr-qc|hep-ex|hep-lat|hep-ph|hep-th|math-ph|nlin|nucl-ex|nucl-th|physics|quant-ph)$/.test(archive);
    const group = physics ? 'physics' : archive;
    out.add(subject ? `${group}:${archive}:${subject}` : `${group}:${archive}`);
  }
  return [...out];
}

function header(r: RawRecordSpec): string {
  const sets = r.sets ?? setSpecsOf(r.categories ?? ['cs.LG']);
  return [
    `            <header${r.deleted ? ' status="deleted"' : ''}>`,
    `                <identifier>oai:arXiv.org:${r.id}</identifier>`,
    `                <datestamp>${r.datestamp}</datestamp>`,
    ...sets.map((s) => `                <setSpec>${esc(s)}</setSpec>`),
    '            </header>',
  ].join('\n');
}

export function arxivRawRecord(r: RawRecordSpec): string {
  if (r.deleted) return `        <record>\n${header(r)}\n        </record>`;
  const versions = r.versions ?? [`${r.datestamp}T12:00:00Z`];
  const authors = typeof r.authors === 'string' ? r.authors : (r.authors ?? ['A. Author']).join(', ');
  const opt = (tag: string, v: string | undefined) => (v ? [`            <${tag}>${esc(v)}</${tag}>`] : []);
  return [
    '        <record>',
    header(r),
    '            <metadata>',
    '    <arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://arxiv.org/OAI/arXivRaw/ http://arxiv.org/OAI/arXivRaw.xsd">',
    `        <id>${r.id}</id>`,
    `        <submitter>${esc(r.submitter ?? (typeof r.authors === 'string' ? r.authors.split(',')[0]! : (r.authors?.[0] ?? 'A. Author')))}</submitter>`,
    ...versions.flatMap((v, i) => [`            <version version="v${i + 1}">`, `                <date>${rfc1123(v)}</date>`, `                <size>${14 + i}kb</size>`, '            </version>']),
    `        <title>${esc(r.title ?? `Paper ${r.id}`)}</title>`,
    `        <authors>${esc(authors)}</authors>`,
    `        <categories>${esc((r.categories ?? ['cs.LG']).join(' '))}</categories>`,
    ...opt('comments', r.comments),
    ...opt('journal-ref', r.journalRef),
    ...opt('doi', r.doi),
    '            <license>http://creativecommons.org/licenses/by/4.0/</license>',
    ...opt('abstract', r.abstract ?? `Abstract of ${r.id}.`),
    '    </arXivRaw>',
    '            </metadata>',
    '        </record>',
  ].join('\n');
}

/** quote(urlencode({...params, skip})) as arXiv's ResToken.to_token does. */
export function arxivToken(params: Readonly<Record<string, string>>, skip: number): string {
  const form = Object.entries({ ...params, skip: String(skip) })
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%20/g, '+')}`)
    .join('&');
  return encodeURIComponent(form);
}

function envelope(request: Readonly<Record<string, string>>, inner: string, responseDate: string): string {
  const attrs = Object.entries(request)
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" ',
    '         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '         xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">',
    `    <responseDate>${responseDate}</responseDate>`,
    `    <request${attrs}>${OAI_BASE_URL}</request>`,
    inner,
    '</OAI-PMH>',
    '',
  ].join('\n');
}

export interface ListRecordsPageOptions {
  /** The request's parameters as echoed in <request>. */
  readonly request: Readonly<Record<string, string>>;
  /** A token for the next page; "" writes an empty <resumptionToken/>; absent writes none (the last page). */
  readonly token?: string;
  /** The token's expires attribute (default: the next midnight UTC after responseDate). */
  readonly expires?: string;
  readonly responseDate?: string;
}

export function listRecordsPage(records: readonly RawRecordSpec[], o: ListRecordsPageOptions): string {
  const responseDate = o.responseDate ?? '2026-11-28T03:15:02Z';
  const expires = o.expires ?? `${new Date(Date.parse(responseDate.slice(0, 10)) + 86_400_000).toISOString().slice(0, 10)}T00:00:00Z`;
  const token = o.token === undefined ? [] : o.token === '' ? ['        <resumptionToken/>'] : [`        <resumptionToken expires='${expires}'>${o.token}</resumptionToken>`];
  return envelope(o.request, ['    <ListRecords>', ...records.map(arxivRawRecord), ...token, '    </ListRecords>'].join('\n'), responseDate);
}

const ERROR_TEXT: Record<string, string> = {
  noRecordsMatch: 'The combination of the values of the from, until, set and metadataPrefix arguments results in an empty list.',
  badResumptionToken: 'The value of the resumptionToken argument is invalid or expired.',
  badArgument: 'The request includes illegal arguments, is missing required arguments, includes a repeated argument, or values for arguments have an illegal syntax.',
  cannotDisseminateFormat: 'The metadata format identified by the value given for the metadataPrefix argument is not supported by the item or by the repository.',
};

/** An OAI-PMH error page as arXiv's errors.xml renders it (request element without attributes). */
export function oaiErrorPage(code: string, responseDate = '2026-11-28T03:15:02Z'): string {
  return envelope({}, `    <error code='${code}'>${esc(ERROR_TEXT[code] ?? code)}</error>`, responseDate);
}
