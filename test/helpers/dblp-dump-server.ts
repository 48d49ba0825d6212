/**
 * dblp as a loopback server for the dump tests: /xml/dblp.dtd, /xml/dblp.xml.gz
 * (ETag and Last-Modified, 304 on a matching If-None-Match or If-Modified-Since)
 * and /pid/<pid>.xml, all from one dataset that a test can change between nights.
 */
import { createHash } from 'node:crypto';
import { dumpGz, personPageOf, type Dataset } from './dblp-dump-builder.ts';
import type { Reply, SeenRequest } from './loopback-server.ts';

export interface DumpSite {
  dataset: Dataset;
  /** The DTD served beside the dump. */
  dtd: string;
  /** The DTD whose entities the dump is written with (default: the one served). */
  writtenWith?: string;
  /** The dump's Last-Modified (an HTTP date). */
  dumpDate: string;
  /** Extra records (raw XML) appended inside <dblp>. */
  extra?: readonly string[];
  /** Serve only this fraction of the dump's gzip bytes (a download cut short, with a matching Content-Length). */
  cutAt?: number;
}

const etagOf = (b: string | Uint8Array) => `"${createHash('md5').update(b).digest('hex')}"`;

function conditional(req: SeenRequest, body: string | Uint8Array, lastModified: string, type: string): Reply {
  const etag = etagOf(body);
  const ims = req.headers['if-modified-since'];
  if (req.headers['if-none-match'] === etag || (req.headers['if-none-match'] === undefined && ims !== undefined && Date.parse(ims) >= Date.parse(lastModified))) return { status: 304, headers: { ETag: etag, 'Last-Modified': lastModified } };
  return { status: 200, headers: { 'Content-Type': type, ETag: etag, 'Last-Modified': lastModified }, body };
}

export function dumpSiteRoute(site: DumpSite): (req: SeenRequest) => Reply {
  return (req) => {
    const path = req.url.split('?')[0] ?? '';
    if (path === '/xml/dblp.dtd') return conditional(req, site.dtd, 'Mon, 02 Jun 2025 00:00:00 GMT', 'application/xml-dtd');
    if (path === '/xml/dblp.xml.gz') {
      const gz = dumpGz(site.dataset, site.writtenWith ?? site.dtd, site.extra);
      return conditional(req, site.cutAt !== undefined ? gz.subarray(0, Math.floor(gz.length * site.cutAt)) : gz, site.dumpDate, 'application/gzip');
    }
    const pid = /^\/pid\/(.+)\.xml$/.exec(path)?.[1];
    if (pid && site.dataset.persons.some((p) => p.pid === pid)) return { status: 200, headers: { 'Content-Type': 'application/xml' }, body: personPageOf(site.dataset, pid) };
    return { status: 404, body: 'not found' };
  };
}
