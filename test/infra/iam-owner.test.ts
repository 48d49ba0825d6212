/**
 * Design principle 9 and the owner's loop on AWS: the owner's CLI commands
 * (pull, push, review --accept, email, remove — the real CLI, a process)
 * against S3 as AWS answers them under the stack's owner policy
 * (test/infra/iam/enforcing-s3.ts over s3rver with S3's conditional writes),
 * the caller an IAM user tagged profile-sync-profile=alpha. alpha's commands
 * on alpha work and nothing they need is denied; the same commands on bravo
 * are denied and leave bravo's objects as they were. The requests seen and
 * denied go to test-output/iam-owner-access.md.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestReport } from '../../src/review/latest-report.ts';
import type { Store } from '../../src/store/store.ts';
import { BIN } from '../helpers/cli.ts';
import { startConditionalS3, type ConditionalS3 } from '../helpers/conditional-s3.ts';
import type { LoopbackServer } from '../helpers/loopback-server.ts';
import { REPO } from '../helpers/paths.ts';
import { BUCKET } from '../helpers/s3rver.ts';
import { LocalCloud } from '../workflow/local-cloud.ts';
import { synthesizeWorkflow, type SynthesizedWorkflow } from '../workflow/synthesized-workflow.ts';
import { BASELINE, deploy, sourceUrls, stagedWorld, startSources, worldData } from '../workflow/world.ts';
import { prefixOf } from './iam/recorded-calls.ts';
import { startEnforcingS3, type EnforcingS3 } from './iam/enforcing-s3.ts';
import { accessTable, describeViolation, distinct, type Caller } from './iam/stack-access.ts';
import { TemplatePolicies } from './iam/template-policies.ts';

/** The tag an owner's IAM user or role carries: the profile it may reach (README, The owner's loop on AWS). */
const TAG = 'profile-sync-profile';

let workflow: SynthesizedWorkflow;
let sources: LoopbackServer;
let s3: ConditionalS3;
let store: Store;
let aws: EnforcingS3;

function owner(profile: string): Caller {
  const policies = new TemplatePolicies(workflow.template);
  return { principal: `arn:aws:iam::123456789012:user/owner-${profile}`, identity: [policies.managedPolicy(workflow.ids.ownerPolicy)], tags: { [TAG]: profile } };
}

/** The CLI as an owner runs it against the bucket, with that owner's credentials. */
async function as(who: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  aws.as(`owner:${who}`);
  const bucket = ['--bucket', BUCKET, '--endpoint', aws.endpoint, '--path-style', '--region', 'us-east-1'];
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1', AWS_MAX_ATTEMPTS: '1' };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args, ...bucket], { cwd: REPO, env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
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
  const callers = (caller: string) => owner(caller.replace(/^owner:/, ''));
  aws = await startEnforcingS3({ upstream: s3.endpoint, bucket: BUCKET, bucketName: workflow.bucketName, callers, resources: { policies: new TemplatePolicies(workflow.template), bucketId: workflow.ids.bucket, topicId: workflow.ids.topic, keyId: workflow.ids.key } });
}, 300_000);
afterAll(async () => {
  await aws?.close();
  await s3?.close();
  await sources?.close();
});

describe("IAM: each owner reaches only their own profile (owner policy, tag-based)", () => {
  it("alpha's owner: email, review --accept, pull, push and remove on alpha work with nothing denied; the same on bravo are denied and change nothing of bravo's", async () => {
    const results: Array<{ who: string; profile: string; label: string; code: number; stderr: string }> = [];
    const run = async (who: string, profile: string, label: string, args: string[]) => {
      const r = await as(who, ...args);
      results.push({ who, profile, label, code: r.code, stderr: r.stderr });
    };
    const commands = (profile: string, data: string, accept: string) => [
      ['email', ['email', '-p', profile]],
      ['review --accept', ['review', '-p', profile, '--data', mkdtempSync(join(tmpdir(), 'ps-no-data-')), '--accept', accept]],
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
    const bravoItem = (await latestReport(store, 'bravo')).changes.map((c) => (c as { id?: string }).id).find((id) => id?.startsWith('cand:')) ?? 'cand:arxiv-2101-05068';
    const onBravo = laptop(true); // a checkout that has bravo's records (pull is refused)
    for (const [label, args] of commands('bravo', onBravo, bravoItem)) {
      if (label === 'push') pause(onBravo, 'bravo');
      await run('alpha', 'bravo', label, [...args]);
    }
    const deniedOnBravo = distinct(aws.denied.filter((v) => v.caller === 'owner:alpha'));
    const bravoAfter = { ...(await etags('canonical/bravo/')), ...(await etags('reports/bravo/')) };
    const deniedBefore = aws.denied.length;

    // alpha's owner on alpha: every command works, nothing it needs is denied.
    const alphaItem = (await latestReport(store, 'alpha')).changes.map((c) => (c as { id?: string }).id).find((id) => id?.startsWith('cand:')) ?? 'cand:arxiv-2101-05068';
    const onAlpha = laptop();
    for (const [label, args] of commands('alpha', onAlpha, alphaItem)) {
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
    expect(results.filter((r) => r.profile === 'alpha').map((r) => [r.label, r.code, r.stderr])).toEqual(commands('alpha', onAlpha, alphaItem).map(([label]) => [label, 0, '']));
    expect(await store.list('canonical/alpha/')).toEqual(['canonical/alpha/removed.json']); // removed by its owner (the marker a deploy honours)
    expect(results.filter((r) => r.profile === 'bravo' && r.code === 0).map((r) => r.label)).toEqual([]);
    expect(deniedOnBravo.length).toBeGreaterThan(0);
    expect(bravoAfter).toEqual(bravoBefore);
  }, 180_000);
});
