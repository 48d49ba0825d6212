/**
 * scripts/ensure-test-tools.sh (npm test's pretest) installs what the tests need from Debian, saying what and why,
 * without recommended packages, and skips what is present. Run here with stand-ins for apt-get, id, bibtex,
 * kpsewhich and python3 on a PATH of their own, so nothing is installed and the arguments apt-get received can be read.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/paths.ts';

const SCRIPT = join(REPO, 'scripts', 'ensure-test-tools.sh');
const BASH = execFileSync('sh', ['-c', 'command -v bash']).toString().trim();

function fakeBin(tools: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ensure-tools-'));
  for (const [name, body] of Object.entries(tools)) {
    writeFileSync(join(dir, name), `#!${BASH}\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

/** PYTHON3_PATH is the stand-in python3 of bin (present when the test writes one): the script never reaches the machine's. */
function run(bin: string, env: Record<string, string> = {}) {
  const r = spawnSync(BASH, [SCRIPT], { env: { PATH: bin, PYTHON3_PATH: join(bin, 'python3'), ...env }, encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr, apt: (() => { try { return readFileSync(join(bin, 'apt-get.log'), 'utf8'); } catch { return ''; } })() };
}

const APT = 'echo "$@" >> "${0%/*}/apt-get.log"';
/** A python3 that imports yaml: `-c 'import yaml'` succeeds. */
const PYYAML = '[ "$1" = -c ] && [ "$2" = "import yaml" ]';

describe('ensure-test-tools.sh', () => {
  it('installs nothing and prints nothing when chromium (CHROMIUM_PATH), bibtex, faketime, hugo and PyYAML (PYTHON3_PATH) are present', () => {
    const bin = fakeBin({ 'apt-get': APT, id: 'echo 0', bibtex: 'exit 0', kpsewhich: 'echo /x/plain.bst', browser: 'exit 0', faketime: 'exit 0', hugo: 'exit 0', python3: PYYAML });
    const r = run(bin, { CHROMIUM_PATH: join(bin, 'browser') });
    expect(r).toEqual({ code: 0, stderr: '', apt: '' });
  });

  it('as root, says what is missing and why, then installs exactly that without recommended packages', () => {
    const bin = fakeBin({ 'apt-get': APT, id: 'echo 0', bibtex: 'exit 0', kpsewhich: 'echo /x/plain.bst', faketime: 'exit 0', hugo: 'exit 0', python3: PYYAML });
    const r = run(bin, { CHROMIUM_PATH: join(bin, 'no-such-browser') });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('chromium: ');
    expect(r.stderr).toContain('browser tests');
    expect(r.apt).toBe('update\ninstall -y --no-install-recommends chromium fonts-liberation\n');
  });

  it('installs bibtex with plain.bst when BibTeX is missing', () => {
    const bin = fakeBin({ 'apt-get': APT, id: 'echo 0', browser: 'exit 0', kpsewhich: 'exit 1', faketime: 'exit 0', hugo: 'exit 0', python3: PYYAML });
    const r = run(bin, { CHROMIUM_PATH: join(bin, 'browser') });
    expect(r.stderr).toContain('bibtex: not found');
    expect(r.apt).toBe('update\ninstall -y --no-install-recommends texlive-binaries texlive-base\n');
  });

  it('installs faketime when it is missing (the time-travel pass)', () => {
    const bin = fakeBin({ 'apt-get': APT, id: 'echo 0', bibtex: 'exit 0', kpsewhich: 'echo /x/plain.bst', browser: 'exit 0', hugo: 'exit 0', python3: PYYAML });
    const r = run(bin, { CHROMIUM_PATH: join(bin, 'browser') });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('faketime: not found');
    expect(r.apt).toBe('update\ninstall -y --no-install-recommends faketime\n');
  });

  it('installs hugo when it is missing (the Hugo Blox bundles are built into a site)', () => {
    const bin = fakeBin({ 'apt-get': APT, id: 'echo 0', bibtex: 'exit 0', kpsewhich: 'echo /x/plain.bst', browser: 'exit 0', faketime: 'exit 0', python3: PYYAML });
    const r = run(bin, { CHROMIUM_PATH: join(bin, 'browser') });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('hugo: not found');
    expect(r.apt).toBe('update\ninstall -y --no-install-recommends hugo\n');
  });

  it('installs python3-yaml when PYTHON3_PATH\'s python3 cannot import yaml (the front matter is read by PyYAML too)', () => {
    const bin = fakeBin({ 'apt-get': APT, id: 'echo 0', bibtex: 'exit 0', kpsewhich: 'echo /x/plain.bst', browser: 'exit 0', faketime: 'exit 0', hugo: 'exit 0', python3: 'echo "ModuleNotFoundError: No module named yaml" >&2; exit 1' });
    const r = run(bin, { CHROMIUM_PATH: join(bin, 'browser') });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`python3-yaml: PyYAML not importable by ${join(bin, 'python3')}`);
    expect(r.stderr).not.toContain('ModuleNotFoundError');
    expect(r.apt).toBe('update\ninstall -y --no-install-recommends python3-yaml\n');
  });

  it('installs python3-yaml when there is no python3 at PYTHON3_PATH (Debian\'s python3 comes with it)', () => {
    const bin = fakeBin({ 'apt-get': APT, id: 'echo 0', bibtex: 'exit 0', kpsewhich: 'echo /x/plain.bst', browser: 'exit 0', faketime: 'exit 0', hugo: 'exit 0' });
    const r = run(bin, { CHROMIUM_PATH: join(bin, 'browser') });
    expect(r.code).toBe(0);
    expect(r.apt).toBe('update\ninstall -y --no-install-recommends python3-yaml\n');
  });

  it('not root: installs nothing, prints the command to run, exits 1', () => {
    const bin = fakeBin({ 'apt-get': APT, id: 'echo 1000', browser: 'exit 0' });
    const r = run(bin, { CHROMIUM_PATH: join(bin, 'browser') });
    expect(r.code).toBe(1);
    expect(r.apt).toBe('');
    expect(r.stderr).toContain('sudo apt-get install --no-install-recommends texlive-binaries texlive-base faketime hugo python3-yaml');
  });
});
