/**
 * Offline mode: recorded source responses (data/recordings/<profile>/) stand in
 * for the network. Each recorded document is copied unchanged into raw/ under
 * the same name a live fetch would use, with a manifest saying it was a replay.
 * The data's time is the recording's capture time (recordedAt), never the
 * replay's: an assembled recording has none, and the manifest says so.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod/v4';
import { parseJsonDocument } from '../input/json-document.ts';
import { readTextIfExists } from '../input/read-if-exists.ts';
import { validateDocument } from '../input/validate.ts';
import { RUN_SCOPED_CACHE_CONTROL, type Store } from '../store/store.ts';
import { writeManifest, type RawDocument, type SourceName, type SourceReport, type SyntheticRecord } from '../sources/source-report.ts';

export const recordingManifest = z.strictObject({
  profile: z.string(),
  how: z
    .enum(['assembled', 'live', 'mixed'])
    .describe('assembled = built from public facts; live = captured by `profile-sync record`; mixed = some sources captured live, the others kept as they were (see each document)'),
  recordedAt: z.string().optional(),
  note: z.string().optional(),
  synthetic: z
    .array(z.strictObject({ id: z.string().regex(/^(arxiv|dblp):\S+$/), why: z.string().min(1) }))
    .optional()
    .describe('Records in these documents that are stand-ins, not real data: marked as synthetic in the report and the review list'),
  documents: z.array(
    z.strictObject({
      file: z.string().regex(/^(arxiv|dblp)-\d+\.(xml|json)$/),
      source: z.enum(['arxiv', 'dblp']),
      purpose: z.string(),
      url: z.string(),
      status: z.int(),
      how: z.enum(['assembled', 'live']).optional().describe('How this document was made (default: the manifest\'s how).'),
      recordedAt: z.string().optional().describe('When a live document was captured.'),
    }),
  ),
});
export type RecordingManifest = z.infer<typeof recordingManifest>;

export function recordingsDir(dataDir: string, profile: string): string {
  return join(dataDir, 'recordings', profile);
}

export async function readRecordingManifest(dataDir: string, profile: string): Promise<RecordingManifest | undefined> {
  const file = join(recordingsDir(dataDir, profile), 'manifest.json');
  const text = await readTextIfExists(file);
  return text === undefined ? undefined : validateDocument(parseJsonDocument(file, text), recordingManifest);
}

const CONTENT_TYPE: Record<string, string> = { xml: 'application/xml; charset=utf-8', json: 'application/json; charset=utf-8' };

export interface ImportedDocument {
  /** Name under raw/<profile>/<run>/, e.g. arxiv-1.xml. */
  readonly name: string;
  readonly body: Uint8Array;
  readonly purpose: string;
  readonly url: string;
  readonly status: number;
}

/**
 * Writes native documents that did not come from a live fetch (recordings,
 * captured files) into raw/<profile>/<runId>/ with a manifest saying so.
 * `count` parses a document and returns its record count (or throws); a
 * document that does not parse makes the source degraded, as live.
 */
export async function importDocuments(
  source: SourceName,
  docs: readonly ImportedDocument[],
  options: {
    profile: string;
    runId: string;
    store: Store;
    /** The run's time: the replay step's start and end. */
    now: Date;
    count: (body: Uint8Array, name: string) => number;
    details?: Record<string, unknown>;
    missing?: string;
    /** When the documents were captured from the source; absent when unknown. */
    capturedAt?: string;
    /** Records in the documents that are synthetic stand-ins (the recording's manifest). */
    synthetic?: readonly SyntheticRecord[];
  },
): Promise<SourceReport> {
  const documents: RawDocument[] = [];
  const reasons: string[] = [];
  let records = 0;
  if (docs.length === 0) reasons.push(options.missing ?? `no ${source} documents`);
  for (const d of docs) {
    const key = `raw/${options.profile}/${options.runId}/${d.name}`;
    await options.store.put(key, d.body, { contentType: CONTENT_TYPE[d.name.split('.').pop() ?? 'xml'] ?? 'application/octet-stream', cacheControl: RUN_SCOPED_CACHE_CONTROL, ifNoneMatch: '*' });
    documents.push({ key, purpose: d.purpose, url: d.url, status: d.status, bytes: d.body.byteLength });
    try {
      records += options.count(d.body, d.name); // the bytes: the parser decodes them (UTF-16, a BOM) strictly
    } catch (e) {
      reasons.push(`${d.name}: ${(e as Error).message}`);
    }
  }
  const report: SourceReport = {
    source,
    profile: options.profile,
    runId: options.runId,
    status: reasons.length > 0 ? 'degraded' : 'ok',
    reasons,
    documents,
    requests: [],
    records,
    mode: 'replay',
    startedAt: options.now.toISOString(),
    finishedAt: options.now.toISOString(),
    ...(options.capturedAt !== undefined ? { capturedAt: options.capturedAt } : {}),
    ...(options.synthetic?.length ? { synthetic: options.synthetic } : {}),
    ...(options.details ? { details: options.details } : {}),
  };
  await writeManifest(options.store, report);
  return report;
}

/**
 * When a source's recorded documents were captured: the latest capture time of
 * its documents (a live fetch's data is as of its end), or undefined when any of
 * them was assembled rather than captured, or carries no time.
 */
export function captureTimeOf(manifest: RecordingManifest | undefined, docs: RecordingManifest['documents']): string | undefined {
  if (!manifest || docs.length === 0) return undefined;
  const times: number[] = [];
  for (const d of docs) {
    const how = d.how ?? manifest.how;
    const at = d.recordedAt ?? (how === 'live' ? manifest.recordedAt : undefined);
    const t = at === undefined ? NaN : Date.parse(at);
    if (how !== 'live' || Number.isNaN(t)) return undefined;
    times.push(t);
  }
  return new Date(Math.max(...times)).toISOString();
}

/** Copies one source's recorded documents (data/recordings/<profile>/) into raw/. */
export async function replaySource(
  source: SourceName,
  options: { dataDir: string; profile: string; runId: string; store: Store; now: Date; count: (body: Uint8Array, name: string) => number },
): Promise<SourceReport> {
  const manifest = await readRecordingManifest(options.dataDir, options.profile);
  const docs: ImportedDocument[] = [];
  const own = manifest?.documents.filter((x) => x.source === source) ?? [];
  for (const d of own) {
    docs.push({ name: d.file, body: await readFile(join(recordingsDir(options.dataDir, options.profile), d.file)), purpose: d.purpose, url: d.url, status: d.status });
  }
  const capturedAt = captureTimeOf(manifest, own);
  const synthetic = (manifest?.synthetic ?? []).filter((r) => r.id.startsWith(`${source}:`));
  return importDocuments(source, docs, {
    ...options,
    ...(capturedAt !== undefined ? { capturedAt } : {}),
    synthetic,
    missing: `no recorded ${source} responses for ${options.profile} in ${recordingsDir(options.dataDir, options.profile)}`,
    details: { recording: own[0]?.how ?? manifest?.how ?? 'missing', ...(manifest?.note ? { note: manifest.note } : {}) },
  });
}
