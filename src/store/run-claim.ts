/**
 * Idempotent run-scoped writes. A run's keys (raw/<profile>/<run>/…,
 * reports/<profile>/<run>/…) are created with If-None-Match: *, so a second
 * writer is refused. A retried step (Step Functions retry, a redriven
 * execution) is not a second writer: it is the same run, and must be able to
 * finish what an earlier attempt began.
 *
 * The run's owner (the execution ARN on AWS, a per-process token in the CLI)
 * claims the run once per profile with a create-only marker,
 * raw/<profile>/<run>/owner.json. A writer that holds the claim turns a 412
 * on one of the run's keys into "an earlier attempt of mine wrote this":
 * identical bytes are accepted as they are, different bytes replace the
 * earlier attempt's object (If-Match on the ETag read, so two live attempts
 * cannot interleave unseen). A writer that does not hold the claim gets
 * RunClaimedError (a PreconditionFailedError: exit 5 in the CLI) before it
 * writes anything.
 */
import { PreconditionFailedError, toBytes, type PutOptions, type PutResult, type Store, type StoredObject } from './store.ts';

/** Another run (a different owner) holds this run id: nothing of it may be written. */
export class RunClaimedError extends PreconditionFailedError {
  constructor(key: string, runId: string, owner: string, mine: string) {
    super(key, `run ${runId} belongs to ${owner}, not ${mine}`);
    this.message = `${key}: run ${runId} belongs to ${owner}; this writer is ${mine}, a different run, so it may not write the run's keys`;
    this.name = 'RunClaimedError';
  }
}

export interface RunClaim {
  readonly profile: string;
  readonly runId: string;
  /** Who writes the run: the execution ARN on AWS, "cli:<token>" locally. */
  readonly owner: string;
}

export function claimKey(profile: string, runId: string): string {
  return `raw/${profile}/${runId}/owner.json`;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.byteLength === b.byteLength && Buffer.from(a).equals(Buffer.from(b));

function ownerOf(obj: StoredObject): string | undefined {
  try {
    const doc = JSON.parse(new TextDecoder().decode(obj.body)) as { owner?: unknown };
    return typeof doc.owner === 'string' ? doc.owner : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What one claim covers: its marker, and which keys are the run's. A profile's
 * run (raw/<profile>/<run>/owner.json: raw/<profile>/<run>/…, reports/<profile>/<run>/…),
 * or a whole nightly run's shared keys (runs/<run>/owner.json: runHarvestScope).
 */
export interface ClaimScope {
  readonly key: string;
  readonly runId: string;
  readonly owner: string;
  readonly profile?: string;
  readonly owns: (key: string) => boolean;
}

const profileScope = (claim: RunClaim): ClaimScope => ({ key: claimKey(claim.profile, claim.runId), runId: claim.runId, owner: claim.owner, profile: claim.profile, owns: (key) => inRun(key, claim) });

/**
 * A nightly run's shared keys, claimed once by its first step (runs/<run>/owner.json):
 * the run's manifest and fleet (runs/<run>/…), the harvests' pages and manifests
 * (raw/…/<run>/…), their progress documents (harvest/_<source>/progress-<run>.json).
 * Keys that outlive the run (holdings, watermark, index, leases) are not the run's:
 * they are written with If-Match, never create-only.
 */
export function runHarvestScope(runId: string, owner: string): ClaimScope {
  return { key: `runs/${runId}/owner.json`, runId, owner, owns: (key) => key.startsWith(`runs/${runId}/`) || (key.startsWith('raw/') && key.includes(`/${runId}/`)) || (key.startsWith('harvest/_') && key.endsWith(`-${runId}.json`)) };
}

/** Creates the run's claim, or checks that the existing claim is ours. */
export async function claimRun(store: Store, claim: RunClaim | ClaimScope, at: Date): Promise<void> {
  const scope = 'key' in claim ? claim : profileScope(claim);
  const key = scope.key;
  const body = `${JSON.stringify({ ...(scope.profile ? { profile: scope.profile } : {}), runId: scope.runId, owner: scope.owner, claimedAt: at.toISOString() }, null, 2)}\n`;
  try {
    await store.put(key, body, { contentType: 'application/json; charset=utf-8', cacheControl: 'no-cache', ifNoneMatch: '*' });
  } catch (e) {
    if (!(e instanceof PreconditionFailedError)) throw e;
    const current = await store.get(key);
    const owner = current ? ownerOf(current) : undefined;
    if (owner !== scope.owner) throw new RunClaimedError(key, scope.runId, owner ?? 'an unreadable claim', scope.owner);
  }
}

/** Whether a key belongs to the claimed run (raw/<profile>/<run>/… or reports/<profile>/<run>/…). */
function inRun(key: string, claim: RunClaim): boolean {
  return key.startsWith(`raw/${claim.profile}/${claim.runId}/`) || key.startsWith(`reports/${claim.profile}/${claim.runId}/`);
}

export interface OwnedRunStore extends Store {
  /** Makes (or checks) the claim now: a step calls it first, so another run's step does no work at all. */
  claim(): Promise<void>;
}

/**
 * The store as the owner of one run sees it: create-only writes to the run's
 * own keys succeed again on a retry; everything else passes through unchanged.
 * The claim is made before the first write of the run at the latest (once).
 */
export function ownedRunStore(store: Store, claim: RunClaim | ClaimScope, now: () => Date): OwnedRunStore {
  const scope = 'key' in claim ? claim : profileScope(claim);
  let claimed: Promise<void> | undefined;
  const ensureClaim = () => {
    claimed ??= claimRun(store, scope, now()).catch((e: unknown) => {
      claimed = undefined; // a transient failure may be retried by the next write
      throw e;
    });
    return claimed;
  };
  const rewrite = async (key: string, bytes: Uint8Array, options: PutOptions): Promise<PutResult> => {
    const { ifNoneMatch: _create, ...replace } = options;
    for (let attempt = 1; ; attempt++) {
      const current = await store.get(key);
      if (current && sameBytes(current.body, bytes)) return { etag: current.etag };
      try {
        return await store.put(key, bytes, current ? { ...replace, ifMatch: current.etag } : options);
      } catch (e) {
        // Another live attempt of this same run wrote in between: read again (bounded).
        if (!(e instanceof PreconditionFailedError) || attempt >= 3) throw e;
      }
    }
  };
  return {
    description: store.description,
    claim: ensureClaim,
    get: (key) => store.get(key),
    list: (prefix) => store.list(prefix),
    delete: (key, options) => store.delete(key, options),
    async put(key, body, options) {
      if (options.ifNoneMatch !== '*' || !scope.owns(key)) return store.put(key, body, options);
      await ensureClaim();
      const bytes = toBytes(body);
      try {
        return await store.put(key, bytes, options);
      } catch (e) {
        if (!(e instanceof PreconditionFailedError)) throw e;
        return rewrite(key, bytes, options);
      }
    },
  };
}
