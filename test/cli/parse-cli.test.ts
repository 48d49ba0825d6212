/** `profile-sync parse`: every recording parses; bad documents give the error and exit 3. */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DATA, FIRST_PROFILE, REPO } from '../helpers/paths.ts';

const run = promisify(execFile);
const BIN = join(REPO, 'bin', 'profile-sync.js');
async function cli(...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, [BIN, ...args], { cwd: REPO });
    return { code: 0, stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, stdout: err.stdout };
  }
}

const recordings = join(DATA, 'recordings', FIRST_PROFILE);
const files = (prefix: string) => readdirSync(recordings).filter((f) => f.startsWith(prefix)).map((f) => join(recordings, f));

describe('profile-sync parse', () => {
  it('parses every arXiv recording', async () => {
    const r = await cli('parse', 'arxiv', ...files('arxiv-'));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Array<{ result: { kind: string; records: Array<{ id: string }> } }>;
    expect(out.map((o) => o.result.kind)).toEqual(['feed', 'feed']);
    expect(out[0]!.result.records.map((x) => x.id)).toContain('2602.16704');
  }, 30_000);

  it('parses every dblp recording (search JSON and person XML)', async () => {
    const r = await cli('parse', 'dblp', ...files('dblp-'));
    expect(r.code).toBe(0);
    const [search, person] = JSON.parse(r.stdout) as Array<{ result: Record<string, unknown> }>;
    expect(search!.result).toMatchObject({ kind: 'author-search', total: 1, candidates: [{ name: 'Sanghyuk Chun' }] });
    expect(person!.result).toMatchObject({ kind: 'person', person: { name: 'Sanghyuk Chun' } });
  }, 30_000);

  it('prints the error with line and column and exits 3 for a malformed document', async () => {
    const r = await cli('parse', 'arxiv', join(REPO, 'test', 'fixtures', 'arxiv', 'denied.html'));
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).error).toMatch(/denied\.html:1:1: an HTML page, not a source document \(an error or block page\?\): "Access Denied"/);
    expect((await cli('parse', 'pubmed', 'x')).code).toBe(2);
  }, 30_000);
});
