/** `cdk synth` as CI and a deployer run it: offline, local esbuild bundling (no Docker), cdk-nag on. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/paths.ts';

const run = promisify(execFile);

describe('cdk synth', () => {
  it('synthesises offline with the nine functions bundled, cdk-nag passing, and no warning', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ps-cdk-out-'));
    const cdk = join(REPO, 'node_modules', 'aws-cdk', 'bin', 'cdk');
    const { stdout, stderr } = await run(process.execPath, [cdk, 'synth', '-q', '--no-notices', '-c', 'nag=true', '-o', out], {
      cwd: REPO,
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_DISABLE_VERSION_CHECK: '1', CDK_HOME: mkdtempSync(join(tmpdir(), 'ps-cdk-home-')) },
      timeout: 240_000,
    });
    // Before issue 10, every synth warned that minimumProtocolVersion is ignored with the default certificate. A CDK
    // annotation prints "[Warning at …]", esbuild "▲ [WARNING]".
    expect(`${stdout}\n${stderr}`).not.toMatch(/\[warning|minimumProtocolVersion/i);
    const template = JSON.parse(readFileSync(join(out, 'ProfileSync.template.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: { Handler?: string; Runtime?: string } }> };
    const fns = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Runtime === 'nodejs22.x');
    expect(fns).toHaveLength(9); // discover, harvest-arxiv, harvest-dblp, close-gaps, reconcile, notify, summarize, seed, review-web
    const bundles = readdirSync(out).filter((d) => d.startsWith('asset.') && existsSync(join(out, d, 'index.mjs')));
    expect(bundles).toHaveLength(9);
  }, 240_000);
});
