/**
 * `npm run bundle-size`: bundles each Lambda with the deployed esbuild settings
 * (lib/constructs/pipeline-function.ts) and prints its minified size against
 * the budget, and its cold import time next to a bare `node` start (fresh
 * processes, warm file cache, median of 15); and the web component's gzipped
 * size against its 10 KB budget.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleOptions, RUNTIME_SDK_CLIENTS } from '../lib/constructs/pipeline-function.ts';

const ROOT = join(import.meta.dirname, '..');
// The harvesters: axios (85 kB) + cheerio/slim in XML mode with htmlparser2 and its entity tables (~100 kB) + the pinned
// S3 client (they write the lease, holdings and progress with If-Match) + our code.
const BUDGET = { discover: 300_000, 'harvest-arxiv': 800_000, 'harvest-dblp': 800_000, 'close-gaps': 800_000, reconcile: 900_000, notify: 700_000, summarize: 200_000, seed: 600_000, 'review-web': 700_000 } as const;
const SDK_BUNDLED = { discover: false, 'harvest-arxiv': true, 'harvest-dblp': true, 'close-gaps': true, reconcile: true, notify: true, summarize: false, seed: true, 'review-web': true } as const;
const RUNS = 15;
const WEB_COMPONENT_BUDGET = 10 * 1024;

// Inside the project, so an external @aws-sdk resolves from node_modules as it does from the Lambda runtime.
const dir = mkdtempSync(join(ROOT, '.bundle-size-'));
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function coldStart(code: string, env: NodeJS.ProcessEnv = {}): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    execFileSync(process.execPath, ['--input-type=module', '-e', code], { env: { ...process.env, ...env }, stdio: 'ignore' });
    times.push(performance.now() - t);
  }
  return median(times);
}

try {
  const bare = coldStart('0');
  console.log(`bundles (minified ESM, node22, esbuild as deployed); cold import = median of ${RUNS} fresh node processes`);
  console.log(`bare node start: ${bare.toFixed(0)} ms`);
  let over = false;
  for (const name of Object.keys(BUDGET) as Array<keyof typeof BUDGET>) {
    const outfile = join(dir, name, 'index.mjs');
    await build(bundleOptions(join(ROOT, 'functions', name, 'handler.ts'), outfile, SDK_BUNDLED[name] ? [...RUNTIME_SDK_CLIENTS] : ['@aws-sdk/*']));
    const size = statSync(outfile).size;
    // Importing runs the module's cold-start code (S3 client, logger); @aws-sdk resolves from node_modules when external.
    writeFileSync(join(dir, name, 'package.json'), '{"type":"module"}');
    const ms = coldStart(`await import(${JSON.stringify(outfile)})`, { BUCKET: 'bench-bucket', TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:bench', AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
    const ok = size <= BUDGET[name];
    over ||= !ok;
    console.log(`${name.padEnd(12)} ${(size / 1000).toFixed(0).padStart(4)} kB = ${size} B (budget ${BUDGET[name] / 1000} kB: ${ok ? 'ok' : 'OVER'})  S3 client ${SDK_BUNDLED[name] ? 'bundled' : 'from the runtime'}  cold import ${ms.toFixed(0)} ms (+${(ms - bare).toFixed(0)} ms over bare node)`);
  }
  // The web component is served as it is (no bundling); what a browser downloads is its gzipped size.
  const component = readFileSync(join(ROOT, 'web', 'publication-list.js'));
  const gz = gzipSync(component, { level: 9 }).byteLength;
  const componentOk = gz <= WEB_COMPONENT_BUDGET;
  over ||= !componentOk;
  console.log(`${'web component'.padEnd(12)} web/publication-list.js ${component.byteLength} B, gzipped ${gz} B = ${(gz / 1024).toFixed(1)} KB (budget ${WEB_COMPONENT_BUDGET / 1024} KB gzipped: ${componentOk ? 'ok' : 'OVER'})`);
  process.exitCode = over ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
