/**
 * CDK app entry (cdk.json: npx tsx lib/app.ts). Configuration by context
 * (lib/context.ts checks each value; a wrong one stops synth with one line):
 *   -c profiles=sanghyuk-chun,another   profiles a deploy seeds if the bucket lacks them (default: every
 *                                       folder of the data folder); the run finds its profiles in the bucket
 *   -c data=DIR                          (the data folder; default: the repository's data/)
 *   -c scheduleTime=03:15  -c timeZone=Asia/Seoul  -c notifyEmail=owner@example.org
 *   -c corsOrigins=https://example.org  -c domainName=… -c certificateArn=…  -c nag=true
 *   -c mapConcurrency=10  -c toleratedFailurePercent=5  -c runTimeoutHours=2   (a department: README)
 *   -c dblpDumpAbove=200                 profiles with dblp on above which dblp is read from its daily dump
 *                                        (an ECS Fargate task) instead of person pages; "off": no task
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { InputError, formatIssue } from '../src/input/input-error.ts';
import { ContextError, readDeployContext } from './context.ts';

const app = new App();
// -c data=DIR: another data folder (tests synthesise a broken one); default the repository's data/.
const dataOverride: unknown = app.node.tryGetContext('data');
const dataDir = typeof dataOverride === 'string' && dataOverride !== '' ? dataOverride : join(import.meta.dirname, '..', 'data');
const known = readdirSync(join(dataDir, 'profiles'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

try {
  const ctx = readDeployContext((key) => app.node.tryGetContext(key), known);
  const profiles = ctx.profiles ?? known;
  // The records are checked, then the stack's modules load (most of a synth's start): a wrong context value or a
  // broken cv.json stops synth in about a second, not three.
  const { stageCanonical } = await import('./canonical-staging.ts');
  const canonicalDir = await stageCanonical(dataDir, profiles);
  const { ProfileSyncStack } = await import('./profile-sync-stack.ts');
  new ProfileSyncStack(app, ctx.stackName, {
    description: 'profile-sync: nightly arXiv + dblp reconciliation of researcher profiles',
    canonicalDir,
    scheduleTime: ctx.scheduleTime,
    timeZone: ctx.timeZone,
    corsOrigins: ctx.corsOrigins,
    mapConcurrency: ctx.mapConcurrency,
    toleratedFailurePercent: ctx.toleratedFailurePercent,
    runTimeoutHours: ctx.runTimeoutHours,
    dblpDumpAbove: ctx.dblpDumpAbove,
    ...(ctx.notifyEmail ? { notifyEmail: ctx.notifyEmail } : {}),
    ...(ctx.domain ? { domain: ctx.domain } : {}),
  });
  if (ctx.nag) {
    const { AwsSolutionsChecks } = await import('cdk-nag');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }
} catch (e) {
  // What the deployer must fix, in one line each; anything else is a bug and keeps its stack trace.
  if (e instanceof ContextError) fail([e.message]);
  if (e instanceof InputError) fail(e.issues.map(formatIssue));
  throw e;
}
app.synth();

function fail(lines: readonly string[]): never {
  process.stderr.write(lines.map((l) => `profile-sync: ${l}\n`).join(''));
  process.exit(1);
}
