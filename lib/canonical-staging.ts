/**
 * What the deploy copies to canonical/: each profile's cv.json, config.json
 * and decisions.json, validated at synth (a broken CV fails `cdk synth` with
 * file, field and line), plus the fetch-plan.json the fetch Lambdas read.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchPlanFor } from '../src/harvest/fetch-plan.ts';
import { loadProfileInput } from '../src/canonical/profile-input.ts';

export async function stageCanonical(dataDir: string, profiles: readonly string[]): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'profile-sync-canonical-'));
  for (const profile of profiles) {
    const input = await loadProfileInput(dataDir, profile);
    const dir = join(out, profile);
    mkdirSync(dir, { recursive: true });
    for (const file of ['cv.json', 'config.json', 'decisions.json']) {
      const from = join(dataDir, 'profiles', profile, file);
      if (existsSync(from)) copyFileSync(from, join(dir, file));
    }
    writeFileSync(join(dir, 'fetch-plan.json'), `${JSON.stringify(fetchPlanFor(input), null, 2)}\n`);
  }
  return out;
}
