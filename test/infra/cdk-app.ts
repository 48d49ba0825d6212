/** The CDK app (lib/app.ts) as `cdk synth` starts it: a tsx process with the context cdk passes (CDK_CONTEXT_JSON), bundling skipped, into a temporary cdk.out. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNode, type CliRun } from '../helpers/cli-output.ts';
import { REPO } from '../helpers/paths.ts';

export function runCdkApp(context: Readonly<Record<string, unknown>>): Promise<CliRun> {
  const env = { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ 'aws:cdk:bundling-stacks': [], ...context }), CDK_OUTDIR: mkdtempSync(join(tmpdir(), 'ps-synth-')) };
  return runNode([join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(REPO, 'lib', 'app.ts')], { env, timeout: 60_000 });
}
