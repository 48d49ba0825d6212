/**
 * The review key ring on AWS: the SSM SecureString named by REVIEW_KEYS_PARAMETER, parsed, and kept for five
 * minutes (a rotation reaches running instances within that time); when a re-read fails, the last ring read serves. Read by the review page and by the notify
 * step (which signs the link in each owner's email).
 */
import type { ReadParameter } from '../../src/adapters/ssm-parameter.ts';
import { parseKeyRing, type KeyRing } from '../../src/review/web/key-ring.ts';

export function cachedKeyRing(read: ReadParameter, name: string, now: () => number, ttlMs = 5 * 60_000): () => Promise<KeyRing> {
  let cached: { ring: KeyRing; at: number } | undefined;
  return async () => {
    if (cached && now() - cached.at < ttlMs) return cached.ring;
    try {
      cached = { ring: parseKeyRing(await read(name), `SSM parameter ${name}`), at: now() };
    } catch (e) {
      // SSM throttled or briefly unreachable: the ring read last keeps serving (links do not break); it is
      // read again on the next request. With no ring read yet, the failure stands.
      if (!cached) throw e;
    }
    return cached.ring;
  };
}
