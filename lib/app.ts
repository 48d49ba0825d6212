/**
 * CDK app entry (cdk.json: npx tsx lib/app.ts). Configuration by context:
 *   -c profiles=sanghyuk-chun,another   (default: every folder of data/profiles)
 *   -c scheduleTime=03:15  -c timeZone=Asia/Seoul  -c notifyEmail=owner@example.org
 *   -c corsOrigins=https://example.org  -c nag=true (run cdk-nag AwsSolutions checks)
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageCanonical } from './canonical-staging.ts';
import { ProfileSyncStack } from './profile-sync-stack.ts';

const app = new App();
const ctx = (key: string): string | undefined => {
  const v: unknown = app.node.tryGetContext(key);
  return typeof v === 'string' && v !== '' ? v : undefined;
};
const list = (key: string) => ctx(key)?.split(',').map((s) => s.trim()).filter(Boolean);
const profiles = list('profiles') ?? readdirSync(join(import.meta.dirname, '..', 'data', 'profiles'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

const corsOrigins = list('corsOrigins');
const scheduleTime = ctx('scheduleTime');
const timeZone = ctx('timeZone');
const notifyEmail = ctx('notifyEmail');
const dataDir = join(import.meta.dirname, '..', 'data');
new ProfileSyncStack(app, ctx('stackName') ?? 'ProfileSync', {
  description: 'profile-sync: nightly arXiv + dblp reconciliation of researcher profiles',
  profiles,
  canonicalDir: await stageCanonical(dataDir, profiles),
  ...(scheduleTime ? { scheduleTime } : {}),
  ...(timeZone ? { timeZone } : {}),
  ...(notifyEmail ? { notifyEmail } : {}),
  ...(corsOrigins ? { corsOrigins } : {}),
});
if (ctx('nag') === 'true') Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
