/**
 * The session a used link opens: a signed cookie (HttpOnly, SameSite=Strict, short-lived; Secure and
 * __Host- named when served over https) naming the profiles, the issue time of the link that opened it (a
 * revocation ends the session too) and a random id. Nothing is kept on the server, so it works the same in a
 * local process and in Lambda. The CSRF token of every form is bound to the session: HMAC of its id.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { KeyRing } from './key-ring.ts';
import { PROFILE_ID } from './review-link.ts';
import { hmac, signToken, verifyToken, type Verified } from './signed-token.ts';

export interface SessionClaims {
  readonly sid: string;
  readonly profiles: readonly string[];
  /** The issue time of the link that opened the session (ms). */
  readonly linkIat: number;
  readonly exp: number;
}

/** How long a session lasts: a sitting, not a week. */
export const SESSION_MS = 60 * 60_000;

export function isSessionClaims(v: unknown): v is SessionClaims {
  const c = v as Partial<SessionClaims>;
  return typeof c === 'object' && c !== null && typeof c.sid === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(c.sid) && Array.isArray(c.profiles) && c.profiles.length > 0 && c.profiles.every((p) => typeof p === 'string' && PROFILE_ID.test(p)) && Number.isSafeInteger(c.linkIat) && Number.isSafeInteger(c.exp);
}

export function newSession(ring: KeyRing, profiles: readonly string[], linkIat: number, now: number): { cookieValue: string; claims: SessionClaims } {
  const claims: SessionClaims = { sid: randomBytes(16).toString('base64url'), profiles, linkIat, exp: now + SESSION_MS };
  return { cookieValue: signToken(ring, 's1', claims), claims };
}

export const verifySession = (ring: KeyRing, value: string, now: number): Verified<SessionClaims> => verifyToken(ring, 's1', value, now, isSessionClaims);

export const cookieName = (secure: boolean) => (secure ? '__Host-ps-review' : 'ps-review');

export function sessionCookie(value: string, secure: boolean, maxAgeS: number): string {
  return `${cookieName(secure)}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${secure ? '; Secure' : ''}`;
}

/** The CSRF token of a session's forms (signed with the current key, checked against every key of the ring). */
export const csrfToken = (ring: KeyRing, sid: string) => hmac(ring.keys.find((k) => k.id === ring.current)!.secret, `csrf.${sid}`).toString('base64url');

export function csrfHolds(ring: KeyRing, sid: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const g = Buffer.from(given, 'base64url');
  if (g.toString('base64url') !== given) return false; // one spelling only (decoding ignores spare bits)
  return ring.keys.some((k) => {
    const e = hmac(k.secret, `csrf.${sid}`);
    return g.length === e.length && timingSafeEqual(g, e);
  });
}

/** At most `limit` posts per session in any `windowMs` (in memory: per process, or per Lambda instance). */
export class RateLimit {
  private readonly seen = new Map<string, number[]>();
  constructor(
    readonly limit = 30,
    readonly windowMs = 60_000,
  ) {}

  allow(sid: string, now: number): boolean {
    if (this.seen.size > 10_000) for (const [k, ts] of this.seen) if (ts.every((t) => now - t >= this.windowMs)) this.seen.delete(k);
    const recent = (this.seen.get(sid) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.seen.set(sid, recent);
      return false;
    }
    this.seen.set(sid, [...recent, now]);
    return true;
  }
}
