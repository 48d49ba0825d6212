/**
 * What a deploy stages for the seeding: each profile's cv.json, config.json
 * and decisions.json, validated at synth (a broken CV fails `cdk synth` with
 * file, field and line), and its fetch-plan.json derived and checked exactly
 * as `profile-sync push` does it (src/pipeline/records/stage-profiles.ts). The
 * folder goes to staging/canonical/<content hash>/ of the bucket; the seeding
 * custom resource copies into canonical/ only the profiles the bucket lacks.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stageProfiles } from '../src/pipeline/records/stage-profiles.ts';
import { FsStore } from '../src/store/fs-store.ts';

export async function stageCanonical(dataDir: string, profiles: readonly string[]): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'profile-sync-canonical-'));
  await stageProfiles(dataDir, profiles, new FsStore(out), '', []);
  return out;
}

/** A hash of the staged files (names and bytes): the staging prefix, so a deploy with other records seeds again. */
export function stagedContentHash(dir: string): string {
  const hash = createHash('sha256');
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort()) {
    hash.update(entry.slice(dir.length)).update('\0').update(readFileSync(entry)).update('\0');
  }
  return hash.digest('hex').slice(0, 20);
}
