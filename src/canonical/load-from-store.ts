/**
 * A profile's canonical records from the store (canonical/<profile>/…), as the
 * Lambda functions read them; the same validation as from the data folder.
 */
import { loadConfig, loadCv } from './load.ts';
import { parseJsonDocument } from '../input/json-document.ts';
import { validateDocument } from '../input/validate.ts';
import { decodeUtf8File } from '../input/decode-text.ts';
import { NO_DECISIONS, decisionsFile } from './decisions.ts';
import type { Store } from '../store/store.ts';
import type { ProfileInput } from './profile-input.ts';

async function text(store: Store, key: string): Promise<string | undefined> {
  const obj = await store.get(key);
  return obj ? decodeUtf8File(obj.body, `${store.description}${key}`) : undefined;
}

export async function loadProfileFromStore(store: Store, profile: string): Promise<ProfileInput> {
  const cvKey = `canonical/${profile}/cv.json`;
  const cvText = await text(store, cvKey);
  if (cvText === undefined) throw new Error(`${store.description}${cvKey} is missing`);
  const configKey = `canonical/${profile}/config.json`;
  const configText = await text(store, configKey);
  if (configText === undefined) throw new Error(`${store.description}${configKey} is missing`);
  const decisionsKey = `canonical/${profile}/decisions.json`;
  const decisionsText = await text(store, decisionsKey);
  return {
    profile,
    cv: loadCv(cvKey, cvText, profile),
    config: loadConfig(configKey, configText, profile),
    cvText,
    decisions: decisionsText === undefined ? NO_DECISIONS : validateDocument(parseJsonDocument(decisionsKey, decisionsText), decisionsFile),
  };
}
