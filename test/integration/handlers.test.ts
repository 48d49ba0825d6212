/**
 * The Lambda handlers end to end, as Step Functions calls them, each building
 * its runtime from the environment as on Lambda: s3rver as the bucket
 * (canonical/ staged as a deploy would), a loopback server as arXiv and dblp.
 * Keys are all that pass between the steps.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageCanonical } from '../../lib/canonical-staging.ts';
import type { LoopbackServer } from '../helpers/loopback-server.ts';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';
import { startRecordingsServer } from '../helpers/recordings-server.ts';
import { BUCKET, startS3, type RunningS3 } from '../helpers/s3rver.ts';
import { startSnsEndpoint, type SnsEndpoint } from '../helpers/sns-endpoint.ts';

let s3: RunningS3;
let sources: LoopbackServer;
let sns: SnsEndpoint;
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:OwnerNotifications';
const run = { startTime: '2026-11-28T03:15:00.000Z', execution: 'arn:aws:states:us-east-1:123456789012:execution:Workflow:nightly-1' };
const event = { profile: FIRST_PROFILE, ...run };
const RUN = '20261128T031500Z';

beforeAll(async () => {
  s3 = await startS3();
  sources = await startRecordingsServer();
  sns = await startSnsEndpoint();
  Object.assign(process.env, {
    BUCKET,
    S3_ENDPOINT: s3.endpoint,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: 'us-east-1',
    ARXIV_API_URL: `${sources.baseUrl}/api/query`,
    ARXIV_OAI_URL: `${sources.baseUrl}/oai`,
    DBLP_BASE_URL: sources.baseUrl,
    TOPIC_ARN: TOPIC,
    AWS_ENDPOINT_URL_SNS: sns.url,
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  });
  // The deploy: the repository's profile staged, then the seeding custom resource's handler (Create).
  const staged = await stageCanonical(DATA, [FIRST_PROFILE]);
  const store = s3.store();
  for (const f of readdirSync(join(staged, FIRST_PROFILE))) {
    await store.put(`staging/canonical/h1/${FIRST_PROFILE}/${f}`, readFileSync(join(staged, FIRST_PROFILE, f)), { contentType: 'application/json' });
  }
  const seed = (await import('../../functions/seed/handler.ts')).handler;
  expect(await seed({ RequestType: 'Create', ResourceProperties: { ServiceToken: 'arn:x', StagingPrefix: 'staging/canonical/h1/' } })).toEqual({ PhysicalResourceId: 'profile-sync-canonical-seeding', Data: { Seeded: FIRST_PROFILE, Kept: '0' } });
  expect((await store.list(`canonical/${FIRST_PROFILE}/`)).sort()).toEqual(['config.json', 'cv.json', 'fetch-plan.json'].map((f) => `canonical/${FIRST_PROFILE}/${f}`));
  // Delete does nothing; a malformed event is refused.
  expect(await seed({ RequestType: 'Delete', PhysicalResourceId: 'profile-sync-canonical-seeding', ResourceProperties: { StagingPrefix: 'staging/canonical/h1/' } })).toEqual({ PhysicalResourceId: 'profile-sync-canonical-seeding' });
  await expect(seed({ RequestType: 'Create', ResourceProperties: { StagingPrefix: 'canonical/' } })).rejects.toThrow(/StagingPrefix: expected staging\/canonical\/<hash>\//);
});
afterAll(async () => {
  await sources?.close();
  await s3?.close();
  await sns?.close();
});

describe('Lambda handlers', () => {
  it('discover, harvest-dblp, harvest-arxiv, close-gaps, reconcile, notify, summarize: keys out, report and profile in the bucket, the email published by the SNS client', async () => {
    // Lambda's context: the time left and the request id (the harvesters' deadline and lease holder).
    const context = { awsRequestId: 'request-1', getRemainingTimeInMillis: () => 14 * 60_000 };
    const discovered = await (await import('../../functions/discover/handler.ts')).handler({ input: {}, ...run });
    expect(discovered).toEqual({ runId: RUN, manifest: `runs/${RUN}/profiles.json`, manifestObject: `runs/${RUN}/profiles.json`, profiles: 1, dblpProfiles: 1, skipped: [], skippedCount: 0 });
    expect(JSON.parse(new TextDecoder().decode((await s3.store().get(`runs/${RUN}/profiles.json`))!.body))).toEqual([{ profile: FIRST_PROFILE, startTime: run.startTime }]);
    const dblp = await (await import('../../functions/harvest-dblp/handler.ts')).handler(run, context);
    expect(dblp).toMatchObject({ runId: RUN, status: 'done', profiles: 1, remaining: 0, requests: 2 });
    const arxiv = await (await import('../../functions/harvest-arxiv/handler.ts')).handler(run, context);
    expect(arxiv).toMatchObject({ runId: RUN, status: 'done', backfills: { done: 1, pending: 0, failed: 0 } });
    const gaps = await (await import('../../functions/close-gaps/handler.ts')).handler(run, context);
    expect(gaps).toMatchObject({ runId: RUN, status: 'ok' });
    // The source lease was taken and given back by each harvester.
    expect(JSON.parse(new TextDecoder().decode((await s3.store().get('harvest/_lease/dblp.json'))!.body))).toMatchObject({ released: true, holder: `${run.execution}/${RUN}/request-1` });
    const result = await (await import('../../functions/reconcile/handler.ts')).handler({ ...event, sources: [{ source: 'arxiv', status: arxiv.status }, { source: 'dblp', status: dblp.status }], gaps: { source: 'arxiv', status: gaps.status } });
    expect(result).toEqual({ profile: FIRST_PROFILE, runId: '20261128T031500Z', outcome: 'published', report: expect.any(String), pendingReview: 20, degradedSources: [], profileChanged: true, resumed: false });
    expect(result.report).toBe(`s3://${BUCKET}/reports/${FIRST_PROFILE}/20261128T031500Z/diff.html`);
    expect(await s3.store().get(`public/${FIRST_PROFILE}/publications.bib`)).toBeDefined();

    const notified = await (await import('../../functions/notify/handler.ts')).handler(event);
    expect(notified).toEqual({ status: 'sent', messageId: 'msg-1', subject: `${FIRST_PROFILE}: 13 new papers, 6 differences, 1 version event to review`, newItems: 20, pending: 20, reminder: false });
    expect(sns.published).toHaveLength(1);
    const [email] = sns.published;
    expect(email).toMatchObject({ topicArn: TOPIC, subject: notified.subject, attributes: { profile: { dataType: 'String', value: FIRST_PROFILE }, kind: { dataType: 'String', value: 'report' } } });
    expect(email!.message).toContain(`  npx profile-sync review -p ${FIRST_PROFILE} --bucket ${BUCKET}\n`);
    expect(email!.message).toContain(`Report: s3://${BUCKET}/reports/${FIRST_PROFILE}/20261128T031500Z/diff.html\n`);
    // Told once: the same step again sends nothing.
    expect(await (await import('../../functions/notify/handler.ts')).handler(event)).toMatchObject({ status: 'not-needed', newItems: 0, pending: 20 });
    expect(sns.published).toHaveLength(1);

    // The summary reads the Map's exported results (here one child's, written as Step Functions writes them).
    const child = { ExecutionArn: `${run.execution}/EachProfile:1`, Name: '1', Status: 'SUCCEEDED', Input: JSON.stringify(event), Output: JSON.stringify({ profile: FIRST_PROFILE, outcome: result.outcome, notice: notified }) };
    await s3.store().put('runs/map-results/run-1/SUCCEEDED_0.json', JSON.stringify([child]), { contentType: 'application/json' });
    await s3.store().put('runs/map-results/run-1/manifest.json', JSON.stringify({ DestinationBucket: BUCKET, MapRunArn: 'arn:aws:states:us-east-1:123456789012:mapRun:Workflow/EachProfile:run-1', ResultFiles: { SUCCEEDED: [{ Key: 'runs/map-results/run-1/SUCCEEDED_0.json', Size: 1 }], FAILED: [], PENDING: [] } }), { contentType: 'application/json' });
    const summary = await (await import('../../functions/summarize/handler.ts')).handler({ ...run, map: { ResultWriterDetails: { Bucket: BUCKET, Key: 'runs/map-results/run-1/manifest.json' } }, discovered, harvest: [{ source: 'arxiv', status: 'done' }, { source: 'dblp', status: 'done' }] });
    expect(summary).toMatchObject({ runId: RUN, outcomes: `runs/${RUN}/outcomes/nightly-1.json`, counts: { profiles: 1, published: 1, publishedDegraded: 0, failed: 0, skipped: 0 }, failed: [] });
  }, 60_000);

  it('a malformed event is refused with what is wrong', async () => {
    const { handler } = await import('../../functions/reconcile/handler.ts');
    await expect(handler({ profile: '../etc', startTime: 'x' })).rejects.toThrow(/event\.profile: expected a profile id/);
    await expect((await import('../../functions/harvest-dblp/handler.ts')).handler({ startTime: '2026-11-28' })).rejects.toThrow(/event\.startTime: expected a UTC ISO time/);
    const discover = (await import('../../functions/discover/handler.ts')).handler;
    const other = { startTime: '2026-11-29T03:15:00.000Z', execution: `${run.execution}-b` };
    await expect(discover({ input: { profiles: ['../etc'] }, ...other })).rejects.toThrow(/execution input\.profiles: expected a non-empty list of profile ids/);
    // A run asked for one profile only: the others are not run; a name not in the bucket is skipped with why.
    expect(await discover({ input: { profiles: [FIRST_PROFILE, 'nobody'] }, ...other })).toMatchObject({ profiles: 1, skipped: [{ profile: 'nobody', reason: 'not in the store: no canonical/nobody/ records (never pushed, or removed)' }], skippedCount: 1 });
  });
});
