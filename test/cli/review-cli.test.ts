/** `profile-sync review` as the owner runs it after a sync: list, decide, and see the next sync honour it. */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';
import { cli } from '../helpers/in-process-cli.ts';
import { pinClockForFile } from '../helpers/pinned-clock.ts';

// The CLI runs in this process (test/helpers/in-process-cli.ts) with the clock at the morning of the runs below, whatever day it is.
pinClockForFile('2026-11-28T04:00:00Z');


describe('profile-sync review', () => {
  it('lists pending items, records decisions and accept-theirs, and the next sync honours them', async () => {
    const data = mkdtempSync(join(tmpdir(), 'ps-review-data-'));
    const out = mkdtempSync(join(tmpdir(), 'ps-review-out-'));
    cpSync(DATA, data, { recursive: true });
    expect((await cli('sync', '--offline', '--data', data, '--out', out, '--run-id', '20261127T030000Z'))).toMatchObject({ code: 0 });

    const listed = JSON.parse((await cli('review', '--data', data, '--out', out, '--json')).stdout) as { pending: Array<{ id: string }> };
    const ids = listed.pending.map((p) => p.id);
    expect(ids).toHaveLength(20);
    const seungho = ids.find((id) => id.startsWith('diff:cvpr20-wsol-eval:authors[2].name'))!;

    const decided = await cli('review', '--data', data, '--out', out, '--reject', 'cand:arxiv-2511-99999', '--accept', 'cand:arxiv-2101-05068', '--accept-theirs', seungho);
    expect(decided.code).toBe(0);
    expect(readFileSync(join(data, 'profiles', FIRST_PROFILE, 'cv.json'), 'utf8')).toContain('"name": "Seungho Lee"');
    expect(JSON.parse(readFileSync(join(data, 'profiles', FIRST_PROFILE, 'decisions.json'), 'utf8')).decisions).toHaveLength(3);
    expect((await cli('review', '--data', data, '--out', out, '--keep-mine', 'cand:arxiv-2410-18857')).code).toBe(2);
    // Two answers for one item: a usage error, and nothing is written.
    const cvBefore = readFileSync(join(data, 'profiles', FIRST_PROFILE, 'cv.json'), 'utf8');
    const decisionsBefore = readFileSync(join(data, 'profiles', FIRST_PROFILE, 'decisions.json'), 'utf8');
    expect((await cli('review', '--data', data, '--out', out, '--accept', 'cand:arxiv-2410-18857', '--reject', 'cand:arxiv-2410-18857')).code).toBe(2);
    expect(readFileSync(join(data, 'profiles', FIRST_PROFILE, 'cv.json'), 'utf8')).toBe(cvBefore);
    expect(readFileSync(join(data, 'profiles', FIRST_PROFILE, 'decisions.json'), 'utf8')).toBe(decisionsBefore);

    expect((await cli('sync', '--offline', '--data', data, '--out', out, '--run-id', '20261128T030000Z')).code).toBe(0);
    const profile = JSON.parse(readFileSync(join(out, 'public', FIRST_PROFILE, 'profile.json'), 'utf8')) as { publications: Array<{ id: string; status: string }> };
    // The accepted candidate is a canonical record now (cv.json), under the id the profile already used.
    expect(profile.publications.find((w) => w.id === 'arxiv-2101-05068')?.status).toBe('canonical');
    const after = JSON.parse((await cli('review', '--data', data, '--out', out, '--json')).stdout) as { pending: Array<{ id: string }> };
    expect(after.pending.map((p) => p.id)).not.toContain('cand:arxiv-2511-99999');
    expect(after.pending).toHaveLength(20 - 3);
  }, 60_000);
});
