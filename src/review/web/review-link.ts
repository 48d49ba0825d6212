/**
 * Review links: a signed, expiring token naming the profiles it opens (one for an owner, several for a
 * curator), with an id (recorded once used, so a link opens one session only) and its issue time (a
 * revocation refuses every link of a profile issued before it).
 */
import { randomBytes } from 'node:crypto';
import type { KeyRing } from './key-ring.ts';
import { signToken, verifyToken, type Verified } from './signed-token.ts';

export const PROFILE_ID = /^[a-z0-9][a-z0-9-]*$/;

export interface LinkClaims {
  /** The link's id (recorded as used when it opens a session). */
  readonly jti: string;
  readonly profiles: readonly string[];
  /** Issued at, ms since the epoch. */
  readonly iat: number;
  /** Expires at, ms since the epoch. */
  readonly exp: number;
}

export const DAY_MS = 86_400_000;
/** The longest a link may live (a key is retired no sooner after the rotation that replaced it). */
export const MAX_LINK_MS = 30 * DAY_MS;
export const DEFAULT_LINK_MS = 14 * DAY_MS;

const isProfiles = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.length <= 100 && v.every((p) => typeof p === 'string' && PROFILE_ID.test(p));

export function isLinkClaims(v: unknown): v is LinkClaims {
  const c = v as Partial<LinkClaims>;
  return typeof c === 'object' && c !== null && typeof c.jti === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(c.jti) && isProfiles(c.profiles) && Number.isSafeInteger(c.iat) && Number.isSafeInteger(c.exp);
}

export function issueLink(ring: KeyRing, profiles: readonly string[], now: number, lifetimeMs = DEFAULT_LINK_MS): { token: string; claims: LinkClaims } {
  if (!isProfiles([...profiles])) throw new Error(`not profile ids: ${profiles.join(', ')}`);
  if (!(lifetimeMs > 0 && lifetimeMs <= MAX_LINK_MS)) throw new Error(`a link lives at most ${MAX_LINK_MS / DAY_MS} days`);
  const claims: LinkClaims = { jti: randomBytes(16).toString('base64url'), profiles: [...new Set(profiles)].sort(), iat: now, exp: now + lifetimeMs };
  return { token: signToken(ring, 'l1', claims), claims };
}

export const verifyLink = (ring: KeyRing, token: string, now: number): Verified<LinkClaims> => verifyToken(ring, 'l1', token, now, isLinkClaims);

/** "https://host/review/open?t=…": where a link opens the review page. */
export const linkUrl = (base: string, token: string) => `${base.replace(/\/+$/, '')}/open?t=${encodeURIComponent(token)}`;

/** A link for an email: its address and when it expires (ISO). */
export function reviewLinkFor(ring: KeyRing, base: string, profile: string, now: number, lifetimeMs = DEFAULT_LINK_MS): { url: string; expires: string } {
  const { token, claims } = issueLink(ring, [profile], now, lifetimeMs);
  return { url: linkUrl(base, token), expires: new Date(claims.exp).toISOString() };
}
