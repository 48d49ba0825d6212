/**
 * The world the workflow tests run in: three profiles (alpha, bravo, charlie)
 * made from the first user's canonical records, deployed as a deploy does it
 * (staged by the BucketDeployment, seeded by the custom resource's handler);
 * loopback arXiv and dblp serving his recordings; a baseline night
 * (2026-11-27) already published; and for the night under test (2026-11-28)
 * an owner decision on bravo that changes its profile, so a failure that
 * kept the old profile is visible.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { seedResource, type SeedResourceResult } from '../../functions/seed/handler.ts';
import { stageCanonical } from '../../lib/canonical-staging.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import type { Store } from '../../src/store/store.ts';
import { startLoopback, type LoopbackServer, type Reply } from '../helpers/loopback-server.ts';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';
import { recordingsRoute } from '../helpers/recordings-server.ts';
import type { SynthesizedWorkflow } from './synthesized-workflow.ts';

export const PROFILES = ['alpha', 'bravo', 'charlie'] as const;
export const BASELINE = { startTime: '2026-11-27T03:15:00.000Z', runId: '20261127T031500Z' };
export const NIGHT = { startTime: '2026-11-28T03:15:00.000Z', runId: '20261128T031500Z' };
/** The decision bravo's owner recorded between the two nights: accept a candidate (the profile gains a work). */
export const BRAVO_ACCEPTS = 'arxiv-2101-05068';

const JSON_TYPE = { contentType: 'application/json' };

/** A data folder whose profiles are alpha, bravo and charlie (the first user's records under three ids). */
export function worldData(): string {
  const data = mkdtempSync(join(tmpdir(), 'ps-world-data-'));
  for (const profile of PROFILES) {
    mkdirSync(join(data, 'profiles', profile), { recursive: true });
    for (const file of ['cv.json', 'config.json']) {
      const text = readFileSync(join(DATA, 'profiles', FIRST_PROFILE, file), 'utf8').replace(`"profile": "${FIRST_PROFILE}"`, `"profile": "${profile}"`);
      writeFileSync(join(data, 'profiles', profile, file), text);
    }
  }
  return data;
}

/** The three profiles as lib/app.ts stages them for a deploy. */
export const stagedWorld = (): Promise<string> => stageCanonical(worldData(), PROFILES);

/**
 * A deploy, as CloudFormation runs it on the synthesized template: the
 * BucketDeployment copies the staged folder under its destination prefix,
 * then the seeding custom resource's handler gets a Create (or Update) event
 * with the resource's properties from the template. `as`: the store as the
 * BucketDeployment's handler and the seeding function each reach it (the IAM tests).
 */
export async function deploy(store: Store, workflow: SynthesizedWorkflow, requestType: 'Create' | 'Update' = 'Create', as: { readonly staging?: Store; readonly seed?: Store } = {}): Promise<SeedResourceResult> {
  const { canonicalDir, destinationPrefix, seedingProperties } = workflow.deployment;
  const files = readdirSync(canonicalDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  for (const f of files) {
    const path = join(f.parentPath, f.name);
    await (as.staging ?? store).put(`${destinationPrefix}${relative(canonicalDir, path)}`, readFileSync(path), { contentType: 'application/json' });
  }
  const event = { RequestType: requestType, ResourceType: 'Custom::CanonicalSeeding', LogicalResourceId: 'CanonicalSeeding', ResourceProperties: seedingProperties, ...(requestType === 'Update' ? { PhysicalResourceId: 'profile-sync-canonical-seeding', OldResourceProperties: seedingProperties } : {}) };
  return seedResource({ store: as.seed ?? store, log: () => undefined }, JSON.parse(JSON.stringify(event)));
}

/** What bravo's owner decided after the baseline night. */
export async function bravoDecides(store: Store): Promise<void> {
  const decisions = { schemaVersion: 1, decisions: [{ item: `cand:${BRAVO_ACCEPTS}`, action: 'accept', at: '2026-11-27T12:00:00Z', covers: { arxiv: ['2101.05068'], doi: [], dblp: [] } }] };
  await store.put('canonical/bravo/decisions.json', `${JSON.stringify(decisions, null, 2)}\n`, JSON_TYPE);
}

/**
 * A loopback arXiv (its Atom API answering with the recordings, its OAI-PMH
 * interface with an empty delta: noRecordsMatch) and dblp; `dblpDelayMs`
 * makes every dblp reply that slow.
 */
export function startSources(options: { dblpDelayMs?: number } = {}): Promise<LoopbackServer> {
  return startLoopback((req) => {
    const reply: Reply = recordingsRoute(req.url);
    const isDblp = req.url.startsWith('/search/') || req.url.startsWith('/pid/');
    return isDblp && options.dblpDelayMs ? { delayMs: options.dblpDelayMs, then: reply } : reply;
  });
}

/** The loopback sources as the functions' environment names them. */
export const sourceUrls = (s: LoopbackServer) => ({ arxiv: `${s.baseUrl}/api/query`, arxivOai: `${s.baseUrl}/oai`, dblp: s.baseUrl });

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
