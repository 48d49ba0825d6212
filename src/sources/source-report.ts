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

/** A record in a recording that is not real data: a stand-in made to exercise a guard (the recording's manifest names it). */
export interface SyntheticRecord {
  /** The record's id as the report's evidence names it: "arxiv:2511.99999", "dblp:journals/synthetic/ParkCS23". */
  readonly id: string;
  /** Why it is there, e.g. "a homonym's paper, to exercise the homonym guard". */
  readonly why: string;
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
  /** When this run's fetch (or replay) step began and ended: the run's own clock. */
  readonly startedAt: string;
  readonly finishedAt: string;
  /**
   * replay only: when the replayed documents were captured from the source (the
   * recording's manifest). Absent when nobody knows (assembled recordings, files
   * given on the command line): the data's time is then never invented.
   */
  readonly capturedAt?: string;
  /** replay only: records of the recording that are synthetic stand-ins, not real data (its manifest says so). */
  readonly synthetic?: readonly SyntheticRecord[];
  /**
   * live only, dblp's daily dump: the dump's own date (its Last-Modified), the
   * time the data describes; the run fetched it later.
   */
  readonly dumpOf?: string;
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

/** The words the provenance and the report use for data whose capture time is unknown. */
export const CAPTURE_TIME_UNKNOWN = 'replayed, capture time unknown';

/**
 * When a source's data was fetched from the source itself: a live fetch's end, a
 * replay's capture time. `capture` says how a replay was made ("replayed", or
 * CAPTURE_TIME_UNKNOWN with no fetchedAt).
 */
export interface DataTime {
  readonly fetchedAt?: string;
  readonly capture?: string;
}

/** What `capture` says of data read from dblp's daily dump (fetchedAt is the dump's date). */
export const FROM_DAILY_DUMP = 'from the daily dump';

export function dataTimeOf(r: Pick<SourceReport, 'mode' | 'finishedAt' | 'capturedAt' | 'dumpOf'>): DataTime {
  if (r.mode === 'live' && r.dumpOf !== undefined) return { fetchedAt: r.dumpOf, capture: FROM_DAILY_DUMP };
  if (r.mode === 'live') return { fetchedAt: r.finishedAt };
  return r.capturedAt !== undefined ? { fetchedAt: r.capturedAt, capture: 'replayed' } : { capture: CAPTURE_TIME_UNKNOWN };
}
