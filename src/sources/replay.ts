/**
 * Offline mode: recorded source responses (data/recordings/<profile>/) stand in
 * for the network. Each recorded document is copied unchanged into raw/ under
 * the same name a live fetch would use, with a manifest saying it was a replay.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseJsonDocument } from '../input/json-document.ts';
import { validateDocument } from '../input/validate.ts';
import type { Store } from '../store/store.ts';
import { manifestKey, type RawDocument, type SourceName, type SourceReport } from './source-report.ts';

export const recordingManifest = z.strictObject({
  profile: z.string(),
  how: z.enum(['assembled', 'live']).describe('assembled = built from public facts; live = captured by `profile-sync record`'),
  recordedAt: z.string().optional(),
  note: z.string().optional(),
  documents: z.array(
    z.strictObject({
      file: z.string().regex(/^(arxiv|dblp)-\d+\.(xml|json)$/),
      source: z.enum(['arxiv', 'dblp']),
      purpose: z.string(),
      url: z.string(),
      status: z.int(),
    }),
  ),
});
export type RecordingManifest = z.infer<typeof recordingManifest>;

export function recordingsDir(dataDir: string, profile: string): string {
  return join(dataDir, 'recordings', profile);
}

export async function readRecordingManifest(dataDir: string, profile: string): Promise<RecordingManifest | undefined> {
  const file = join(recordingsDir(dataDir, profile), 'manifest.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  return validateDocument(parseJsonDocument(file, text), recordingManifest);
}

const CONTENT_TYPE: Record<string, string> = { xml: 'application/xml; charset=utf-8', json: 'application/json; charset=utf-8' };

/**
 * Copies one source's recorded documents into raw/<profile>/<runId>/ and writes
 * its manifest. `count` parses a document and returns its record count (or
 * throws); a document that does not parse makes the replay degraded, as live.
 */
export async function replaySource(
  source: SourceName,
  options: { dataDir: string; profile: string; runId: string; store: Store; now: Date; count: (text: string, name: string) => number },
): Promise<SourceReport> {
  const startedAt = options.now.toISOString();
  const manifest = await readRecordingManifest(options.dataDir, options.profile);
  const docs = manifest?.documents.filter((d) => d.source === source) ?? [];
  const documents: RawDocument[] = [];
  const reasons: string[] = [];
  let records = 0;
  if (docs.length === 0) reasons.push(`no recorded ${source} responses for ${options.profile} in ${recordingsDir(options.dataDir, options.profile)}`);
  for (const d of docs) {
    const body = await readFile(join(recordingsDir(options.dataDir, options.profile), d.file));
    const key = `raw/${options.profile}/${options.runId}/${d.file}`;
    await options.store.put(key, body, { contentType: CONTENT_TYPE[d.file.split('.').pop() ?? 'xml'] ?? 'application/octet-stream', cacheControl: 'private, max-age=31536000, immutable', ifNoneMatch: '*' });
    documents.push({ key, purpose: d.purpose, url: d.url, status: d.status, bytes: body.byteLength });
    try {
      records += options.count(body.toString('utf8'), d.file);
    } catch (e) {
      reasons.push(`${d.file}: ${(e as Error).message}`);
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
    startedAt,
    finishedAt: options.now.toISOString(),
    details: { recording: manifest?.how ?? 'missing', ...(manifest?.note ? { note: manifest.note } : {}) },
  };
  await options.store.put(manifestKey(options.profile, options.runId, source), `${JSON.stringify(report, null, 2)}\n`, {
    contentType: 'application/json; charset=utf-8',
    cacheControl: 'private, max-age=31536000, immutable',
    ifNoneMatch: '*',
  });
  return report;
}
