#!/usr/bin/env node
// The CLI is TypeScript (src/cli/main.ts). It runs from a bundle of our own code that esbuild
// writes to node_modules/.cache/profile-sync/cli-<stamp>/ whenever a source file is newer than the
// bundle (packages stay external and load from node_modules as usual). The bundle is split: the
// command table loads at start, each command's work (and the packages it needs: the S3 SDK, axios,
// cheerio, the XML parser) loads when that command runs, so `--help` starts in a fraction of the
// time. A bundle's folder is never rewritten (a running command may still load its chunks): a new
// stamp gets a new folder; a folder is touched each time a command starts from it, and one unused for
// two days is pruned (no command runs that long: `review --web` stops after at most a day idle).
// PROFILE_SYNC_NO_BUNDLE=1 runs the sources through tsx instead (no build step at all).
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cliBundleOptions } from './cli-bundle.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The newest modification time among the CLI's sources (and the package manifest, and how the bundle is built). */
function newestSource() {
  let newest = Math.max(statSync(join(root, 'package.json')).mtimeMs, statSync(join(root, 'bin', 'cli-bundle.js')).mtimeMs);
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
  const cache = join(root, 'node_modules', '.cache', 'profile-sync');
  const dir = join(cache, `cli-${Math.floor(newestSource())}`);
  const entry = join(dir, 'main.mjs');
  if (!existsSync(entry)) {
    const { build } = await import('esbuild');
    mkdirSync(cache, { recursive: true });
    const tmp = `${dir}.${process.pid}.tmp`; // concurrent starts each build, then one rename wins
    await build(cliBundleOptions(root, tmp));
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another start won the race with the same bundle
    }
  }
  const now = new Date();
  try {
    utimesSync(dir, now, now); // in use: not pruned while commands start from it
  } catch {
    // another start may be renaming it into place; it is there when the import below runs
  }
  const unusedSince = now.getTime() - 2 * 86_400_000;
  for (const old of readdirSync(cache)) {
    const p = join(cache, old);
    if (!old.startsWith('cli') || p === dir) continue;
    // Best effort: another start may be pruning the same folder.
    const seen = statSync(p, { throwIfNoEntry: false });
    if (seen && seen.mtimeMs < unusedSince) rmSync(p, { recursive: true, force: true });
  }
  return entry;
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
