/**
 * What a harvester may do in the data bucket: the harvest Lambdas and
 * close-gaps (lib/profile-sync-stack.ts) and the dblp dump task
 * (lib/constructs/dblp-dump-task.ts), which runs the same dblp harvest in a
 * container. Patterns under the bucket; they delete nothing.
 */
export const HARVESTER_GRANTS = {
  /** GetObject: the run's fleet and claim, the pages and manifests, the holdings, index, watermark, progress and leases. */
  get: ['runs/*', 'raw/*', 'harvest/*'],
  /** PutObject: raw/ and harvest/; in runs/ only the run's claim (runs/<run>/owner.json, made by discovery, checked with a create-only PUT). */
  put: ['raw/*', 'harvest/*', 'runs/*/owner.json'],
  /** ListBucket, by s3:prefix (S3Store lists a key to tell a 404 from a 403). */
  list: ['runs', 'raw', 'harvest'],
} as const;
