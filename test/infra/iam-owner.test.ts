/**
 * Design principle 9 and the owner's loop on AWS: the owner's CLI commands
 * (pull, push, review --accept, email, remove — the CLI's main(), in this process)
 * against S3 as AWS answers them under the stack's owner policy
 * (test/infra/iam/enforcing-s3.ts over s3rver with S3's conditional writes),
 * the caller an IAM user tagged profile-sync-profile=alpha. alpha's commands
 * on alpha work and nothing they need is denied; the same commands on bravo
 * are denied and leave bravo's objects as they were. The requests seen and
 * denied go to test-output/iam-owner-access.md.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestReport } from '../../src/review/latest-report.ts';
import type { Store } from '../../src/store/store.ts';
import { cliWithEnv } from '../helpers/in-process-cli.ts';
import { pinClockForFile } from '../helpers/pinned-clock.ts';
import { startConditionalS3, type ConditionalS3 } from '../helpers/conditional-s3.ts';
import type { LoopbackServer } from '../helpers/loopback-server.ts';
import { REPO } from '../helpers/paths.ts';
import { BUCKET } from '../helpers/s3rver.ts';
import { LocalCloud } from '../workflow/local-cloud.ts';
import { synthesizeWorkflow, type SynthesizedWorkflow } from '../workflow/synthesized-workflow.ts';
import { BASELINE, deploy, sourceUrls, stagedWorld, startSources, text, worldData } from '../workflow/world.ts';
import { prefixOf } from './iam/recorded-calls.ts';
import { decide } from './iam/evaluate.ts';
import { startEnforcingS3, type EnforcingS3 } from './iam/enforcing-s3.ts';
import { parameterArn, startEnforcingSsm, type EnforcingSsm } from './iam/enforcing-ssm.ts';
import { roleSession } from './iam/sts-session.ts';
import { accessTable, describeViolation, distinct, type Caller } from './iam/stack-access.ts';
import { TemplatePolicies } from './iam/template-policies.ts';

/** The tag an owner's IAM user or role carries: the profile it may reach (README, The owner's loop on AWS). */
const TAG = 'profile-sync-profile';

// The CLI runs in this process: its clock is the night after the baseline's, whatever day the suite runs on.
pinClockForFile('2026-11-28T03:00:00Z');

let workflow: SynthesizedWorkflow;
let sources: LoopbackServer;
let s3: ConditionalS3;
let store: Store;
let aws: EnforcingS3;
let ssm: EnforcingSsm;

/** The deployed review page's key ring (README: the operator makes it once), and the parameter holding it. */
const REVIEW_KEYS = '/profile-sync/review-keys';
const RING = JSON.stringify({ current: 'k1', keys: [{ id: 'k1', secret: Buffer.alloc(32, 7).toString('base64') }] });

function owner(profile: string): Caller {
  const policies = new TemplatePolicies(workflow.template);
  return { principal: `arn:aws:iam::123456789012:user/owner-${profile}`, identity: [policies.managedPolicy(workflow.ids.ownerPolicy)], tags: { [TAG]: profile } };
}

/** The operator: an IAM user with the stack's operator policy (README, The owner's loop on AWS). */
function operator(): Caller {
  const policies = new TemplatePolicies(workflow.template);
  return { principal: 'arn:aws:iam::123456789012:user/operator', identity: [policies.managedPolicy(workflow.ids.operatorPolicy)] };
}

/** A curator's session of the curator role (README: no role tag, the owner policy), assumed with the profile as a session tag. */
function curatorSession(profile: string): Caller {
  const policies = new TemplatePolicies(workflow.template);
  return roleSession({ role: 'profile-sync-curator', session: 'curator', identity: [policies.managedPolicy(workflow.ids.ownerPolicy)], sessionTags: { [TAG]: profile } });
}

/** Who a caller name is: owner:<profile>, curator:<profile> (a session tagged with it), or the operator. */
function callerOf(name: string): Caller {
  if (name === 'operator') return operator();
  if (name.startsWith('curator:')) return curatorSession(name.slice('curator:'.length));
  return owner(name.replace(/^owner:/, ''));
}

/** The CLI as an owner runs it against the bucket, with that owner's credentials. */
const as = (who: string, ...args: string[]) => cli(`owner:${who}`, args);

