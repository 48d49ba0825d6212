/** Writes a profile's public objects to the store. */
import type { Store } from '../store/store.ts';
import { jsonSchemas, stableJson } from './json-schemas.ts';
import { publishedProfile, type PublishedProfile } from './profile-schema.ts';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
/** Public objects change at most nightly; a short cache keeps the website fresh. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=300';

export interface PublishedKey {
  readonly key: string;
  readonly bytes: number;
}

export async function publishProfile(store: Store, profile: string, doc: PublishedProfile): Promise<PublishedKey[]> {
  // Never publish what the website's schema does not describe.
  publishedProfile.parse(doc);
  const objects: Array<[string, string]> = [
    [`public/${profile}/profile.schema.json`, stableJson(jsonSchemas()['profile.schema.json'])],
    [`public/${profile}/profile.json`, stableJson(doc)],
  ];
  const written: PublishedKey[] = [];
  for (const [key, body] of objects) {
    await store.put(key, body, { contentType: JSON_CONTENT_TYPE, cacheControl: PUBLIC_CACHE_CONTROL });
    written.push({ key, bytes: Buffer.byteLength(body) });
  }
  return written;
}
