/**
 * The dblp fetch stage for one profile. With a configured pid it fetches the
 * person bibliography. Without one it searches authors by name and picks a pid
 * only when exactly one candidate carries the name and shares co-authors with
 * the canonical records; otherwise it stops and reports the candidates with
 * their evidence, so the owner can set the pid. It never guesses between homonyms.
 */
import { RUN_SCOPED_CACHE_CONTROL, type Store } from '../../store/store.ts';
import { normalizeName } from '../../text/normalize-name.ts';
import type { Clock } from '../clock.ts';
import { FetchFailure } from '../http/fetch-failure.ts';
import type { HttpResponse, PoliteHttp } from '../http/polite-http.ts';
import { rawKey, writeManifest, type RawDocument, type SourceReport } from '../source-report.ts';
import type { DblpPerson } from './dblp-record.ts';
import { parseDblpPerson } from './parse-xml.ts';
import { parseDblpAuthorSearch } from './parse-search.ts';
import { parsedOrProblem } from '../document-problem.ts';

export const DBLP_BASE = 'https://dblp.org';
/** dblp's mirrors: a redirect from dblp.org may lead there (https only); anywhere else is not followed. */
export const DBLP_MIRROR_HOSTS: readonly string[] = ['dblp.uni-trier.de', 'dblp.dagstuhl.de'];
/** Candidates examined when the pid is not configured. */
const MAX_CANDIDATES = 5;
/** Shared co-authors needed before a lone name match is believed to be the owner. */
export const MIN_SHARED_COAUTHORS = 2;

export interface DblpFetchPlan {
  readonly profile: string;
  readonly runId: string;
  readonly pid?: string;
  /** Name to search when there is no pid. */
  readonly searchName: string;
  /** The owner's name forms (to recognise the name among candidates). */
  readonly ownerNames: readonly string[];
  /** Co-authors in the canonical records (any spelling; compared normalised). */
  readonly canonicalCoauthors: readonly string[];
  /** User-Agent naming the tool and this profile's contact. */
  readonly userAgent?: string;
}

export interface DblpFetchDeps {
  readonly http: PoliteHttp;
  readonly store: Store;
  readonly clock: Clock;
  readonly baseUrl: string;
}

export interface DblpCandidateReport {
  readonly name: string;
  readonly pid: string;
  readonly affiliations: readonly string[];
  readonly sharedCoauthors: readonly string[];
}


export function sharedCoauthors(person: DblpPerson, canonicalCoauthors: readonly string[]): string[] {
  const wanted = new Set(canonicalCoauthors.map(normalizeName));
  const found = new Set<string>();
  for (const r of person.records) for (const a of r.authors) if (a.pid !== person.pid && wanted.has(normalizeName(a.name))) found.add(a.name);
  return [...found].sort();
}

