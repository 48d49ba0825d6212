/**
 * Design principle 8: every call each function makes while the synthesized
 * workflow runs (test/workflow/local-cloud.ts, the real handlers), every
 * call the state machine makes itself (the Map's items and results, the
 * Lambda versions it invokes, its SNS messages) and every call of a deploy
 * (the BucketDeployment's staging, the seeding), evaluated by an IAM
 * evaluator (@cloud-copilot/iam-simulate) against the policies the same
 * template attaches to that caller. A call the template does not allow fails
 * the test, naming the caller, the action and the key. The table of callers ×
 * actions × key shapes seen goes to test-output/iam-workflow-access.md.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsStore } from '../../src/store/fs-store.ts';
import { REPO } from '../helpers/paths.ts';
import type { LoopbackServer } from '../helpers/loopback-server.ts';
import { LocalCloud } from '../workflow/local-cloud.ts';
import { synthesizeWorkflow, type SynthesizedWorkflow } from '../workflow/synthesized-workflow.ts';
import { BASELINE, NIGHT, PROFILES, bravoDecides, deploy, sourceUrls, stagedWorld, startSources } from '../workflow/world.ts';
import { prefixOf } from './iam/recorded-calls.ts';
import { accessTable } from './iam/stack-access.ts';
import { workflowIam, type WorkflowIam } from './iam/workflow-iam.ts';

let workflow: SynthesizedWorkflow;
let sources: LoopbackServer;
let iam: WorkflowIam;

beforeAll(async () => {
  workflow = await synthesizeWorkflow(await stagedWorld());
  iam = workflowIam(workflow);
  sources = await startSources();
  const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-iam-')));
  const cloud = () => new LocalCloud({ workflow, store, sourceUrls: sourceUrls(sources), ...iam.recording });
  // A deploy (the BucketDeployment stages, the seeding function seeds), the first night, an owner's decision, a
  // published page the next night no longer publishes (reconcile deletes it, conditionally), the next night.
  await deploy(store, workflow, 'Create', iam.deployAs(store));
  await cloud().run(BASELINE.startTime, 'nightly-20261127');
  await bravoDecides(store);
  await store.put('public/bravo/hugo-blox/publications/withdrawn-work/index.md', '---\ntitle: withdrawn\n---\n', { contentType: 'text/markdown' });
  await store.put('public/bravo/papers/withdrawn-work.html', '<!doctype html><title>withdrawn</title>', { contentType: 'text/html' });
  await cloud().run(NIGHT.startTime, 'nightly-20261128');
}, 300_000);
afterAll(async () => {
  await sources?.close();
});

describe('IAM: what the template allows is what the workflow does', () => {
  it('every call of every function, of the state machine and of the deploy is allowed by the policies the template attaches to its caller', async () => {
    const violations = await iam.violations();
    const log = iam.log;
    const table = accessTable(log.calls, (k) => prefixOf(k, PROFILES));
    mkdirSync(join(REPO, 'test-output'), { recursive: true });
    writeFileSync(
      join(REPO, 'test-output', 'iam-workflow-access.md'),
      `# Calls seen while the workflow ran (deploy, two nights)\n\n${table}\n\n## Denied\n\n${violations.map((v) => `- ${v}`).join('\n') || 'none'}\n`,
    );
    // Every caller was seen: the evaluator is not vacuous. (Three profiles, below the dump setting: dblp from person
    // pages in the Lambda; the dump task's night is evaluated in test/workflow/dblp-dump-night.test.ts.)
    expect(new Set(log.calls.map((c) => c.caller))).toEqual(new Set([...Object.values(workflow.functions), 'Workflow', workflow.ids.seed, iam.deployer]));
    expect(log.calls.some((c) => c.caller === workflow.functions.reconcile && c.call.startsWith('delete public/bravo/hugo-blox/publications/withdrawn-work/'))).toBe(true);
    expect(log.calls.some((c) => c.caller === workflow.functions.reconcile && c.call.startsWith('delete public/bravo/papers/withdrawn-work.html'))).toBe(true);
    expect(violations).toEqual([]);
  });
});