/**
 * The CLI run with `caller`'s credentials: against the bucket (`bucket`: its name; null: no store options), SSM
 * through its stand-in. In this process (the same main() the bin runs; the bin itself is tested with processes in
 * test/cli/): who calls is the enforcing endpoints' to say, the environment is the shell's a person would have.
 */
async function cli(caller: string, args: string[], o: { bucket?: string | null } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  aws.as(caller);
  ssm.as(caller);
  const bucket = o.bucket === null ? [] : ['--bucket', o.bucket ?? BUCKET, '--endpoint', aws.endpoint, '--path-style', '--region', 'us-east-1'];
  // review --open prints the path instead of opening a browser when there is no display.
  const env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1', AWS_MAX_ATTEMPTS: '1', AWS_ENDPOINT_URL_SSM: ssm.endpoint, DISPLAY: undefined, WAYLAND_DISPLAY: undefined };
  return cliWithEnv(env, ...args, ...bucket);
}

/** A laptop's data folder (pull writes the records into it, push reads them from it): empty, or with a checkout's records. */
function laptop(withRecords = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'ps-owner-laptop-'));
  if (withRecords) cpSync(join(worldData(), 'profiles'), join(dir, 'profiles'), { recursive: true });
  else mkdirSync(join(dir, 'profiles'));
  return dir;
}

async function etags(prefix: string): Promise<Record<string, string>> {
  return Object.fromEntries(await Promise.all((await store.list(prefix)).map(async (k) => [k, (await store.get(k))!.etag] as const)));
}

beforeAll(async () => {
  workflow = await synthesizeWorkflow(await stagedWorld());
  sources = await startSources();
  s3 = await startConditionalS3(600_000);
  store = s3.store();
  await deploy(store, workflow);
  await new LocalCloud({ workflow, store, sourceUrls: sourceUrls(sources) }).run(BASELINE.startTime, 'nightly-20261127');
  const resources = { policies: new TemplatePolicies(workflow.template), bucketId: workflow.ids.bucket, topicId: workflow.ids.topic, keyId: workflow.ids.key };
  aws = await startEnforcingS3({ upstream: s3.endpoint, bucket: BUCKET, bucketName: workflow.bucketName, callers: callerOf, resources });
  ssm = await startEnforcingSsm({ parameters: { [REVIEW_KEYS]: RING, '/other/secret': 'not the operator\'s' }, callers: callerOf, resources });
}, 300_000);
afterAll(async () => {
  await aws?.close();
  await ssm?.close();
  await s3?.close();
  await sources?.close();
});

