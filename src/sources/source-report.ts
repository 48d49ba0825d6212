/**
 * What a fetcher hands on: the native documents it stored under raw/ and how
 * healthy the source was. Written beside the documents as <source>-manifest.json.
 */
import { RUN_SCOPED_CACHE_CONTROL, type Store } from '../store/store.ts';
import type { RequestLogEntry } from './http/polite-http.ts';

export type SourceName = 'arxiv' | 'dblp';

export interface RawDocument {
  /** Store key of the native bytes, e.g. raw/<profile>/<run>/arxiv-1.xml. */
  readonly key: string;
  /** What was asked for: "id_list", "author-discovery page 2", "person", "author-search". */
  readonly purpose: string;
  readonly url: string;
  readonly status: number;
  readonly bytes: number;
}

export interface SourceReport {
  readonly source: SourceName;
  readonly profile: string;
  readonly runId: string;
  /** ok: everything asked for came back; degraded: something failed (see reasons); skipped: disabled or blocked. */
  readonly status: 'ok' | 'degraded' | 'skipped';
  /** Readable reasons for degraded/skipped, and notable facts (missing IDs, homonyms). */
  readonly reasons: readonly string[];
  readonly documents: readonly RawDocument[];
  readonly requests: readonly RequestLogEntry[];
  /** Records parsed from the documents. */
  readonly records: number;
  /** "live" (network) or "replay" (recordings). */
  readonly mode: 'live' | 'replay';
  readonly startedAt: string;
  readonly finishedAt: string;
  /** arXiv IDs this source names for the owner's works (dblp: its CoRR records), for the arXiv id_list. */
  readonly arxivIds?: readonly string[];
  /** Source-specific facts (arXiv: missing IDs; dblp: chosen pid, candidates). */
  readonly details?: Readonly<Record<string, unknown>>;
}

export function manifestKey(profile: string, runId: string, source: SourceName): string {
  return `raw/${profile}/${runId}/${source}-manifest.json`;
}

export function rawKey(profile: string, runId: string, source: SourceName, n: number, ext: 'xml' | 'json'): string {
  return `raw/${profile}/${runId}/${source}-${n}.${ext}`;
}

/** Writes a fetch's report beside its documents (create-only, like every run-scoped object). */
export async function writeManifest(store: Store, report: SourceReport): Promise<SourceReport> {
  await store.put(manifestKey(report.profile, report.runId, report.source), `${JSON.stringify(report, null, 2)}\n`, {
    contentType: 'application/json; charset=utf-8',
    cacheControl: RUN_SCOPED_CACHE_CONTROL,
    ifNoneMatch: '*',
  });
  return report;
}
