/**
 * Issue 11's "Done means", through the synthesized workflow executed in the
 * ASL interpreter (test/workflow/local-cloud.ts) on a folder bucket that
 * enforces If-Match / If-None-Match as S3 does: the repository deployed (the
 * seeding custom resource's handler) → the nightly run → the email, as the
 * notify Lambda sends it through SNS → `review --bucket` (the CLI's main(), the
 * command the email gives) → the next run proposes nothing already decided
 * and emails nothing already told, with no deploy in between; a profile
 * pushed between two runs is run by the second; a deploy after the review
 * leaves the decisions in place; a profile paused by a config flag + push is
 * skipped, with the reason in the execution's output.
 *
 * Every AWS call the functions, the state machine and the two deploys make
 * along the loop is recorded and, at the end, evaluated against the policies
 * the template attaches to each caller (test/infra/iam/workflow-iam.ts); the
 * owner's own commands are evaluated under the owner policy in
 * test/infra/iam-owner.test.ts.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decisionsFile } from '../../src/canonical/decisions.ts';
import { loadProfileInput } from '../../src/canonical/profile-input.ts';
import { fetchPlanText } from '../../src/pipeline/records/push.ts';
import { parseJsonDocument } from '../../src/input/json-document.ts';
import { validateDocument } from '../../src/input/validate.ts';
import { latestReport } from '../../src/review/latest-report.ts';
import { pendingItems } from '../../src/review/pending.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { stageCanonical } from '../../lib/canonical-staging.ts';
import { cli } from '../helpers/in-process-cli.ts';
import { pinClockForFile } from '../helpers/pinned-clock.ts';
import type { LoopbackServer } from '../helpers/loopback-server.ts';
import { DATA, FIRST_PROFILE as P, REPO } from '../helpers/paths.ts';
import { LocalCloud } from './local-cloud.ts';
import { synthesizeWorkflow, type SynthesizedWorkflow } from './synthesized-workflow.ts';
import { deploy, sourceUrls, startSources, text } from './world.ts';
import { WATCHDOG } from '../helpers/watchdog.ts';
import { workflowIam, type WorkflowIam } from '../infra/iam/workflow-iam.ts';

// The CLI runs in this process (test/helpers/in-process-cli.ts) with the clock at the morning of the runs below, whatever day it is.
pinClockForFile('2026-11-28T04:00:00Z');

vi.setConfig({ ...WATCHDOG.workflow });

const GOLDEN_EMAIL = join(REPO, 'test', 'golden', `${P}.first-email.txt`);
const NEW = 'ada-lab';

let workflow: SynthesizedWorkflow;
let sources: LoopbackServer;
let iam: WorkflowIam;

beforeAll(async () => {
  // The stack as `cdk deploy` synthesizes it from this repository (lib/app.ts stages data/profiles).
  workflow = await synthesizeWorkflow(await stageCanonical(DATA, [P]));
  iam = workflowIam(workflow);
  sources = await startSources();
});
afterAll(async () => {
  await sources?.close();
});

/** The owner's working copy, with a second profile made from the first user's records. */
function laptopWithNewProfile(): string {
  const laptop = mkdtempSync(join(tmpdir(), 'ps-laptop-'));
  cpSync(join(DATA, 'profiles'), join(laptop, 'profiles'), { recursive: true });
  cpSync(join(laptop, 'profiles', P), join(laptop, 'profiles', NEW), { recursive: true });
  for (const f of ['cv.json', 'config.json']) {
    const file = join(laptop, 'profiles', NEW, f);
    writeFileSync(file, readFileSync(file, 'utf8').replace(`"profile": "${P}"`, `"profile": "${NEW}"`));
  }
  return laptop;
}