describe("IAM: each owner reaches only their own profile (owner policy, tag-based)", () => {
  it("alpha's owner: email, review (--accept, --reject, --keep-mine, --accept-theirs, --ack, --undo, --open), pull, push and remove on alpha work with nothing denied; the same on bravo are denied and change nothing of bravo's", async () => {
    const results: Array<{ who: string; profile: string; label: string; code: number; stdout: string; stderr: string }> = [];
    const run = async (who: string, profile: string, label: string, args: string[]) => {
      const r = await as(who, ...args);
      results.push({ who, profile, label, code: r.code, stdout: r.stdout, stderr: r.stderr });
    };
    // The items of a profile's latest report that each review answer fits: two candidates, two differences, a version event.
    const itemsOf = async (profile: string) => {
      const report = await latestReport(store, profile);
      const [cand, cand2] = report.candidates.map((c) => c.id);
      const [diff, diff2] = report.differences.map((d) => d.id);
      const [event] = report.events.map((e) => e.id);
      const items = { cand, cand2, diff, diff2, event };
      for (const [name, id] of Object.entries(items)) expect(id, `${profile}'s report has a ${name}`).toBeDefined();
      return items as Record<keyof typeof items, string>;
    };
    const commands = (profile: string, data: string, i: Record<'cand' | 'cand2' | 'diff' | 'diff2' | 'event', string>) => [
      ['email', ['email', '-p', profile]],
      ['review --accept', ['review', '-p', profile, '--data', mkdtempSync(join(tmpdir(), 'ps-no-data-')), '--accept', i.cand]],
      ['review --reject --keep-mine --accept-theirs --ack', ['review', '-p', profile, '--data', mkdtempSync(join(tmpdir(), 'ps-no-data-')), '--reject', i.cand2, '--keep-mine', i.diff, '--accept-theirs', i.diff2, '--ack', i.event]],
      ['review --undo', ['review', '-p', profile, '--data', mkdtempSync(join(tmpdir(), 'ps-no-data-')), '--undo', i.cand]],
      ['review --open', ['review', '-p', profile, '--open']],
      ['pull', ['pull', '-p', profile, '--data', data]],
      ['push', ['push', '-p', profile, '--data', data]],
      ['remove', ['remove', '-p', profile, '--data', data]],
    ] as const;
    const pause = (data: string, profile: string) => {
      const config = join(data, 'profiles', profile, 'config.json');
      writeFileSync(config, readFileSync(config, 'utf8').replace('"schemaVersion": 1,', '"schemaVersion": 1,\n  "paused": true,'));
    };

    // alpha's owner on bravo, first (before alpha's records change): every command is refused.
    const bravoBefore = { ...(await etags('canonical/bravo/')), ...(await etags('reports/bravo/')) };
    const bravoItems = await itemsOf('bravo');
    const onBravo = laptop(true); // a checkout that has bravo's records (pull is refused)
    for (const [label, args] of commands('bravo', onBravo, bravoItems)) {
      if (label === 'push') pause(onBravo, 'bravo');
      await run('alpha', 'bravo', label, [...args]);
    }
    const deniedOnBravo = distinct(aws.denied.filter((v) => v.caller === 'owner:alpha'));
    const bravoAfter = { ...(await etags('canonical/bravo/')), ...(await etags('reports/bravo/')) };
    const deniedBefore = aws.denied.length;

    // alpha's owner on alpha: every command works, nothing it needs is denied.
    const alphaItems = await itemsOf('alpha');
    const onAlpha = laptop();
    for (const [label, args] of commands('alpha', onAlpha, alphaItems)) {
      if (label === 'push') pause(onAlpha, 'alpha');
      await run('alpha', 'alpha', label, [...args]);
    }
    const deniedOnAlpha = distinct(aws.denied.slice(deniedBefore));

    const table = accessTable(aws.calls, (k) => prefixOf(k, ['alpha', 'bravo', 'charlie']));
    mkdirSync(join(REPO, 'test-output'), { recursive: true });
    writeFileSync(
      join(REPO, 'test-output', 'iam-owner-access.md'),
      `# The owner's CLI under the owner policy (caller tagged ${TAG}=alpha)\n\n${results.map((r) => `- ${r.who}'s owner → ${r.profile}: ${r.label}: exit ${r.code}${r.stderr ? ` (${r.stderr.trim().split('\n')[0]})` : ''}`).join('\n')}\n\n${table}\n\n## Denied on bravo\n\n${deniedOnBravo.map((v) => `- ${describeViolation(v)}`).join('\n') || 'none'}\n\n## Denied on alpha\n\n${deniedOnAlpha.map((v) => `- ${describeViolation(v)}`).join('\n') || 'none'}\n`,
    );
    expect(deniedOnAlpha.map(describeViolation)).toEqual([]);
    expect(results.filter((r) => r.profile === 'alpha').map((r) => [r.label, r.code, r.stderr])).toEqual(commands('alpha', onAlpha, alphaItems).map(([label]) => [label, 0, label === 'review --open' ? `the report of run ${BASELINE.runId} is at the path above (no browser could be opened here)\n` : '']));
    const said = (label: string) => results.find((r) => r.profile === 'alpha' && r.label === label)!.stdout;
    expect(said('review --reject --keep-mine --accept-theirs --ack')).toContain('recorded 4 decision(s)');
    expect(said('review --undo')).toContain(`undid ${alphaItems.cand}`);
    expect(said('review --open')).toContain('diff.html');
    expect(await store.list('canonical/alpha/')).toEqual(['canonical/alpha/removed.json']); // removed by its owner (the marker a deploy honours)
    expect(results.filter((r) => r.profile === 'bravo' && r.code === 0).map((r) => r.label)).toEqual([]);
    expect(deniedOnBravo.length).toBeGreaterThan(0);
    expect(bravoAfter).toEqual(bravoBefore);
  }, 180_000);
});

