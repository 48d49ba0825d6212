/**
 * The review site's fixtures: a folder bucket after one night (the first user's profile) plus a second
 * profile (`OTHER`: the same records and report under another id, so that one owner's session can be shown
 * the door of another's), and key rings made of fixed test keys.
 */
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyRing, SigningKey } from '../../src/review/web/key-ring.ts';
import { dataCopy, nightly, seededBucket } from './owner-bucket.ts';
import { FIRST_PROFILE } from './paths.ts';

export const OTHER = 'second-lab';
export const RUN = '20261128T030000Z';

/** A fixed 32-byte test key. */
export const testKey = (id: string, retiredAt?: number): SigningKey => ({ id, secret: new Uint8Array(32).fill(id.charCodeAt(id.length - 1)), ...(retiredAt !== undefined ? { retiredAt } : {}) });
export const ringOf = (...keys: SigningKey[]): KeyRing => ({ current: keys[keys.length - 1]!.id, keys });

function copyAs(from: string, to: string, profile: string): void {
  cpSync(from, to, { recursive: true });
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const f = join(dir, name);
      if (statSync(f).isDirectory()) walk(f);
      else if (/\.(json|md|html)$/.test(name)) writeFileSync(f, readFileSync(f, 'utf8').replaceAll(FIRST_PROFILE, profile));
    }
  };
  walk(to);
}

export async function reviewBucket() {
  const data = dataCopy();
  const { store, root } = await seededBucket(data, [FIRST_PROFILE]);
  await nightly(store, data, RUN);
  for (const top of ['canonical', 'reports', 'public']) copyAs(join(root, top, FIRST_PROFILE), join(root, top, OTHER), OTHER);
  return { data, store, root };
}
