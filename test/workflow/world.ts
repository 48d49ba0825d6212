/**
 * The world the workflow tests run in: three profiles (alpha, bravo, charlie)
 * made from the first user's canonical records, staged as a deploy stages
 * them; loopback arXiv and dblp serving his recordings; a baseline night
 * (2026-11-27) already published; and for the night under test (2026-11-28)
 * an owner decision on bravo that changes its profile, so a failure that
 * kept the old profile is visible.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stageCanonical } from '../../lib/canonical-staging.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import type { Store } from '../../src/store/store.ts';
import { startLoopback, type LoopbackServer, type Reply } from '../helpers/loopback-server.ts';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';
import { recordingsRoute } from '../helpers/recordings-server.ts';

export const PROFILES = ['alpha', 'bravo', 'charlie'] as const;
export const BASELINE = { startTime: '2026-11-27T03:15:00.000Z', runId: '20261127T031500Z' };
export const NIGHT = { startTime: '2026-11-28T03:15:00.000Z', runId: '20261128T031500Z' };
/** The decision bravo's owner recorded between the two nights: accept a candidate (the profile gains a work). */
export const BRAVO_ACCEPTS = 'arxiv-2101-05068';

const JSON_TYPE = { contentType: 'application/json' };

/** canonical/<profile>/… for the three profiles, as the deploy writes them. */
export async function stageProfiles(store: Store): Promise<void> {
  const staged = join(await stageCanonical(DATA, [FIRST_PROFILE]), FIRST_PROFILE);
  for (const profile of PROFILES) {
    for (const file of readdirSync(staged)) {
      const text = readFileSync(join(staged, file), 'utf8').replaceAll(`"profile": "${FIRST_PROFILE}"`, `"profile": "${profile}"`);
      await store.put(`canonical/${profile}/${file}`, text, JSON_TYPE);
    }
  }
}

/** What bravo's owner decided after the baseline night. */
export async function bravoDecides(store: Store): Promise<void> {
  const decisions = { schemaVersion: 1, decisions: [{ item: `cand:${BRAVO_ACCEPTS}`, action: 'accept', at: '2026-11-27T12:00:00Z', covers: { arxiv: ['2101.05068'], doi: [], dblp: [] } }] };
  await store.put('canonical/bravo/decisions.json', `${JSON.stringify(decisions, null, 2)}\n`, JSON_TYPE);
}

/** A loopback arXiv + dblp; `dblpDelayMs` makes every dblp reply that slow. */
export function startSources(options: { dblpDelayMs?: number } = {}): Promise<LoopbackServer> {
  return startLoopback((req) => {
    const reply: Reply = recordingsRoute(req.url);
    const isDblp = req.url.startsWith('/search/') || req.url.startsWith('/pid/');
    return isDblp && options.dblpDelayMs ? { delayMs: options.dblpDelayMs, then: reply } : reply;
  });
}

/** A copy of a folder store (the baseline) for one test case. */
export function copyStore(root: string): { root: string; store: FsStore } {
  const copy = mkdtempSync(join(tmpdir(), 'ps-night-'));
  cpSync(root, copy, { recursive: true });
  return { root: copy, store: new FsStore(copy) };
}

export const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined);

/** Every public object of a profile, key → text. */
export async function publicState(store: Store, profile: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const key of await store.list(`public/${profile}/`)) out[key] = text((await store.get(key))!.body)!;
  return out;
}
