/**
 * `profile-sync record`: fetches a profile's sources live and keeps the native
 * responses as its recordings (data/recordings/<profile>/), for offline syncs
 * and tests. A source that fails keeps its previous recordings.
 */
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Clock } from '../sources/clock.ts';
import { readRecordingManifest, recordingsDir, type RecordingManifest } from './replay.ts';
import type { SourceName, SourceReport } from '../sources/source-report.ts';
import { FsStore } from '../store/fs-store.ts';
import { fetchStage, type SourceClients } from './fetch-stage.ts';
import { loadProfileInput } from '../canonical/profile-input.ts';

export interface RecordResult {
  readonly profile: string;
  readonly dir: string;
  readonly sources: Readonly<Record<SourceName, { status: SourceReport['status']; kept: 'new' | 'previous'; files: string[]; reasons: readonly string[] }>>;
}

export async function recordProfile(dataDir: string, profile: string, clients: SourceClients, clock: Clock, runId: string): Promise<RecordResult> {
  const input = await loadProfileInput(dataDir, profile);
  const scratch = await mkdtemp(join(tmpdir(), 'profile-sync-record-'));
  try {
    const store = new FsStore(scratch);
    const fetched = await fetchStage({ input, runId, store, clock, mode: { kind: 'live', clients } });
    const dir = recordingsDir(dataDir, profile);
    await mkdir(dir, { recursive: true });
    const previous = await readRecordingManifest(dataDir, profile);
    const documents: RecordingManifest['documents'] = [];
    const sources = {} as Record<SourceName, RecordResult['sources'][SourceName]>;
    for (const report of [fetched.arxiv, fetched.dblp]) {
      const source = report.source;
      if (report.status === 'ok') {
        for (const f of await readdir(dir)) if (f.startsWith(`${source}-`)) await rm(join(dir, f));
        for (const d of report.documents) {
          const file = basename(d.key);
          await copyFile(join(scratch, ...d.key.split('/')), join(dir, file));
          documents.push({ file, source, purpose: d.purpose, url: d.url, status: d.status });
        }
        sources[source] = { status: report.status, kept: 'new', files: report.documents.map((d) => basename(d.key)), reasons: report.reasons };
      } else {
        const kept = previous?.documents.filter((d) => d.source === source) ?? [];
        documents.push(...kept);
        sources[source] = { status: report.status, kept: 'previous', files: kept.map((d) => d.file), reasons: report.reasons };
      }
    }
    const allNew = Object.values(sources).every((s) => s.kept === 'new');
    const manifest: RecordingManifest = {
      profile,
      how: allNew ? 'live' : (previous?.how ?? 'live'),
      recordedAt: new Date(clock.now()).toISOString(),
      note: allNew
        ? 'Captured live by `profile-sync record`.'
        : `Partly captured live by \`profile-sync record\`; sources that failed kept their previous recordings (${previous?.how ?? 'none'}).`,
      documents,
    };
    await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return { profile, dir, sources };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
