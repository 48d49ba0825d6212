/**
 * Runs a .bib text through BibTeX itself (Debian's texlive-binaries, installed by
 * scripts/ensure-test-tools.sh) with the plain style and \citation{*}, so every
 * entry is read, its names parsed and its fields formatted. BibTeX counts braces
 * regardless of backslashes and reports what a lenient parser accepts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BibtexResult {
  /** BibTeX's exit status: 0 clean, 1 warnings, 2 errors. */
  readonly status: number;
  /** Error messages with their context lines ("I was expecting …---line 5 of file refs.bib"). */
  readonly errors: readonly string[];
  /** Lines starting "Warning--". */
  readonly warnings: readonly string[];
  /** The formatted bibliography (.bbl). */
  readonly bbl: string;
  /** The whole log (.blg), for failure messages. */
  readonly log: string;
}

export function runBibtex(bib: string, style = 'plain'): BibtexResult {
  const dir = mkdtempSync(join(tmpdir(), 'bibtex-'));
  try {
    writeFileSync(join(dir, 'refs.bib'), bib);
    writeFileSync(join(dir, 'doc.aux'), `\\relax\n\\citation{*}\n\\bibstyle{${style}}\n\\bibdata{refs}\n`);
    const r = spawnSync('bibtex', ['-terse', 'doc'], { cwd: dir, encoding: 'utf8', env: { ...process.env, openout_any: 'p' } });
    if (r.error) throw new Error(`bibtex could not run (${r.error.message}); run scripts/ensure-test-tools.sh`);
    const log = (() => { try { return readFileSync(join(dir, 'doc.blg'), 'utf8'); } catch { return `${r.stdout}${r.stderr}`; } })();
    const bbl = (() => { try { return readFileSync(join(dir, 'doc.bbl'), 'utf8'); } catch { return ''; } })();
    const lines = log.split('\n');
    const errors: string[] = [];
    lines.forEach((line, i) => {
      if (/---line \d+ of file|^I'm skipping|^I was expecting|^Illegal|^You're missing|^Too many commas|^Unbalanced|error message/.test(line)) errors.push([lines[i - 1], line].filter(Boolean).join(' | '));
    });
    return { status: r.status ?? 2, errors: [...new Set(errors)], warnings: lines.filter((l) => l.startsWith('Warning--')), bbl, log };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
