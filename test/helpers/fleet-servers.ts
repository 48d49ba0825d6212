/**
 * Loopback routes that serve a synthetic fleet (fleet-builder.ts) the way the
 * sources do: arXiv's OAI-PMH (ListRecords by datestamp, 2,000 records a page,
 * resumption tokens as arXiv encodes them, noRecordsMatch), dblp person pages
 * by pid (with an ETag; If-None-Match answered 304), and arXiv's Atom API for
 * first backfills (author query) and id_list (GET or POST).
 */
import { createHash } from 'node:crypto';
import { atomFeed, type AtomEntry } from './atom-builder.ts';
import { dblpPerson } from './dblp-builder.ts';
import type { Fleet, FleetProfile } from './fleet-builder.ts';
import type { Reply, SeenRequest } from './loopback-server.ts';
import { arxivToken, listRecordsPage, oaiErrorPage, type RawRecordSpec } from './oai-builder.ts';
import type { ArxivRecord } from '../../src/sources/arxiv/arxiv-record.ts';
import { authorTerm } from '../../src/sources/arxiv/arxiv-query.ts';

const xml = (body: string, headers: Record<string, string> = {}): Reply => ({ status: 200, headers: { 'Content-Type': 'application/xml; charset=utf-8', ...headers }, body });

export function oaiRoute(delta: readonly RawRecordSpec[], pageSize = 2000): (req: SeenRequest) => Reply {
  return (req) => {
    const q = new URL(req.url, 'http://x').searchParams;
    let params: Record<string, string>;
    let skip = 0;
    const token = q.get('resumptionToken');
    if (token !== null) {
      const inner = new URLSearchParams(decodeURIComponent(token));
      skip = Number(inner.get('skip') ?? 'NaN');
      inner.delete('skip');
      params = Object.fromEntries(inner);
      if (!Number.isInteger(skip)) return xml(oaiErrorPage('badResumptionToken'));
    } else {
      params = Object.fromEntries(q);
      if (params['metadataPrefix'] !== 'arXivRaw') return xml(oaiErrorPage('cannotDisseminateFormat'));
    }
    const from = params['from'] ?? '0000';
    const until = params['until'] ?? '9999';
    const matching = delta.filter((d) => d.datestamp >= from && d.datestamp <= until && (!params['set'] || (d.categories ?? []).some((c) => c.startsWith(params['set']!))));
    if (matching.length === 0) return xml(oaiErrorPage('noRecordsMatch'));
    const page = matching.slice(skip, skip + pageSize);
    const more = skip + pageSize < matching.length;
    return xml(listRecordsPage(page, { request: token !== null ? { verb: 'ListRecords', resumptionToken: token } : { verb: 'ListRecords', ...params }, ...(more ? { token: arxivToken(params, skip + pageSize) } : {}) }));
  };
}

export function dblpRoute(profiles: readonly FleetProfile[]): (req: SeenRequest) => Reply {
  const byPid = new Map(profiles.map((p) => [p.pid, p]));
  return (req) => {
    const pid = /^\/pid\/(.+)\.xml$/.exec(req.url.split('?')[0] ?? '')?.[1];
    const p = pid ? byPid.get(pid) : undefined;
    if (!p) return { status: 404, body: 'not found' };
    const body = dblpPerson({ name: p.input.cv.person.name, pid: p.pid, mdate: '2026-11-01', records: p.dblpRecords });
    const etag = `"${createHash('md5').update(body).digest('hex')}"`;
    if (req.headers['if-none-match'] === etag) return { status: 304, headers: { ETag: etag } };
    return xml(body, { ETag: etag, 'Last-Modified': 'Sun, 01 Nov 2026 00:00:00 GMT' });
  };
}

const entry = (r: ArxivRecord): AtomEntry => ({ id: r.id, version: r.version, title: r.title, authors: r.authors.map((a) => a.name), published: r.published ?? '2020-01-01T00:00:00Z', ...(r.updated ? { updated: r.updated } : {}) });

export function atomRoute(fleet: Fleet): (req: SeenRequest) => Reply {
  const byName = new Map(fleet.profiles.map((p) => [authorTerm(p.input.cv.person.name), p]));
  const byId = new Map(fleet.profiles.flatMap((p) => p.held.map((r) => [r.id, r] as const)));
  return (req) => {
    const q = new URLSearchParams(req.method === 'POST' ? req.body : (req.url.split('?')[1] ?? ''));
    const ids = q.get('id_list');
    if (ids) {
      const found = ids.split(',').flatMap((id) => byId.get(id) ?? []);
      return { status: 200, headers: { 'Content-Type': 'application/atom+xml' }, body: atomFeed(found.map(entry), { query: `id_list=${ids}`, totalResults: found.length }) };
    }
    const p = byName.get(q.get('search_query') ?? '');
    const records = p?.held ?? [];
    return { status: 200, headers: { 'Content-Type': 'application/atom+xml' }, body: atomFeed(records.map(entry), { query: `search_query=${q.get('search_query')}`, totalResults: records.length, itemsPerPage: records.length }) };
  };
}
