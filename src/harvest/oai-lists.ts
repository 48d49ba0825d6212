/**
 * Paging through OAI-PMH ListRecords lists for one night, resumable: each
 * complete page is stored unchanged (raw/_harvest/arxiv/<run>/oai-<set>-<n>.xml,
 * create-only) and the position in every list is kept in a progress document
 * (harvest/_arxiv/progress-<run>.json, If-Match), so an invocation that stops
 * at its deadline, or a retried one, goes on from the next page without asking
 * twice. OAI-PMH's own answers: noRecordsMatch is an empty list; an empty or
 * absent resumptionToken closes a list; badResumptionToken (expired at midnight,
 * or a restarted service) restarts the list once, the pages already read stand
 * (records seen twice are merged later); badArgument and any other error fail
 * that list with the server's words. 503 + Retry-After is flow control:
 * PoliteHttp waits as asked and retries. A list that would never end fails
 * too, the server quoted: a resumption token given twice, a cursor that does
 * not advance, more records than its completeListSize promised, or more than
 * MAX_LIST_PAGES pages (the whole archive is about 3,000 pages of 1,000).
 */
import { FetchFailure } from '../sources/http/fetch-failure.ts';
import type { HttpResponse, PoliteHttp } from '../sources/http/polite-http.ts';
import type { Clock } from '../sources/clock.ts';
import { listRecordsUrl, resumeUrl } from '../sources/arxiv/oai-query.ts';
import type { OaiMetadataFormat, OaiPage } from '../sources/arxiv/oai-record.ts';
import { parseOaiPage } from '../sources/arxiv/parse-oai.ts';
import { parsedOrProblem } from '../sources/document-problem.ts';
import { PreconditionFailedError, RUN_SCOPED_CACHE_CONTROL, type Store } from '../store/store.ts';
import { oaiRawPrefix } from './harvest-keys.ts';

export interface ListProgress {
  /** Set spec, or null for the whole archive. */
  readonly set: string | null;
  readonly pages: string[];
  /** 'start': not asked yet (or restarted); a token: the next page; 'done'; 'failed'. */
  next: 'start' | 'done' | 'failed' | { readonly token: string };
  restarts: number;
  failure?: string;
  /** Resumption tokens this pass of the list was given (a token given twice: the list would never end). */
  tokens?: string[];
  /** The last page's cursor, records read and the completeListSize promised, in this pass. */
  cursor?: number;
  read?: number;
  promised?: number;
}

/** Pages one list may take: arXiv's whole archive is about 3,000 pages of 1,000 records. */
export const MAX_LIST_PAGES = 5_000;

const quote = (token: string) => JSON.stringify(token.length > 100 ? `${token.slice(0, 100)}…` : token);

/** Why the list, after this page, would never end (or has run past what it promised); undefined while it is sound. Updates what the list has seen. */
function endlessList(list: ListProgress, page: OaiPage): string | undefined {
  if (page.kind !== 'records') return undefined;
  const resumption = page.resumption;
  const token = resumption?.token ?? '';
  list.read = (list.read ?? 0) + page.records.length;
  if (resumption?.completeListSize !== undefined) list.promised = resumption.completeListSize;
  if (list.promised !== undefined && list.read > list.promised) return `the list ran past the ${list.promised} records its completeListSize promised (${list.read} read in ${list.pages.length} pages): stopped`;
  if (token === '') return undefined;
  const seen = list.tokens ?? [];
  const first = seen.indexOf(token);
  if (first >= 0) return `resumptionToken ${quote(token)} given again (first with page ${first + 1}, again with page ${list.pages.length}): the list would never end; stopped`;
  list.tokens = [...seen, token];
  if (resumption?.cursor !== undefined) {
    if (list.cursor !== undefined && resumption.cursor <= list.cursor) return `resumptionToken cursor="${resumption.cursor}" does not advance (it was ${list.cursor} with the page before): stopped after ${list.pages.length} pages`;
    list.cursor = resumption.cursor;
  }
  if (list.pages.length >= MAX_LIST_PAGES) return `more than ${MAX_LIST_PAGES} pages (${list.read} records) and still a resumptionToken: stopped`;
  return undefined;
}

/** A list asked again from its start: what this pass saw is forgotten. */
function restart(list: ListProgress): void {
  list.restarts++;
  list.next = 'start';
  delete list.tokens;
  delete list.cursor;
  delete list.read;
  delete list.promised;
}

export interface HarvestProgress {
  readonly runId: string;
  readonly from: string;
  readonly until: string;
  readonly metadataPrefix: OaiMetadataFormat;
  readonly lists: ListProgress[];
}

export const progressKey = (runId: string) => `harvest/_arxiv/progress-${runId}.json`;

const slug = (set: string | null) => (set ?? 'all').replace(/[^\w.-]+/g, '-');

