/**
 * data/profiles/<profile>/.pulled.json (git-ignored): what `pull` last
 * brought from each store, per file: its ETag and its text. Push uploads only
 * on those ETags (If-Match), so an edit made in the bucket since (a review on
 * another laptop) is never overwritten; the text is the base that says what
 * each side changed.
 */
import { join } from 'node:path';
import * as z from 'zod/v4';
import { RECORD_FILES, type CanonicalHome, type RecordFile } from '../../canonical/canonical-home.ts';
import { parseJsonDocument } from '../../input/json-document.ts';
import { readTextIfExists } from '../../input/read-if-exists.ts';
import { validateDocument } from '../../input/validate.ts';
import { writeFileAtomic } from '../../store/atomic-file.ts';

export const PULLED_STATE_FILE = '.pulled.json';

const pulledFile = z.strictObject({ etag: z.string(), text: z.string() }).nullable();

const pulledState = z.strictObject({
  stateVersion: z.literal(1),
  stores: z.record(
    z.string(),
    z.strictObject({
      pulledAt: z.string(),
      files: z.strictObject(Object.fromEntries(RECORD_FILES.map((f) => [f, pulledFile.optional()])) as Record<RecordFile, z.ZodOptional<typeof pulledFile>>),
    }),
  ),
});

export type PulledFile = z.infer<typeof pulledFile>;
export type PulledState = z.infer<typeof pulledState>;
/** Per store: each file as pulled (null: absent in the store then; missing: never pulled). */
export type PulledBase = PulledState['stores'][string];

/** What pull, push and remove are given. */
export interface RecordsJob {
  readonly dataDir: string;
  readonly home: CanonicalHome;
  readonly profile: string;
  readonly force: boolean;
  readonly now: Date;
}

export const pulledStatePath = (dataDir: string, profile: string) => join(dataDir, 'profiles', profile, PULLED_STATE_FILE);

export async function readPulledState(dataDir: string, profile: string): Promise<PulledState> {
  const file = pulledStatePath(dataDir, profile);
  const text = await readTextIfExists(file);
  return text === undefined ? { stateVersion: 1, stores: {} } : validateDocument(parseJsonDocument(file, text), pulledState);
}

export async function writePulledState(dataDir: string, profile: string, state: PulledState): Promise<void> {
  await writeFileAtomic(pulledStatePath(dataDir, profile), `${JSON.stringify(state, null, 2)}\n`);
}
