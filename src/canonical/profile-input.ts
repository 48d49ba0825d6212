/**
 * Where a profile's canonical records live in the repository's data folder:
 *   data/profiles/<profile>/cv.json        canonical records
 *   data/profiles/<profile>/config.json    sources and publishing policy
 *   data/profiles/<profile>/decisions.json the owner's review decisions (written by `profile-sync review`)
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig, loadCv } from './load.ts';
import type { ProfileConfig } from './config-schema.ts';
import type { CanonicalCv } from './cv-schema.ts';
import { parseJsonDocument } from '../input/json-document.ts';
import { readUtf8File, readUtf8FileIfExists } from '../input/read-if-exists.ts';
import { validateDocument } from '../input/validate.ts';
import { NO_DECISIONS, decisionsFile, type Decisions } from './decisions.ts';

export interface ProfileInput {
  readonly profile: string;
  readonly cv: CanonicalCv;
  readonly config: ProfileConfig;
  /** The canonical file's exact text (copied to the store unchanged). */
  readonly cvText: string;
  /** The owner's decisions (data/profiles/<profile>/decisions.json; none yet when absent). */
  readonly decisions: Decisions;
}

export function decisionsPath(dataDir: string, profile: string): string {
  return join(dataDir, 'profiles', profile, 'decisions.json');
}

export async function loadDecisions(file: string): Promise<Decisions> {
  const text = await readUtf8FileIfExists(file);
  return text === undefined ? NO_DECISIONS : validateDocument(parseJsonDocument(file, text), decisionsFile);
}

export async function listProfiles(dataDir: string): Promise<string[]> {
  const entries = await readdir(join(dataDir, 'profiles'), { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') throw new Error(`no profiles folder at ${join(dataDir, 'profiles')}`);
    throw e;
  });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/** Loads and validates one profile; throws InputError (file, field, line) when anything is wrong. */
export async function loadProfileInput(dataDir: string, profile: string): Promise<ProfileInput> {
  const dir = join(dataDir, 'profiles', profile);
  const cvFile = join(dir, 'cv.json');
  const configFile = join(dir, 'config.json');
  const cvText = await readUtf8File(cvFile);
  const cv = loadCv(cvFile, cvText, profile);
  const config = loadConfig(configFile, await readUtf8File(configFile), profile);
  const decisions = await loadDecisions(decisionsPath(dataDir, profile));
  return { profile, cv, config, cvText, decisions };
}