describe('IAM: a curator session (the curator role, the profile as a session tag) reaches that profile only', () => {
  it("a session tagged charlie: email and review --open on charlie work with nothing denied; on bravo they are denied", async () => {
    const before = aws.denied.length;
    const on = async (profile: string) => [await cli('curator:charlie', ['email', '-p', profile]), await cli('curator:charlie', ['review', '-p', profile, '--open'])].map((r) => r.code);
    expect(await on('charlie')).toEqual([0, 0]);
    expect(distinct(aws.denied.slice(before)).map(describeViolation)).toEqual([]);
    expect(await on('bravo')).toEqual([1, 1]);
    const denied = distinct(aws.denied.slice(before));
    expect(denied.length).toBeGreaterThan(0);
    expect(denied.every((v) => v.caller === 'curator:charlie' && /\/bravo\/|s3:prefix \w+\/bravo\//.test(describeViolation(v)))).toBe(true);
  }, 60_000);
});

/** A data folder holding `profile`'s records (alpha's, renamed) and, with `recordings`, the first user's recorded responses under its id. */
function operatorData(profile: string, o: { records?: boolean; recordings?: boolean }): string {
  const dir = mkdtempSync(join(tmpdir(), 'ps-operator-data-'));
  mkdirSync(join(dir, 'profiles'));
  if (o.records) {
    const from = join(worldData(), 'profiles', 'alpha');
    mkdirSync(join(dir, 'profiles', profile));
    for (const file of ['cv.json', 'config.json']) writeFileSync(join(dir, 'profiles', profile, file), readFileSync(join(from, file), 'utf8').replace('"profile": "alpha"', `"profile": "${profile}"`));
  }
  if (o.recordings) {
    cpSync(join(REPO, 'data', 'recordings', 'sanghyuk-chun'), join(dir, 'recordings', profile), { recursive: true });
    const manifest = join(dir, 'recordings', profile, 'manifest.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"profile": "sanghyuk-chun"', `"profile": "${profile}"`));
  }
  return dir;
}

describe("IAM: the operator's commands under the operator policy (README, The owner's loop on AWS)", () => {
  it('seed, sync --bucket, rollback and review-link --keys-parameter work with nothing denied; outside the policy (a --prefix, another bucket, another parameter) is denied', async () => {
    const before = aws.denied.length;
    const ssmBefore = ssm.denied.length;
    const results: Array<{ label: string; code: number; stdout: string; stderr: string }> = [];
    const run = async (label: string, args: string[], o: { bucket?: string | null } = {}) => results.push({ label, ...(await cli('operator', args, o)) });
    const newProfile = operatorData('delta', { records: true });
    const recordings = operatorData('charlie', { recordings: true });

    // charlie's owner dropped a work since the baseline night: the operator's sync removes its pages, the rollback brings them back.
    const cv = JSON.parse(text((await store.get('canonical/charlie/cv.json'))!.body)!) as { publications: Array<{ id: string }> };
    const dropped = cv.publications.shift()!.id;
    await store.put('canonical/charlie/cv.json', `${JSON.stringify(cv, null, 2)}\n`, { contentType: 'application/json' });
    const publishedBefore = await store.list('public/charlie/');

    await run('seed', ['seed', '-p', 'delta', '--data', newProfile]);
    await run('sync --bucket', ['sync', '--offline', '-p', 'charlie', '--data', recordings, '--run-id', '20261129T031500Z']);
    await run('rollback', ['rollback', '-p', 'charlie', '--to', BASELINE.runId]);
    await run('review-link --keys-parameter', ['review-link', '-p', 'charlie', '--keys-parameter', REVIEW_KEYS, '--base-url', 'https://d111111abcdef8.cloudfront.net/review/'], { bucket: null });
    const allowedDenied = [...distinct(aws.denied.slice(before)), ...distinct(ssm.denied.slice(ssmBefore))];
    const afterAllowed = aws.denied.length;
    const ssmAfterAllowed = ssm.denied.length;

    // Outside the policy: keys outside the bucket's known prefixes, another bucket, another parameter.
    await run('seed --prefix lab-a', ['seed', '-p', 'delta', '--data', newProfile, '--prefix', 'lab-a']);
    await run('sync --bucket <another bucket>', ['sync', '--offline', '-p', 'charlie', '--data', recordings], { bucket: 'another-bucket' });
    await run('review-link --keys-parameter <another parameter>', ['review-link', '-p', 'charlie', '--keys-parameter', '/other/secret'], { bucket: null });
    const outside = [...distinct(aws.denied.slice(afterAllowed)), ...distinct(ssm.denied.slice(ssmAfterAllowed))];

    const table = accessTable([...aws.calls, ...ssm.calls].filter((c) => c.caller === 'operator'), (k) => prefixOf(k, ['alpha', 'bravo', 'charlie', 'delta']));
    mkdirSync(join(REPO, 'test-output'), { recursive: true });
    writeFileSync(
      join(REPO, 'test-output', 'iam-operator-access.md'),
      `# The operator's CLI under the operator policy\n\n${results.map((r) => `- ${r.label}: exit ${r.code}${r.stderr ? ` (${r.stderr.trim().split('\n')[0]})` : ''}`).join('\n')}\n\n${table}\n\n## Denied outside the policy\n\n${outside.map((v) => `- ${describeViolation(v)}`).join('\n') || 'none'}\n\n## Denied within\n\n${allowedDenied.map((v) => `- ${describeViolation(v)}`).join('\n') || 'none'}\n`,
    );

    expect(allowedDenied.map(describeViolation)).toEqual([]);
    expect(results.slice(0, 4).map((r) => [r.label, r.code])).toEqual([['seed', 0], ['sync --bucket', 0], ['rollback', 0], ['review-link --keys-parameter', 0]]);
    expect(results[0]!.stdout).toContain('seeded delta');
    expect(results[2]!.stdout).toContain(`rolled back charlie`);
    expect(results[3]!.stdout).toMatch(/^https:\/\/d111111abcdef8\.cloudfront\.net\/review\/\S+\n$/);
    expect((await store.list('canonical/delta/')).sort()).toEqual(['canonical/delta/config.json', 'canonical/delta/cv.json', 'canonical/delta/fetch-plan.json']);
    // What each write right is for was used: the sync removed the dropped work's pages, the rollback put them back.
    const operatorCalls = aws.calls.filter((c) => c.caller === 'operator').map((c) => c.call);
    expect(operatorCalls.filter((c) => c.startsWith('DELETE public/charlie/') && c.includes(dropped)).length, `the sync deletes ${dropped}'s pages`).toBeGreaterThan(0);
    expect(operatorCalls.filter((c) => c.startsWith('PUT public/charlie/') && c.includes(dropped)).length, `the rollback restores ${dropped}'s pages`).toBeGreaterThan(0);
    expect((await store.list('public/charlie/')).sort()).toEqual(publishedBefore.sort());
    expect((await store.list('staging/')).filter((k) => !k.startsWith(workflow.deployment.destinationPrefix))).toEqual([]); // seed removed what it staged
    expect((await store.list('reports/charlie/20261129T031500Z/')).length).toBeGreaterThan(0);

    expect(results.slice(4).map((r) => [r.label, r.code])).toEqual([['seed --prefix lab-a', 1], ['sync --bucket <another bucket>', 1], ['review-link --keys-parameter <another parameter>', 1]]);
    expect(await store.list('lab-a/')).toEqual([]);
    expect(outside.map((v) => `${v.action} ${v.resource}`)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^s3:PutObject arn:aws:s3:::[^/]+\/lab-a\/staging\//), expect.stringMatching(/^s3:\w+ arn:aws:s3:::another-bucket/), `ssm:GetParameter ${parameterArn('/other/secret')}`]),
    );

    // Seed creates canonical/ records only (If-None-Match); the operator cannot overwrite an owner's records.
    const put = (context: Record<string, string>) => decide({ principal: operator().principal, action: 's3:PutObject', resource: `arn:aws:s3:::${workflow.bucketName}/canonical/alpha/cv.json`, context: { 'aws:SecureTransport': 'true', ...context } }, { identity: operator().identity });
    expect(await put({ 's3:if-none-match': '*' })).toBe('Allowed');
    expect(await put({})).toBe('ImplicitlyDenied');
    expect(await put({ 's3:if-match': '"etag"' })).toBe('ImplicitlyDenied');
  }, 120_000);
});
