/**
 * The three Lambda handlers end to end, as Step Functions calls them: s3rver
 * as the bucket (canonical/ staged as a deploy would), a loopback server as
 * arXiv and dblp. Keys are all that pass between the steps.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageCanonical } from '../../lib/canonical-staging.ts';
import type { LoopbackServer } from '../helpers/loopback-server.ts';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';
import { startRecordingsServer } from '../helpers/recordings-server.ts';
import { BUCKET, startS3, type RunningS3 } from '../helpers/s3rver.ts';

let s3: RunningS3;
let sources: LoopbackServer;
const event = { profile: FIRST_PROFILE, startTime: '2026-11-28T03:15:00.000Z', execution: 'arn:aws:states:us-east-1:123456789012:execution:Workflow:nightly-1' };

beforeAll(async () => {
  s3 = await startS3();
  sources = await startRecordingsServer();
  const staged = await stageCanonical(DATA, [FIRST_PROFILE]);
  const store = s3.store();
  for (const f of readdirSync(join(staged, FIRST_PROFILE))) {
    await store.put(`canonical/${FIRST_PROFILE}/${f}`, readFileSync(join(staged, FIRST_PROFILE, f)), { contentType: 'application/json' });
  }
  Object.assign(process.env, {
    BUCKET,
    S3_ENDPOINT: s3.endpoint,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: 'us-east-1',
    ARXIV_API_URL: `${sources.baseUrl}/api/query`,
    DBLP_BASE_URL: sources.baseUrl,
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  });
});
afterAll(async () => {
  await sources?.close();
  await s3?.close();
});

describe('Lambda handlers', () => {
  it('fetch-dblp, fetch-arxiv, then reconcile: keys out, report and profile in the bucket', async () => {
    const dblp = await (await import('../../functions/fetch-dblp/handler.ts')).handler(event);
    expect(dblp).toEqual({ profile: FIRST_PROFILE, runId: '20261128T031500Z', source: 'dblp', status: 'ok', manifest: `raw/${FIRST_PROFILE}/20261128T031500Z/dblp-manifest.json` });
    const arxiv = await (await import('../../functions/fetch-arxiv/handler.ts')).handler(event);
    expect(arxiv).toMatchObject({ source: 'arxiv', status: 'ok' });
    const result = await (await import('../../functions/reconcile/handler.ts')).handler(event);
    expect(result).toMatchObject({ profile: FIRST_PROFILE, runId: '20261128T031500Z', outcome: 'published', pendingReview: 20, degradedSources: [], profileChanged: true, resumed: false, notify: true });
    expect(result.subject).toBe(`profile-sync: 20 to review for ${FIRST_PROFILE}`);
    expect(result.message).toContain(`20 item(s) to review: s3://${BUCKET}/reports/${FIRST_PROFILE}/20261128T031500Z/diff.html\nAnswer with: npx profile-sync review -p ${FIRST_PROFILE} --bucket ${BUCKET}`);
    expect(result.report).toBe(`s3://${BUCKET}/reports/${FIRST_PROFILE}/20261128T031500Z/diff.html`);
    expect(await s3.store().get(`public/${FIRST_PROFILE}/publications.bib`)).toBeDefined();
  }, 60_000);

  it('a malformed event is refused with what is wrong', async () => {
    const { handler } = await import('../../functions/reconcile/handler.ts');
    await expect(handler({ profile: '../etc', startTime: 'x' })).rejects.toThrow(/event\.profile: expected a profile id/);
  });
});