export class ProgressStore {
  private etag: string | undefined;
  /** Pages parsed by this invocation, by key (read again from the store only when another invocation fetched them). */
  readonly parsed = new Map<string, OaiPage>();
  constructor(
    private readonly store: Store,
    readonly progress: HarvestProgress,
  ) {}

  static async open(store: Store, fresh: HarvestProgress): Promise<ProgressStore> {
    const obj = await store.get(progressKey(fresh.runId));
    if (!obj) return new ProgressStore(store, fresh);
    const saved = JSON.parse(new TextDecoder().decode(obj.body)) as HarvestProgress;
    const p = new ProgressStore(store, saved);
    p.etag = obj.etag;
    return p;
  }

  async save(): Promise<void> {
    const body = `${JSON.stringify(this.progress, null, 1)}\n`;
    const put = await this.store.put(progressKey(this.progress.runId), body, { contentType: 'application/json', ...(this.etag ? { ifMatch: this.etag } : { ifNoneMatch: '*' as const }) });
    this.etag = put.etag;
  }
}

const readPage = (res: Pick<HttpResponse, 'body' | 'url'>): OaiPage | string => parsedOrProblem(() => parseOaiPage(new TextDecoder().decode(res.body), res.url));

export interface ListRunDeps {
  readonly store: Store;
  readonly http: PoliteHttp;
  readonly clock: Clock;
  readonly baseUrl: string;
  readonly userAgent?: string;
  /** Clock time after which no new request starts (the invocation's budget). */
  readonly deadline?: number;
  /** The client's spacing between requests: a request after the first cannot start sooner. */
  readonly gapMs?: number;
}

/** Pages through every list not yet done. Returns false when the deadline stopped it (call again to go on). */
export async function runLists(p: ProgressStore, deps: ListRunDeps): Promise<boolean> {
  const { progress } = p;
  let asked = 0;
  for (const list of progress.lists) {
    while (list.next !== 'done' && list.next !== 'failed') {
      if (deps.deadline !== undefined && deps.clock.now() + (asked > 0 ? (deps.gapMs ?? 0) : 0) >= deps.deadline) return false;
      asked++;
      const url =
        list.next === 'start'
          ? listRecordsUrl(deps.baseUrl, { metadataPrefix: progress.metadataPrefix, from: progress.from, until: progress.until, ...(list.set ? { set: list.set } : {}) })
          : resumeUrl(deps.baseUrl, list.next.token);
      let res: HttpResponse;
      let judged: { body: Uint8Array; page: OaiPage | string } | undefined;
      try {
        // A 200 that is not a well-formed OAI-PMH document (truncated, an HTML page) is worth another try.
        res = await deps.http.get(url, (r) => {
          if (r.status !== 200) return undefined;
          judged = { body: r.body, page: readPage(r) };
          return typeof judged.page === 'string' ? judged.page : undefined;
        }, deps.userAgent);
      } catch (e) {
        if (!(e instanceof FetchFailure)) throw e;
        list.next = 'failed';
        list.failure = e.message;
        await p.save();
        continue;
      }
      const page = judged && judged.body === res.body ? judged.page : readPage(res);
      if (typeof page === 'string') {
        list.next = 'failed';
        list.failure = `HTTP ${res.status}: ${page}`;
      } else if (page.kind === 'error') {
        const [first] = page.errors;
        const code = first?.code ?? 'unknown';
        if (code === 'noRecordsMatch') list.next = 'done';
        else if (code === 'badResumptionToken' && list.restarts < 1) restart(list);
        else {
          list.next = 'failed';
          list.failure = `${url}: OAI-PMH ${code}: ${first?.message ?? ''} (HTTP ${res.status})`;
        }
      } else if (res.status !== 200) {
        list.next = 'failed';
        list.failure = `${url}: HTTP ${res.status}`;
      } else {
        const key = `${oaiRawPrefix(progress.runId)}oai-${slug(list.set)}-${list.pages.length + 1}.xml`;
        let stored: OaiPage = page;
        try {
          await deps.store.put(key, res.body, { contentType: 'application/xml; charset=utf-8', cacheControl: RUN_SCOPED_CACHE_CONTROL, ifNoneMatch: '*' });
        } catch (e) {
          // Stored by an invocation that stopped before saving its progress: go on from what is stored.
          if (!(e instanceof PreconditionFailedError)) throw e;
          const before = await deps.store.get(key);
          const reread = before ? readPage({ body: before.body, url: key }) : page;
          if (typeof reread !== 'string') stored = reread;
        }
        list.pages.push(key);
        p.parsed.set(key, stored);
        const token = stored.kind === 'records' ? (stored.resumption?.token ?? '') : '';
        const endless = endlessList(list, stored);
        if (endless !== undefined) {
          list.next = 'failed';
          list.failure = `${url}: OAI-PMH ${endless}`;
        } else list.next = token === '' ? 'done' : { token };
      }
      await p.save();
    }
  }
  return true;
}
