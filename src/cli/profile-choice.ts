/**
 * Which profiles a command works on: ids given with -p are checked before any
 * path is built from them (a profile id is lowercase letters, digits and
 * hyphens, so "-p ../../etc" never reaches the file system), and must name a
 * folder of <data>/profiles. Every mistake is a usage error listing the known profiles.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from './usage-error.ts';

export const PROFILE_ID = /^[a-z0-9][a-z0-9-]*$/;

async function knownProfiles(dataDir: string): Promise<string[]> {
  const folder = join(dataDir, 'profiles');
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && PROFILE_ID.test(e.name)).map((e) => e.name).sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`no profiles folder at ${folder} (give the data folder with --data)`);
    if (code === 'ENOTDIR') throw new UsageError(`${folder} is not a folder (give the data folder with --data)`);
    throw e;
  }
}

const listing = (known: readonly string[]) => (known.length > 0 ? `known profiles: ${known.join(', ')}` : 'there are none yet');

/** Profile ids given on the command line, checked for their form only (where they live is checked by the store that holds them). */
export function checkedProfileIds(requested: readonly string[]): string[] {
  for (const id of requested) {
    if (!PROFILE_ID.test(id)) throw new UsageError(`--profile ${JSON.stringify(id)} is not a profile id (lowercase letters, digits and hyphens)`);
  }
  return [...new Set(requested)];
}

/** The profiles asked for (all when none is), each checked; throws UsageError. */
export async function chooseProfiles(dataDir: string, requested: readonly string[]): Promise<string[]> {
  const known = await knownProfiles(dataDir);
  for (const id of requested) {
    if (!PROFILE_ID.test(id)) throw new UsageError(`--profile ${JSON.stringify(id)} is not a profile id (lowercase letters, digits and hyphens); ${listing(known)}`);
  }
  const unknown = requested.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new UsageError(`no profile ${unknown.map((id) => `"${id}"`).join(', ')} in ${join(dataDir, 'profiles')}; ${listing(known)}`);
  if (requested.length > 0) return [...new Set(requested)];
  if (known.length === 0) throw new UsageError(`no profiles in ${join(dataDir, 'profiles')} (each profile is a folder there holding cv.json and config.json)`);
  return known;
}

/** One profile: the one asked for, or the only one there is; throws UsageError when that is ambiguous. */
export async function chooseProfile(dataDir: string, requested: string | undefined): Promise<string> {
  if (requested !== undefined) return (await chooseProfiles(dataDir, [requested]))[0]!;
  const known = await chooseProfiles(dataDir, []);
  if (known.length > 1) throw new UsageError(`several profiles in ${join(dataDir, 'profiles')} (${known.join(', ')}): choose one with --profile`);
  return known[0]!;
}
