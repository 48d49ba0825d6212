/**
 * What a captured document is, told by the parsers themselves (not by its file
 * name or a pattern): an arXiv feed or error feed, an arXiv OAI-PMH response, a
 * dblp person bibliography, record list or bare record, a dblp author or publication search. A document that no
 * parser accepts throws the error that says where and why.
 */
import { documentText } from '../input/decode-text.ts';
import { DocumentError, InputError } from '../input/input-error.ts';
import type { ArxivFeed } from './arxiv/arxiv-record.ts';
import type { OaiPage } from './arxiv/oai-record.ts';
import { arxivFeedFrom } from './arxiv/parse-feed.ts';
import { oaiPageFrom } from './arxiv/parse-oai.ts';
import type { DblpPerson, DblpRecord } from './dblp/dblp-record.ts';
import { parseDblpAuthorSearch, parseDblpPublSearch, searchDocument, type DblpAuthorCandidate, type DblpSearchPublication } from './dblp/parse-search.ts';
import { dblpXmlFrom, isDblpRecordElement } from './dblp/parse-xml.ts';
import { localName, parseXml, rootPosition } from './xml/xml-document.ts';

export type IdentifiedDocument =
  | { readonly kind: 'arxiv-feed'; readonly feed: Extract<ArxivFeed, { kind: 'feed' }> }
  | { readonly kind: 'arxiv-error'; readonly feed: Extract<ArxivFeed, { kind: 'error' }> }
  /** An OAI-PMH response (ListRecords, GetRecord, or its error answer): what the nightly harvest reads. */
  | { readonly kind: 'arxiv-oai'; readonly page: OaiPage }
  | { readonly kind: 'dblp-person'; readonly person: DblpPerson }
  | { readonly kind: 'dblp-records'; readonly records: readonly DblpRecord[]; readonly problems: readonly string[] }
  | { readonly kind: 'dblp-author-search'; readonly total: number; readonly candidates: readonly DblpAuthorCandidate[] }
  | { readonly kind: 'dblp-publication-search'; readonly total: number; readonly publications: readonly DblpSearchPublication[]; readonly problems: readonly string[] }
  /** A dblp search that found nothing (author and publication searches look alike then). */
  | { readonly kind: 'dblp-empty-search'; readonly total: number };

export type DocumentKind = IdentifiedDocument['kind'];

/** How each kind is named in messages. */
export const KIND_NAMES: Readonly<Record<DocumentKind, string>> = {
  'arxiv-feed': 'an arXiv API response (Atom feed)',
  'arxiv-error': "arXiv's error feed",
  'arxiv-oai': "an arXiv OAI-PMH response (ListRecords/GetRecord)",
  'dblp-person': 'a dblp person bibliography (https://dblp.org/pid/<pid>.xml)',
  'dblp-records': 'a dblp record list (https://dblp.org/rec/<key>.xml)',
  'dblp-author-search': 'a dblp author search (JSON)',
  'dblp-publication-search': 'a dblp publication search (JSON)',
  'dblp-empty-search': 'a dblp search with no hits (JSON)',
};

export function identifyDocument(input: string | Uint8Array, document: string): IdentifiedDocument {
  const text = documentText(input, document);
  if (/^\s*[{[]/.test(text)) return identifyJson(text, document);
  const root = parseXml(text, document);
  const name = localName(root);
  if (name === 'feed') {
    const feed = arxivFeedFrom(root, document);
    return feed.kind === 'feed' ? { kind: 'arxiv-feed', feed } : { kind: 'arxiv-error', feed };
  }
  if (name === 'OAI-PMH') return { kind: 'arxiv-oai', page: oaiPageFrom(root, document) };
  if (name === 'dblpperson' || name === 'dblp' || isDblpRecordElement(root)) {
    const parsed = dblpXmlFrom(root, document);
    return parsed.kind === 'person' ? { kind: 'dblp-person', person: parsed.person } : { kind: 'dblp-records', records: parsed.records, problems: parsed.problems };
  }
  const what = name.toLowerCase() === 'html' ? 'an HTML page (root element <html>)' : `XML with root element <${root.name}>`;
  throw new DocumentError(document, `neither an arXiv feed nor a dblp document: ${what}`, rootPosition(root));
}

function identifyJson(text: string, document: string): IdentifiedDocument {
  const json = searchDocument(text, document); // read once; each reader below takes the same document
  let authorError: InputError | undefined;
  try {
    const authors = parseDblpAuthorSearch(json, document);
    if (authors.candidates.length > 0) return { kind: 'dblp-author-search', ...authors };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    authorError = e;
  }
  try {
    const publications = parseDblpPublSearch(json, document);
    if (publications.publications.length > 0 || publications.problems.length > 0) return { kind: 'dblp-publication-search', ...publications };
    if (authorError === undefined) return { kind: 'dblp-empty-search', total: publications.total };
    throw authorError;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    // A search both parsers reject: a parser that found every field it needs but disliked a value
    // is reading its own kind of document; else say what is missing, from the one that read further.
    const missing = (x: InputError) => x.issues[0]!.message.startsWith('required field is missing');
    const depth = (x: InputError) => x.issues[0]!.path.length + (missing(x) ? 0 : 0.5);
    const deeper = authorError && depth(authorError) > depth(e) ? authorError : e;
    if (deeper.issues[0]!.path.length === 1 && deeper.issues[0]!.path[0] === 'result') throw new DocumentError(document, 'JSON, but not a dblp search response (it has no "result")');
    throw deeper;
  }
}
