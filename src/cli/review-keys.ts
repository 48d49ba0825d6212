/**
 * The key ring the command line signs review links with: a local JSON file (mode 0600), made with one fresh
 * random key the first time it is needed. On AWS the review Lambda reads its ring from SSM Parameter Store
 * (a SecureString of the same JSON) instead.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { keyRingJson, parseKeyRing, type KeyRing } from '../review/web/key-ring.ts';

export const DEFAULT_KEYS_FILE = join(homedir(), '.config', 'profile-sync', 'review-keys.json');

export const keysFileOf = (given: string | undefined) => given ?? process.env['PROFILE_SYNC_REVIEW_KEYS'] ?? DEFAULT_KEYS_FILE;

export async function loadOrCreateKeys(file: string): Promise<KeyRing> {
  try {
    return parseKeyRing(await readFile(file, 'utf8'), file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const id = `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;
  const ring: KeyRing = { current: id, keys: [{ id, secret: new Uint8Array(randomBytes(32)) }] };
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  try {
    await writeFile(file, `${JSON.stringify(keyRingJson(ring), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // Another command made it meanwhile: use that one.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return parseKeyRing(await readFile(file, 'utf8'), file);
    throw e;
  }
  process.stderr.write(`made a review key ring at ${file} (keep it private: it signs review links)\n`);
  return ring;
}

/** The deployed ring (an operator's credentials: ssm:GetParameter on it), for links to the deployed page. */
export async function keysFromParameter(name: string, region?: string): Promise<KeyRing> {
  // The SSM SDK loads only for this: the CLI's other commands start without it.
  const { ssmParameterIn } = await import('../adapters/ssm-parameter.ts');
  return parseKeyRing(await ssmParameterIn(region)(name), `SSM parameter ${name}`);
}
