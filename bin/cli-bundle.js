// How the CLI's bundle is built (bin/profile-sync.js; test/architecture/cli-start.test.ts checks what it loads at start).
import { join } from 'node:path';

/** esbuild options: our sources in one split bundle, packages external (loaded from node_modules when a chunk needs them). */
export function cliBundleOptions(root, outdir) {
  return {
    entryPoints: { main: join(root, 'src', 'cli', 'main.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Stack traces name our sources with NODE_OPTIONS=--enable-source-maps; a linked map costs nothing at start.
    sourcemap: 'linked',
    logLevel: 'error',
  };
}
