/**
 * A loopback server that answers like arXiv and dblp with the first user's
 * recordings; arXiv's OAI-PMH interface (/oai) has nothing new (noRecordsMatch),
 * so a per-source harvest reads the recordings through the backfill and id_list.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLoopback, type LoopbackServer, type Reply } from './loopback-server.ts';
import { oaiErrorPage } from './oai-builder.ts';
import { DATA, FIRST_PROFILE } from './paths.ts';

const rec = (file: string) => readFileSync(join(DATA, 'recordings', FIRST_PROFILE, file), 'utf8');

export function recordingsRoute(url: string): Reply {
  const ok = (file: string, type: string): Reply => ({ status: 200, headers: { 'Content-Type': type }, body: rec(file) });
  if (url.startsWith('/oai?')) return { status: 200, headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body: oaiErrorPage('noRecordsMatch') };
  if (url.startsWith('/api/query?search_query=')) return ok('arxiv-1.xml', 'application/atom+xml; charset=utf-8');
  if (url.startsWith('/api/query?id_list=')) return ok('arxiv-2.xml', 'application/atom+xml; charset=utf-8');
  if (url.startsWith('/search/author/api')) return ok('dblp-1.json', 'application/json');
  if (url.startsWith('/pid/000/0001.xml')) return ok('dblp-2.xml', 'application/xml');
  return { status: 404, body: 'not found' };
}

export function startRecordingsServer(onRequest?: (url: string) => void): Promise<LoopbackServer> {
  return startLoopback((req) => {
    onRequest?.(req.url);
    return recordingsRoute(req.url);
  });
}
