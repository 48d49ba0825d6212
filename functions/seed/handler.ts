/**
 * Deploy-time seeding, a CloudFormation custom resource (behind the CDK
 * Provider framework). A deploy copies the repository's validated profiles to
 * staging/canonical/<content hash>/ (BucketDeployment); on Create and Update
 * this copies into canonical/ the profiles the bucket lacks, create-only
 * (src/pipeline/records/seed-canonical.ts): records already in the bucket (the
 * owner's truth, edited by review and push since) and removed profiles are
 * never overwritten. Delete does nothing: the records are the owner's, not
 * the stack's. Returns what was seeded, for the deploy's events.
 */
import { seedCanonical } from '../../src/pipeline/records/seed-canonical.ts';
import { lambdaRuntime, StepEventError, type StepRuntime } from '../shared/runtime.ts';

/** One seeding per stack: an Update keeps the resource (no Delete of an old one). */
export const SEEDING_ID = 'profile-sync-canonical-seeding';

export interface SeedResourceResult {
  readonly PhysicalResourceId: string;
  /** Attributes of the resource (Fn::GetAtt), small: CloudFormation takes 4 KB in all. */
  readonly Data?: { readonly Seeded: string; readonly Kept: string };
}

const STAGING = /^staging\/canonical\/[A-Za-z0-9-]+\/$/;

function parseEvent(event: unknown): { type: 'Create' | 'Update' | 'Delete'; stagingPrefix: string } {
  const e = (event ?? {}) as { RequestType?: unknown; ResourceProperties?: { StagingPrefix?: unknown } };
  if (e.RequestType !== 'Create' && e.RequestType !== 'Update' && e.RequestType !== 'Delete') throw new StepEventError(`event.RequestType: expected Create, Update or Delete, got ${JSON.stringify(e.RequestType)}`);
  const prefix = e.ResourceProperties?.StagingPrefix;
  if (typeof prefix !== 'string' || !STAGING.test(prefix)) throw new StepEventError(`event.ResourceProperties.StagingPrefix: expected staging/canonical/<hash>/, got ${JSON.stringify(prefix)}`);
  return { type: e.RequestType, stagingPrefix: prefix };
}

export async function seedResource(rt: Pick<StepRuntime, 'store' | 'log'>, event: unknown): Promise<SeedResourceResult> {
  const { type, stagingPrefix } = parseEvent(event);
  if (type === 'Delete') {
    rt.log('seeding: nothing to do on delete (canonical/ is the owner\'s)', { stagingPrefix });
    return { PhysicalResourceId: SEEDING_ID };
  }
  const r = await seedCanonical(rt.store, stagingPrefix);
  rt.log('seeded', { stagingPrefix, seeded: r.seeded, kept: r.kept });
  const seeded = r.seeded.join(',');
  return { PhysicalResourceId: SEEDING_ID, Data: { Seeded: seeded.length > 1000 ? `${seeded.slice(0, 990)}… (${r.seeded.length})` : seeded, Kept: String(r.kept.length) } };
}

export const handler = (event: unknown) => seedResource(lambdaRuntime(), event);
