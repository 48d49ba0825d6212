/**
 * The keys that sign review links and sessions. Each key has an id, carried in every token it signs, so that
 * after a rotation (a new current key) links signed with the previous key stay valid until that key is retired
 * (`retiredAt`: from then on what it signed is refused). The ring is injected: a local file for the CLI, an SSM
 * SecureString on AWS; this module only parses and checks it.
 */
import { ReviewError } from '../pending.ts';

export interface SigningKey {
  readonly id: string;
  readonly secret: Uint8Array;
  /** Milliseconds since the epoch: from then on tokens signed with this key are refused. */
  readonly retiredAt?: number;
}

export interface KeyRing {
  /** The id of the key new tokens are signed with. */
  readonly current: string;
  readonly keys: readonly SigningKey[];
}

/** A key id: short, and safe between the dots of a token. */
export const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
/** HMAC-SHA256 keys shorter than this are refused. */
export const MIN_SECRET_BYTES = 32;

/** The JSON form of a ring (the file and the SSM parameter): secrets as base64, retiredAt as an ISO time. */
export interface KeyRingJson {
  readonly current: string;
  readonly keys: ReadonlyArray<{ readonly id: string; readonly secret: string; readonly retiredAt?: string }>;
}

export function parseKeyRing(text: string, where: string): KeyRing {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    // Not the parser's message: it quotes the text around the fault, which may be part of a secret.
    throw new ReviewError(`${where}: not JSON`);
  }
  const d = doc as Partial<KeyRingJson>;
  if (typeof d !== 'object' || d === null || typeof d.current !== 'string' || !Array.isArray(d.keys)) throw new ReviewError(`${where}: expected {"current": "<key id>", "keys": [{"id", "secret"}]}`);
  const keys = d.keys.map((k, i): SigningKey => {
    if (typeof k?.id !== 'string' || !KEY_ID.test(k.id)) throw new ReviewError(`${where}: keys[${i}].id: letters, digits, "_" or "-", at most 32`);
    if (typeof k.secret !== 'string') throw new ReviewError(`${where}: keys[${i}].secret: expected base64`);
    const secret = new Uint8Array(Buffer.from(k.secret, 'base64'));
    if (secret.length < MIN_SECRET_BYTES) throw new ReviewError(`${where}: keys[${i}].secret: at least ${MIN_SECRET_BYTES} bytes`);
    const retiredAt = k.retiredAt === undefined ? undefined : Date.parse(k.retiredAt);
    if (retiredAt !== undefined && Number.isNaN(retiredAt)) throw new ReviewError(`${where}: keys[${i}].retiredAt: expected an ISO time`);
    return { id: k.id, secret, ...(retiredAt !== undefined ? { retiredAt } : {}) };
  });
  return checkedRing({ current: d.current, keys }, where);
}

export function checkedRing(ring: KeyRing, where = 'key ring'): KeyRing {
  const ids = ring.keys.map((k) => k.id);
  if (new Set(ids).size !== ids.length) throw new ReviewError(`${where}: a key id is used twice`);
  const current = ring.keys.find((k) => k.id === ring.current);
  if (!current) throw new ReviewError(`${where}: current key "${ring.current}" is not in keys`);
  if (current.retiredAt !== undefined) throw new ReviewError(`${where}: the current key "${ring.current}" is retired`);
  return ring;
}

export function keyRingJson(ring: KeyRing): KeyRingJson {
  return { current: ring.current, keys: ring.keys.map((k) => ({ id: k.id, secret: Buffer.from(k.secret).toString('base64'), ...(k.retiredAt !== undefined ? { retiredAt: new Date(k.retiredAt).toISOString() } : {}) })) };
}

/**
 * A rotation: `fresh` becomes current; the previous current key stays for verification and is retired at `retireAt`
 * (give it the longest link lifetime, so that every link it signed can still be used until it expires).
 */
export function rotate(ring: KeyRing, fresh: SigningKey, retireAt: number): KeyRing {
  return checkedRing({ current: fresh.id, keys: [...ring.keys.map((k) => (k.id === ring.current ? { ...k, retiredAt: retireAt } : k)), fresh] });
}
