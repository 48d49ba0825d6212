/**
 * `profile-sync --help` starts in about the time of bare Node (issue 23; measured by `npm run bench`): the command
 * table is all that loads at start. Each command's work, and the packages it needs, load when that command runs.
 * This builds the CLI's bundle as bin/profile-sync.js does and follows the static imports from its entry.
 */
import { build, type Metafile } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JavaScript beside the bin script, no declarations
import { cliBundleOptions } from '../../bin/cli-bundle.js';
import { REPO } from '../helpers/paths.ts';

function loadedAtStart(meta: Metafile): { packages: string[]; sources: string[] } {
  const outputs = meta.outputs;
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (out: string) => {
    if (seen.has(out)) return;
    seen.add(out);
    for (const i of outputs[out]!.imports) {
      if (i.kind === 'dynamic-import') continue;
      if (i.external) packages.add(i.path);
      else visit(i.path);
    }
  };
  visit(Object.keys(outputs).find((k) => k.endsWith('/main.mjs'))!);
  const sources = [...seen].flatMap((o) => Object.keys(outputs[o]!.inputs)).filter((i) => i.startsWith('src/'));
  return { packages: [...packages].filter((p) => !p.startsWith('node:')).sort(), sources: sources.sort() };
}

describe('the CLI at start', () => {
  it('loads commander and the command table only: no S3 SDK, HTTP client, HTML or XML parser, schema library', async () => {
    const out = mkdtempSync(join(tmpdir(), 'profile-sync-cli-start-'));
    try {
      const result = await build({ ...(cliBundleOptions(REPO, out) as object), absWorkingDir: REPO, metafile: true, write: false });
      const start = loadedAtStart(result.metafile);
      expect(start.packages).toEqual(['commander']);
      // The work of each command is elsewhere: no reconcile, harvest, source parser or publisher at start.
      expect(start.sources.filter((s) => /^src\/(reconcile|harvest\/(?!fetch-plan|user-agent)|sources\/(arxiv|dblp|xml)|publish\/(?!publish-record))/.test(s))).toEqual([]);
      expect(start.sources).toContain('src/cli/main.ts');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
