/**
 * Test files share a worker's module cache (vitest.config.ts, project "shared"): a file that replaces a module
 * with vi.mock, or patch a class's prototype (aws-sdk-client-mock's mockClient(S3Client) stubs send for every S3
 * client), would do so for the files after it: a later file's real S3Client.send then resolves undefined. Every
 * such file must be in the isolated project.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOCKING } from '../../vitest.config.ts';
import { REPO } from '../helpers/paths.ts';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    return e.isDirectory() ? testFiles(full) : e.name.endsWith('.test.ts') ? [relative(REPO, full)] : [];
  });
}

describe('test isolation', () => {
  it('every test file that mocks a module or a client class runs in its own module cache', () => {
    const mocking = testFiles(join(REPO, 'test')).filter((f) => /\bvi\.(mock|doMock)\(|from ['"]aws-sdk-client-mock['"]/.test(readFileSync(join(REPO, f), 'utf8')));
    expect(mocking.sort()).toEqual([...MOCKING].sort());
  });
});
