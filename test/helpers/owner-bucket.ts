/**
 * A folder store standing in for the deployed bucket (it enforces If-Match /
 * If-None-Match as S3 does), seeded as a deploy seeds it, and the nightly
 * run's stages on it: discover the profiles, fetch (replayed recordings),
 * reconcile and publish — reading the canonical records from canonical/.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSync } from '../../src/pipeline/sync.ts';
import { discoverProfiles } from '../../src/pipeline/records/profile-manifest.ts';
import { seedCanonical } from '../../src/pipeline/records/seed-canonical.ts';
import { stageProfiles } from '../../src/pipeline/records/stage-profiles.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import type { Store } from '../../src/store/store.ts';
import { DATA } from './paths.ts';

/** A copy of data/ (profiles and recordings) the test may edit. */
export function dataCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ps-owner-data-'));
  cpSync(DATA, dir, { recursive: true });
  return dir;
}

/** What a deploy does to canonical/: stage the repository's profiles, seed create-only. */
export async function deploy(store: Store, dataDir: string, profiles: readonly string[], tag = 'd1') {
  const prefix = `staging/canonical/${tag}/`;
  await stageProfiles(dataDir, profiles, store, prefix, []);
  return seedCanonical(store, prefix);
}

export async function seededBucket(dataDir: string, profiles: readonly string[]): Promise<{ store: FsStore; root: string }> {
  const root = mkdtempSync(join(tmpdir(), 'ps-bucket-'));
  const store = new FsStore(root);
  await deploy(store, dataDir, profiles);
  return { store, root };
}

/** The nightly run: the profiles found in the store at its start, each synced from its canonical records. */
export async function nightly(store: Store, dataDir: string, runId: string) {
  const manifest = await discoverProfiles(store);
  const result = await runSync({
    dataDir,
    store,
    profiles: manifest.profiles.map((p) => p.profile),
    records: 'store',
    runId,
    now: new Date(`${runId.slice(0, 4)}-${runId.slice(4, 6)}-${runId.slice(6, 8)}T03:00:00Z`),
    sources: { kind: 'replay' },
  });
  return { manifest, result };
}
