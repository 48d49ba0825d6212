/**
 * How the local data/profiles/<profile>/ differs from the store's canonical
 * records: `sync --bucket` publishes from the store (as the nightly run does)
 * and says so when the local copy holds edits that are not pushed.
 */
import { join } from 'node:path';
import { RECORD_FILES, type CanonicalHome } from '../../canonical/canonical-home.ts';
import { describeChanges } from '../../canonical/record-changes.ts';
import { readUtf8FileIfExists } from '../../input/read-if-exists.ts';

export async function localDrift(dataDir: string, home: CanonicalHome, profile: string): Promise<string[]> {
  const lines: string[] = [];
  for (const file of RECORD_FILES) {
    const local = await readUtf8FileIfExists(join(dataDir, 'profiles', profile, file));
    if (local === undefined) continue;
    const remote = await home.read(profile, file);
    if (remote?.text === local) continue;
    lines.push(`${join(dataDir, 'profiles', profile, file)} differs from the store's: ${describeChanges(file, remote?.text, local).join('; ')}`);
  }
  return lines;
}
