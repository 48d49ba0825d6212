/**
 * Signed tokens: `<kind>.<key id>.<payload>.<signature>`, the payload base64url JSON, the signature
 * HMAC-SHA256 over everything before it with the key the id names. Verification says why a token is refused
 * (tampered, unknown or retired key, expired), never which byte was wrong; comparisons are constant-time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { KeyRing } from './key-ring.ts';

export type TokenKind = 'l1' | 's1';

export type TokenProblem = 'malformed' | 'tampered' | 'unknown-key' | 'retired-key' | 'expired';

export type Verified<T> = { readonly ok: true; readonly payload: T; readonly keyId: string } | { readonly ok: false; readonly problem: TokenProblem };

const b64url = (b: Uint8Array | string) => Buffer.from(b).toString('base64url');

export function hmac(secret: Uint8Array, text: string): Buffer {
  return createHmac('sha256', secret).update(text).digest();
}

export function signToken(ring: KeyRing, kind: TokenKind, payload: object): string {
  const key = ring.keys.find((k) => k.id === ring.current)!;
  const head = `${kind}.${key.id}.${b64url(JSON.stringify(payload))}`;
  return `${head}.${b64url(hmac(key.secret, head))}`;
}

/** The payload when the signature holds, the key is in the ring and not retired, and `exp` (ms) is after `now`. */
export function verifyToken<T extends { readonly exp: number }>(ring: KeyRing, kind: TokenKind, token: string, now: number, check: (p: unknown) => p is T): Verified<T> {
  if (token.length > 4096) return { ok: false, problem: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== kind || !parts.every((p) => /^[A-Za-z0-9_-]+$/.test(p))) return { ok: false, problem: 'malformed' };
  const [, keyId, body, sig] = parts as [string, string, string, string];
  const key = ring.keys.find((k) => k.id === keyId);
  if (!key) return { ok: false, problem: 'unknown-key' };
  const expected = hmac(key.secret, `${kind}.${keyId}.${body}`);
  const given = Buffer.from(sig, 'base64url');
  // base64url decoding ignores a last character's spare bits: only the one spelling of the signature holds.
  if (given.toString('base64url') !== sig || given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, problem: 'tampered' };
  if (key.retiredAt !== undefined && now >= key.retiredAt) return { ok: false, problem: 'retired-key' };
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  if (!check(payload)) return { ok: false, problem: 'malformed' };
  if (!(now < payload.exp)) return { ok: false, problem: 'expired' };
  return { ok: true, payload, keyId };
}
