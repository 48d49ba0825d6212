/**
 * What the store remembers about review links, per profile, beside its records:
 * - canonical/<p>/links-revoked-before.json: {"before": ms, "at": ISO}; links of the profile issued at or
 *   before that time are refused, and so are the sessions they opened;
 * - canonical/<p>/links-used/<link id>.json: written create-only when a link opens a session, so the same
 *   link never opens a second one (a copy from a forwarded email, a browser history, a log).
 */
import { PreconditionFailedError, type Store } from '../../store/store.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

export const revokedKey = (profile: string) => `canonical/${profile}/links-revoked-before.json`;
export const usedKey = (profile: string, jti: string) => `canonical/${profile}/links-used/${jti}.json`;

/** When the profile's links were last revoked (ms), or undefined. */
export async function revokedBefore(store: Store, profile: string): Promise<number | undefined> {
  const obj = await store.get(revokedKey(profile));
  if (!obj) return undefined;
  try {
    const before = (JSON.parse(new TextDecoder().decode(obj.body)) as { before?: unknown }).before;
    // An unreadable record revokes everything: a refused link costs a new one, a wrongly accepted one costs more.
    return typeof before === 'number' ? before : Number.MAX_SAFE_INTEGER;
  } catch {
    return Number.MAX_SAFE_INTEGER;
  }
}

export async function isRevoked(store: Store, profiles: readonly string[], issuedAt: number): Promise<boolean> {
  for (const p of profiles) {
    const before = await revokedBefore(store, p);
    if (before !== undefined && issuedAt <= before) return true;
  }
  return false;
}

export async function revokeLinks(store: Store, profile: string, now: number): Promise<void> {
  await store.put(revokedKey(profile), `${JSON.stringify({ before: now, at: new Date(now).toISOString() })}\n`, { contentType: JSON_TYPE, cacheControl: 'no-cache' });
}

/** Records the link as used (under its first profile); false when it was used already. */
export async function markUsed(store: Store, profiles: readonly string[], jti: string, now: number): Promise<boolean> {
  try {
    await store.put(usedKey(profiles[0]!, jti), `${JSON.stringify({ usedAt: new Date(now).toISOString(), profiles })}\n`, { contentType: JSON_TYPE, ifNoneMatch: '*' });
    return true;
  } catch (e) {
    if (e instanceof PreconditionFailedError) return false;
    throw e;
  }
}
