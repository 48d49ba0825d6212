/**
 * `profile-sync refresh-dblp`: the owner's request for a fresh dblp read, as
 * the dump night reads it (refreshRequests → the person-page exceptions).
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseDblpPath, refreshRequestKey, refreshRequests } from '../../src/harvest/dblp-path.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { cli } from '../helpers/in-process-cli.ts';
import { pinClockForFile } from '../helpers/pinned-clock.ts';
import { planFor } from '../helpers/dblp-dump-dataset.ts';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';

// The CLI runs in this process (test/helpers/in-process-cli.ts) with the clock at the morning of the runs below, whatever day it is.
pinClockForFile('2026-11-28T04:00:00Z');

describe('refresh-dblp', () => {
  it("writes the owner's request in their canonical/ folder; that night's dump path reads their person page instead", async () => {
    const bucket = mkdtempSync(join(tmpdir(), 'ps-refresh-'));
    cpSync(join(DATA, 'profiles', FIRST_PROFILE), join(bucket, 'canonical', FIRST_PROFILE), { recursive: true });
    const before = Date.now();
    const r = await cli('refresh-dblp', '-p', FIRST_PROFILE, '--bucket', bucket);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`asked for a fresh dblp read of ${FIRST_PROFILE}`);
    const store = new FsStore(bucket);
    const doc = JSON.parse(new TextDecoder().decode((await store.get(refreshRequestKey(FIRST_PROFILE)))!.body)) as { requestedAt: string };
    expect(Date.parse(doc.requestedAt)).toBeGreaterThanOrEqual(before - 1000);
    // Tonight (a dump night: the fleet above the setting), the profile is read from its page.
    const asked = await refreshRequests(store, [FIRST_PROFILE, 'someone-else'], Date.now() + 3_600_000);
    expect([...asked]).toEqual([FIRST_PROFILE]);
    const plans = [planFor(FIRST_PROFILE, '184/0946', 'Sanghyuk Chun'), planFor('someone-else', '1/1', 'Some One')];
    const path = chooseDblpPath({ plans, dumpAbove: 1, refreshToday: asked, dumpPids: new Set(['184/0946', '1/1']) });
    expect(path.why).toEqual({ [FIRST_PROFILE]: 'refresh asked today' });
  });

  it('without --bucket, says it is for the deployed run (exit 2)', async () => {
    const r = await cli('refresh-dblp', '-p', FIRST_PROFILE);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('profile-sync refresh-dblp: --bucket is required (the deployed nightly run reads the request from the bucket)\n');
  });

  it('refuses a profile the store does not hold, and writes nothing', async () => {
    const bucket = mkdtempSync(join(tmpdir(), 'ps-refresh-none-'));
    const r = await cli('refresh-dblp', '-p', 'nobody', '--bucket', bucket);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('canonical/nobody/cv.json is missing: nobody is not a profile of this store (push it first)');
    expect(await new FsStore(bucket).list('canonical/')).toEqual([]);
  });
});
