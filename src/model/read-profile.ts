/** The profile currently published in the store, if it is one this version can read. */
import type { Store } from '../store/store.ts';
import { publishedProfile, type PublishedProfile } from './profile.ts';

export async function readPreviousProfile(store: Store, profile: string): Promise<PublishedProfile | undefined> {
  const obj = await store.get(`public/${profile}/profile.json`);
  if (!obj) return undefined;
  try {
    const result = publishedProfile.safeParse(JSON.parse(new TextDecoder().decode(obj.body)));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
