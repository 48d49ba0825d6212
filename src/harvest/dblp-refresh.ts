/**
 * An owner's request for a fresh dblp read: on a night that reads dblp's daily
 * dump (a day old at most), the profile is read from its person page instead
 * (src/harvest/dblp-path.ts, refreshRequests: a request counts on the day it
 * was made and the next; at most DEFAULT_MAX_REFRESHES a night). Written by
 * `profile-sync refresh-dblp`, in the owner's own canonical/<profile>/.
 */
import type { Store } from '../store/store.ts';
import { refreshRequestKey } from './dblp-path.ts';

export class NoProfileToRefresh extends Error {
  override name = 'NoProfileToRefresh';
}

/** Records the request (replacing an earlier one); refuses a profile the store does not hold. */
export async function requestDblpRefresh(store: Store, profile: string, now: Date): Promise<{ key: string; requestedAt: string }> {
  if (!(await store.get(`canonical/${profile}/cv.json`))) throw new NoProfileToRefresh(`${store.description}canonical/${profile}/cv.json is missing: ${profile} is not a profile of this store (push it first)`);
  const requestedAt = now.toISOString();
  await store.put(refreshRequestKey(profile), `${JSON.stringify({ requestedAt })}\n`, { contentType: 'application/json; charset=utf-8' });
  return { key: refreshRequestKey(profile), requestedAt };
}