export async function fetchDblp(plan: DblpFetchPlan, deps: DblpFetchDeps): Promise<SourceReport> {
  const startedAt = new Date(deps.clock.now()).toISOString();
  const firstRequest = deps.http.log.length;
  const documents: RawDocument[] = [];
  const reasons: string[] = [];
  let status: SourceReport['status'] = 'ok';
  let records = 0;
  let arxivIds: string[] = [];
  const details: Record<string, unknown> = {};

  const keep = async (res: HttpResponse, purpose: string, ext: 'xml' | 'json') => {
    const key = rawKey(plan.profile, plan.runId, 'dblp', documents.length + 1, ext);
    await deps.store.put(key, res.body, { contentType: ext === 'json' ? 'application/json; charset=utf-8' : 'application/xml; charset=utf-8', cacheControl: RUN_SCOPED_CACHE_CONTROL, ifNoneMatch: '*' });
    documents.push({ key, purpose, url: res.url, status: res.status, bytes: res.body.byteLength });
  };

  const fail = (purpose: string, why: string) => {
    status = 'degraded';
    reasons.push(`${purpose}: ${why}`);
  };

  /** GETs and parses; returns undefined after recording why it failed. */
  const getPerson = async (pid: string, purpose: string): Promise<DblpPerson | undefined> => {
    const url = `${deps.baseUrl}/pid/${pid}.xml`;
    let res: HttpResponse;
    try {
      res = await deps.http.get(url, (r) => (r.status === 200 ? wellFormed(() => parseDblpPerson(r.body, url)) : undefined), plan.userAgent);
    } catch (e) {
      if (!(e instanceof FetchFailure)) throw e;
      fail(purpose, e.message);
      return undefined;
    }
    if (res.status !== 200) {
      fail(purpose, res.status === 404 ? `no dblp person with pid ${pid} (HTTP 404)` : `HTTP ${res.status}`);
      return undefined;
    }
    await keep(res, purpose, 'xml');
    return parseDblpPerson(res.body, url);
  };

  let pid = plan.pid;
  let person: DblpPerson | undefined;
  if (pid === undefined) {
    const url = `${deps.baseUrl}/search/author/api?q=${encodeURIComponent(plan.searchName)}&format=json&h=30`;
    let res: HttpResponse | undefined;
    try {
      res = await deps.http.get(url, (r) => (r.status === 200 ? wellFormed(() => parseDblpAuthorSearch(r.body, url)) : undefined), plan.userAgent);
    } catch (e) {
      if (!(e instanceof FetchFailure)) throw e;
      fail('author-search', e.message);
    }
    if (res && res.status !== 200) fail('author-search', `HTTP ${res.status}`);
    else if (res) {
      await keep(res, 'author-search', 'json');
      const names = new Set(plan.ownerNames.map(normalizeName));
      const matching = parseDblpAuthorSearch(res.body, url).candidates.filter((c) => names.has(normalizeName(c.name)));
      const examined: DblpCandidateReport[] = [];
      const persons = new Map<string, DblpPerson>();
      for (const c of matching.slice(0, MAX_CANDIDATES)) {
        const p = await getPerson(c.pid, `candidate ${c.pid}`);
        if (p) persons.set(c.pid, p);
        examined.push({ name: c.dblpName, pid: c.pid, affiliations: c.affiliations, sharedCoauthors: p ? sharedCoauthors(p, plan.canonicalCoauthors) : [] });
      }
      details['candidates'] = examined;
      const only = examined.length === 1 ? examined[0] : undefined;
      if (only && only.sharedCoauthors.length >= MIN_SHARED_COAUTHORS) {
        pid = only.pid;
        person = persons.get(only.pid);
        reasons.push(`dblp pid ${pid} chosen by author search ("${only.name}", ${only.sharedCoauthors.length} co-authors shared with the CV); set sources.dblp.pid to skip the search`);
      } else {
        status = 'skipped';
        const list = examined.map((c) => `${c.name} (pid ${c.pid}${c.affiliations.length ? `, ${c.affiliations.join('; ')}` : ''}; shared co-authors: ${c.sharedCoauthors.join(', ') || 'none'})`);
        reasons.push(
          matching.length === 0
            ? `owner not identified: no dblp author named "${plan.searchName}"; set sources.dblp.pid if the owner has a dblp page`
            : examined.length > 1
              ? `owner not identified: ${matching.length} dblp authors are named "${plan.searchName}" and none is chosen without the owner: ${list.join(' | ')}. Set sources.dblp.pid to the right one.`
              : `owner not identified: the only candidate shares fewer than ${MIN_SHARED_COAUTHORS} co-authors with the CV: ${list.join(' | ')}. Set sources.dblp.pid if it is the owner.`,
        );
      }
    }
  } else {
    person = await getPerson(pid, 'person');
  }

  if (person && pid !== undefined) {
    // Mark the chosen person's document as the one reconciliation reads.
    const doc = documents.find((d) => d.purpose === `candidate ${pid}`);
    if (doc) documents[documents.indexOf(doc)] = { ...doc, purpose: 'person' };
    records = person.records.length;
    arxivIds = person.records.flatMap((r) => (r.arxivId ? [r.arxivId] : []));
    details['pid'] = pid;
    details['homonyms'] = person.homonyms;
    details['editorOnly'] = person.editorOnly.map((r) => r.key);
  }

  const report: SourceReport = {
    source: 'dblp',
    profile: plan.profile,
    runId: plan.runId,
    status,
    reasons,
    documents,
    requests: deps.http.log.slice(firstRequest),
    records,
    mode: 'live',
    startedAt,
    finishedAt: new Date(deps.clock.now()).toISOString(),
    arxivIds,
    details,
  };
  await writeManifest(deps.store, report);
  return report;
}

/** undefined when parse() succeeds; its problem when the body is malformed (worth a retry: truncated, HTML). */
const wellFormed = (parse: () => unknown): string | undefined => {
  const r = parsedOrProblem(parse);
  return typeof r === 'string' ? r : undefined;
};