describe("the owner's loop through the executed workflow", () => {
  it('deploy → nightly run → the email → review --bucket → the next runs propose nothing decided and email nothing told; a pushed profile is run, a deploy keeps the decisions, a paused profile is skipped with why', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ps-bucket-'));
    const store = new FsStore(root);
    const night = async (startTime: string, name: string) => {
      const cloud = new LocalCloud({ workflow, store, sourceUrls: sourceUrls(sources), storeArgs: `--bucket ${root}`, ...iam.recording });
      return { cloud, out: await cloud.run(startTime, name) };
    };
    const decisions = async () => validateDocument(parseJsonDocument('decisions.json', text((await store.get(`canonical/${P}/decisions.json`))!.body)!), decisionsFile);
    const records = async () => Object.fromEntries(await Promise.all((await store.list(`canonical/${P}/`)).map(async (k) => [k, (await store.get(k))!.etag] as const)));

    // The first deploy seeds the repository's profile.
    expect((await deploy(store, workflow, 'Create', iam.deployAs(store))).Data).toEqual({ Seeded: P, Kept: '0' });

    // Night 1: published, and the owner's first email, sent by the notify Lambda to the topic with the profile's attributes.
    const n1 = await night('2026-11-28T03:15:00.000Z', 'nightly-20261128');
    expect(n1.out.skipped).toEqual([]);
    expect(n1.out.profiles).toEqual([expect.objectContaining({ profile: P, outcome: 'published', notice: { status: 'sent', messageId: 'message-1', subject: `${P}: 13 new papers, 6 differences, 1 version event to review`, newItems: 20, pending: 20, reminder: false } })]);
    expect(n1.cloud.told).toHaveLength(1);
    const email = n1.cloud.told[0]!;
    expect(email).toMatchObject({ via: 'lambda', attributes: { profile: P, kind: 'report' } });
    const asSent = `Subject: ${email.subject}\n\n${email.message.replaceAll(root, '<bucket>')}`;
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(GOLDEN_EMAIL, asSent);
    expect(existsSync(GOLDEN_EMAIL), `${GOLDEN_EMAIL} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
    expect(asSent).toBe(readFileSync(GOLDEN_EMAIL, 'utf8'));

    // The owner runs the command the email gives, answering five of the items it lists by their ids.
    // Ids are shown ready to paste into a shell: a difference id with [ ] in single quotes.
    const listed = [...email.message.matchAll(/^- .* '?((?:cand|diff|event):[^\s']+)'?$/gm)].map((m) => m[1]!);
    expect(email.message).toContain("'diff:cvpr20-wsol-eval:authors[2].name:1eb1548462'");
    expect(listed).toHaveLength(20);
    const decided = ['cand:arxiv-2101-05068', 'cand:arxiv-2511-99999', 'diff:cvpr20-wsol-eval:authors[2].name:1eb1548462', 'diff:iccv19-wct2:authors[4].name:3b5f1a231a', 'event:arxiv20-adamp:published:conf/iclr/HeoCOHYKUH21'];
    for (const id of decided) expect(listed).toContain(id);
    const command = /^ {2}npx profile-sync (review -p \S+ --bucket \S+)$/m.exec(email.message)![1]!.split(' ');
    const empty = mkdtempSync(join(tmpdir(), 'ps-no-data-'));
    const review = await cli(...command, '--data', empty, '--accept', decided[0]!, '--reject', decided[1]!, '--accept-theirs', decided[2]!, '--keep-mine', decided[3]!, '--ack', decided[4]!);
    expect([review.code, review.stderr]).toEqual([0, '']);
    expect(review.stdout).toContain(`recorded 5 decision(s) in ${root}/canonical/${P}/decisions.json`);

    // Between the nights the owner adds a profile with push (no deploy).
    const laptop = laptopWithNewProfile();
    const push = await cli('push', '-p', NEW, '--bucket', root, '--data', laptop);
    expect([push.code, push.stderr]).toEqual([0, '']);
    // The fetch plan the fetch Lambdas will read is the one push derived and checked from the pushed records.
    expect(text((await store.get(`canonical/${NEW}/fetch-plan.json`))!.body)).toBe(fetchPlanText(await loadProfileInput(laptop, NEW), 'fetch-plan.json'));

    // Night 2: both profiles run; nothing decided is proposed again; the first owner gets no email (nothing new),
    // the new profile's owner gets its first.
    const n2 = await night('2026-11-29T03:15:00.000Z', 'nightly-20261129');
    expect(n2.out.profiles.map((o) => [o.profile, o.outcome, (o['notice'] as { status: string }).status])).toEqual([
      [NEW, 'published', 'sent'],
      [P, 'published', 'not-needed'],
    ]);
    expect(n2.cloud.invocations.filter((i) => i.profile === NEW).map((i) => i.outcome)).toEqual(['ok', 'ok']); // reconcile, notify (the sources were harvested once for both)
    // The new profile's first backfill came with the night's arXiv harvest: its holdings are there.
    expect(await store.get(`harvest/${NEW}/arxiv.json`)).toBeDefined();
    expect(n2.cloud.told.map((t) => [t.subject, t.attributes])).toEqual([[`${NEW}: 13 new papers, 6 differences, 1 version event to review`, { profile: NEW, kind: 'report' }]]);
    const pending2 = pendingItems(await latestReport(store, P), await decisions()).map((i) => i.id);
    expect(pending2).toHaveLength(15);
    for (const id of decided) expect(pending2).not.toContain(id);
    const profile = JSON.parse(text((await store.get(`public/${P}/profile.json`))!.body)!) as { publications: Array<{ id: string; status: string; authors: Array<{ name: string }> }> };
    expect(profile.publications.find((w) => w.id === 'arxiv-2101-05068')?.status).toBe('canonical');
    expect(profile.publications.find((w) => w.id === 'cvpr20-wsol-eval')?.authors[2]?.name).toBe('Seungho Lee');

    // A deploy from the repository (whose data/ knows nothing of the review): an Update of the seeding that keeps every record.
    const before = await records();
    expect((await deploy(store, workflow, 'Update', iam.deployAs(store))).Data).toEqual({ Seeded: '', Kept: '1' });
    expect(await records()).toEqual(before);

    // The new profile is paused: a config flag, pushed.
    const config = join(laptop, 'profiles', NEW, 'config.json');
    writeFileSync(config, readFileSync(config, 'utf8').replace('"schemaVersion": 1,', '"schemaVersion": 1,\n  "paused": true,'));
    const pause = await cli('push', '-p', NEW, '--bucket', root, '--data', laptop);
    expect([pause.code, pause.stderr]).toEqual([0, '']);

    // Night 3: the paused profile is skipped with why; the first profile still has nothing decided proposed, nothing told twice.
    const n3 = await night('2026-11-30T03:15:00.000Z', 'nightly-20261130');
    expect(n3.out.skipped).toEqual([{ profile: NEW, reason: 'paused (config.json)' }]);
    expect(n3.out.profiles.map((o) => o.profile)).toEqual([P]);
    expect(n3.cloud.invocations.filter((i) => i.profile === NEW)).toEqual([]);
    expect(n3.cloud.told).toEqual([]);
    expect(pendingItems(await latestReport(store, P), await decisions()).map((i) => i.id)).toEqual(pending2);

    // Every call the functions, the state machine and the deploys made along the loop: allowed by the template.
    expect(new Set(iam.log.calls.map((c) => c.caller))).toEqual(new Set([...Object.values(workflow.functions), 'Workflow', workflow.ids.seed, iam.deployer]));
    expect(await iam.violations()).toEqual([]);
  });
});
