/**
 * `profile-sync record`: fetches a profile's sources live and keeps the native
 * responses as its recordings (data/recordings/<profile>/), for offline syncs
 * and tests. Only what was captured is written: a source that fails keeps its
 * previous files, and when nothing was captured no file is touched, the
 * manifest included. The manifest says, document by document, which files
 * were captured live (and when) and which were kept as they were.
 */
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Clock } from '../sources/clock.ts';
import { readRecordingManifest, recordingsDir, type RecordingManifest } from './replay.ts';
import type { SourceName, SourceReport } from '../sources/source-report.ts';
import { FsStore } from '../store/fs-store.ts';
import { writeFileAtomic } from '../store/atomic-file.ts';
import { fetchStage, type SourceClients } from './fetch-stage.ts';
import { loadProfileInput } from '../canonical/profile-input.ts';

export interface RecordedSource {
  readonly status: SourceReport['status'];
  /** new: this run's responses replaced the source's files; previous: its files were left as they were. */
  readonly kept: 'new' | 'previous';
  readonly files: readonly string[];
  readonly reasons: readonly string[];
}

export interface RecordResult {
  readonly profile: string;
  readonly dir: string;
  readonly sources: Readonly<Record<SourceName, RecordedSource>>;
  /** False when nothing was captured: no file was written or removed. */
  readonly wrote: boolean;
}

type ManifestDocument = RecordingManifest['documents'][number];

/** The manifest after a capture: captured documents are live, the others keep how they were made. */
function nextManifest(profile: string, previous: RecordingManifest | undefined, captured: readonly ManifestDocument[], capturedSources: ReadonlySet<SourceName>, at: string): RecordingManifest {
  const kept = (previous?.documents ?? []).filter((d) => !capturedSources.has(d.source)).map((d): ManifestDocument => ({ ...d, how: d.how ?? (previous!.how === 'live' ? 'live' : 'assembled') }));
  const documents = [...captured, ...kept].sort((a, b) => (a.file < b.file ? -1 : 1));
  const allLive = documents.every((d) => d.how === 'live');
  const keptSources = [...new Set(kept.map((d) => d.source))];
  // Synthetic stand-ins stay named only in the documents kept: a captured source's data is real.
  const synthetic = (previous?.synthetic ?? []).filter((r) => !capturedSources.has(r.id.slice(0, r.id.indexOf(':')) as SourceName));
  return {
    profile,
    how: allLive ? 'live' : 'mixed',
    recordedAt: at,
    note: allLive
      ? 'Captured live by `profile-sync record`.'
      : `Captured live by \`profile-sync record\` for ${[...capturedSources].join(', ')} at ${at}; ${keptSources.join(', ')} kept as they were (see each document's "how").`,
    ...(synthetic.length > 0 ? { synthetic } : {}),
    documents,
  };
}

export async function recordProfile(dataDir: string, profile: string, clients: SourceClients, clock: Clock, runId: string): Promise<RecordResult> {
  const input = await loadProfileInput(dataDir, profile);
  const scratch = await mkdtemp(join(tmpdir(), 'profile-sync-record-'));
  try {
    const store = new FsStore(scratch);
    const fetched = await fetchStage({ input, runId, store, now: new Date(clock.now()), clock, mode: { kind: 'live', clients } });
    const dir = recordingsDir(dataDir, profile);
    const previous = await readRecordingManifest(dataDir, profile);
    const at = new Date(clock.now()).toISOString();
    const sources = {} as Record<SourceName, RecordedSource>;
    const captured: ManifestDocument[] = [];
    const capturedSources = new Set<SourceName>();
    for (const report of [fetched.arxiv, fetched.dblp]) {
      const source = report.source;
      if (report.status === 'ok' && report.documents.length > 0) {
        capturedSources.add(source);
        for (const d of report.documents) captured.push({ file: basename(d.key), source, purpose: d.purpose, url: d.url, status: d.status, how: 'live', recordedAt: at });
        sources[source] = { status: report.status, kept: 'new', files: report.documents.map((d) => basename(d.key)), reasons: report.reasons };
      } else {
        const files = previous?.documents.filter((d) => d.source === source).map((d) => d.file) ?? [];
        sources[source] = { status: report.status, kept: 'previous', files, reasons: report.reasons };
      }
    }
    if (capturedSources.size === 0) return { profile, dir, sources, wrote: false };

    // New files first, then the manifest that names them, then the captured sources' files it no longer names.
    await mkdir(dir, { recursive: true });
    const report = (s: SourceName) => (s === 'arxiv' ? fetched.arxiv : fetched.dblp);
    for (const source of capturedSources) {
      for (const d of report(source).documents) await copyFile(join(scratch, ...d.key.split('/')), join(dir, basename(d.key)));
    }
    const manifest = nextManifest(profile, previous, captured, capturedSources, at);
    await writeFileAtomic(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const named = new Set(manifest.documents.map((d) => d.file));
    for (const f of await readdir(dir)) {
      const source = f.split('-')[0] as SourceName;
      if (capturedSources.has(source) && /^(arxiv|dblp)-\d+\.(xml|json)$/.test(f) && !named.has(f)) await rm(join(dir, f));
    }
    return { profile, dir, sources, wrote: true };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
