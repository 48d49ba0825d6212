#!/usr/bin/env node
// The CLI is TypeScript (src/cli/main.ts). It runs from a bundle of our own code that esbuild
// writes to node_modules/.cache/profile-sync/ whenever a source file is newer than the bundle
// (packages stay external and load from node_modules as usual). One file starts in a fraction
// of the time a module-by-module TypeScript loader takes. PROFILE_SYNC_NO_BUNDLE=1 runs the
// sources through tsx instead (no build step at all).
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The newest modification time among the CLI's sources (and the package manifest). */
function newestSource() {
  let newest = statSync(join(root, 'package.json')).mtimeMs;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(join(root, 'src'));
  return newest;
}

async function bundled() {
  const out = join(root, 'node_modules', '.cache', 'profile-sync', 'cli.mjs');
  if (existsSync(out) && statSync(out).mtimeMs >= newestSource()) return out;
  const { build } = await import('esbuild');
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`; // concurrent starts each build, then one rename wins
  await build({ entryPoints: [join(root, 'src', 'cli', 'main.ts')], outfile: tmp, bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20', sourcemap: 'inline', logLevel: 'error' });
  renameSync(tmp, out);
  return out;
}

let main;
if (process.env.PROFILE_SYNC_NO_BUNDLE === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
} else {
  ({ main } = await import(pathToFileURL(await bundled()).href));
}
process.exitCode = await main(process.argv);
