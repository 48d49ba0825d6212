/**
 * `profile-sync rollback` and the run claim, as a person runs them: the
 * CLI's main() (in this process, its clock pinned), a real folder store,
 * exit codes.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSync } from '../../src/pipeline/sync.ts';
import { rollback } from '../../src/publish/rollback.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { cli } from '../helpers/in-process-cli.ts';
import { pinClockForFile } from '../helpers/pinned-clock.ts';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';

// The CLI runs in this process (test/helpers/in-process-cli.ts) with the clock at the morning of the runs below, whatever day it is.
pinClockForFile('2026-11-28T04:00:00Z');

const P = FIRST_PROFILE;
/** A sync in this process (setting up what the commands act on). */
const sync = (out: string, runId: string, dataDir = DATA) => runSync({ dataDir, store: new FsStore(out), profiles: [P], runId, now: new Date(`${runId.slice(0, 4)}-${runId.slice(4, 6)}-${runId.slice(6, 8)}T03:15:00Z`), sources: { kind: 'replay' } });
/** Every public file of the profile (site export folders included), by path, with its bytes. */
const publicFiles = (out: string) => {
  const root = join(out, 'public', P);
  return Object.fromEntries(
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort()
      .map((f) => [relative(root, f), readFileSync(f).toString('base64')]),
  );
};

describe('profile-sync rollback', () => {
  it('restores the public objects of an earlier run, says what it restored, and records it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ps-rollback-'));
    await sync(out, '20261127T031500Z');
    const good = publicFiles(out);
    // The next night publishes something the owner regrets (an accepted candidate, here).
    const data = mkdtempSync(join(tmpdir(), 'ps-rollback-data-'));
    cpSync(DATA, data, { recursive: true });
    writeFileSync(join(data, 'profiles', P, 'decisions.json'), JSON.stringify({ schemaVersion: 1, decisions: [{ item: 'cand:arxiv-2101-05068', action: 'accept', at: '2026-11-27T12:00:00Z', covers: { arxiv: ['2101.05068'], doi: [], dblp: [] } }] }));
    await sync(out, '20261128T031500Z', data);
    const bad = publicFiles(out);
    expect(bad['profile.json']).not.toBe(good['profile.json']);

    const dry = await cli('rollback', '-p', P, '--to', '20261127T031500Z', '--out', out, '--dry-run');
    const missing = await cli('rollback', '-p', P, '--to', '20261001T000000Z', '--out', out);
    const malformed = await cli('rollback', '-p', P, '--to', 'last-tuesday', '--out', out);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('would restore  public/sanghyuk-chun/profile.json');
    expect(publicFiles(out)).toEqual(bad);
    // A run without a publish record is a wrong --to: exit 2, with the runs that can be restored; a malformed run id: exit 2.
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('run 20261001T000000Z of sanghyuk-chun has no publish record');
    expect(missing.stderr).toContain('runs that can be restored, newest first: 20261128T031500Z, 20261127T031500Z');
    expect(malformed.code).toBe(2);

    const r = await cli('rollback', '-p', P, '--to', '20261127T031500Z', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^rolled back sanghyuk-chun in .* to run 20261127T031500Z \(published 2026-/);
    expect(r.stdout).toContain('restored  public/sanghyuk-chun/profile.json');
    expect(r.stdout).toContain('unchanged  public/sanghyuk-chun/profile.schema.json');
    // the accepted work's Hugo Blox bundle goes with it: the folder is that run's works again
    expect(r.stdout).toContain('removed  public/sanghyuk-chun/hugo-blox/publications/arxiv-2101-05068/index.md');
    expect(r.stdout).toMatch(/recorded in .*reports\/sanghyuk-chun\/rollbacks\/\d{8}T\d{6}Z-to-20261127T031500Z\.json/);
    expect(publicFiles(out)).toEqual(good);

    const again = await cli('rollback', '-p', P, '--to', '20261127T031500Z', '--out', out, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ to: '20261127T031500Z', dryRun: false, untouched: [] });
    expect((JSON.parse(again.stdout) as { items: Array<{ action: string }> }).items.every((i) => i.action === 'unchanged')).toBe(true);
  }, 60_000);
});

describe('rollback notes', () => {
  it('two rollbacks in the same second are both recorded, under distinct names', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ps-rollback-twice-'));
    await sync(out, '20261127T031500Z');
    const at = new Date('2026-11-28T09:00:00.250Z');
    const first = await rollback(new FsStore(out), P, '20261127T031500Z', { at });
    const second = await rollback(new FsStore(out), P, '20261127T031500Z', { at: new Date('2026-11-28T09:00:00.750Z') });
    expect(first.note).toBe(`reports/${P}/rollbacks/20261128T090000Z-to-20261127T031500Z.json`);
    expect(second.note).toBe(`reports/${P}/rollbacks/20261128T090000Z-to-20261127T031500Z-2.json`);
  });
});

describe('a run id is one run', () => {
  it('a second sync with the same --run-id is another run: exit 5, and it overwrites nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ps-claim-'));
    await sync(out, '20261128T031500Z');
    const claim = readFileSync(join(out, 'raw', P, '20261128T031500Z', 'owner.json'), 'utf8');
    const before = publicFiles(out);
    const r = await cli('sync', '--offline', '--out', out, '--run-id', '20261128T031500Z');
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/run 20261128T031500Z belongs to cli:[0-9a-f-]+; this writer is cli:[0-9a-f-]+, a different run, so it may not write the run's keys\. Nothing was overwritten/);
    expect(readFileSync(join(out, 'raw', P, '20261128T031500Z', 'owner.json'), 'utf8')).toBe(claim);
    expect(publicFiles(out)).toEqual(before);
  }, 30_000);
});

describe('a rollback stays inside its own profile', () => {
  it('a publish record listing public/B/… or canonical/B/cv.json (with matching copies) is refused whole: exit 3, nothing written', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ps-rollback-confined-'));
    await sync(out, '20261127T031500Z');
    await sync(out, '20261128T031500Z');
    const recordFile = join(out, 'reports', P, '20261127T031500Z', 'published.json');
    const record = JSON.parse(readFileSync(recordFile, 'utf8')) as { objects: Array<{ key: string; snapshot: string; sha256: string; contentType: string }> };
    const first = record.objects[0]!;
    const before = { public: publicFiles(out) };
    for (const key of ['public/other-lab/profile.json', 'canonical/other-lab/cv.json', `public/${P}/../other-lab/x.json`]) {
      writeFileSync(recordFile, JSON.stringify({ ...record, objects: [{ ...first, key }, ...record.objects] }));
      const r = await cli('rollback', '-p', P, '--to', '20261127T031500Z', '--out', out);
      expect(r.code, key).toBe(3);
      expect(r.stderr).toContain(`objects[0].key ${JSON.stringify(key)} is not inside public/${P}/`);
    }
    // a copy read from another profile's records is refused as well
    writeFileSync(recordFile, JSON.stringify({ ...record, objects: [{ ...first, snapshot: 'canonical/other-lab/cv.json' }, ...record.objects.slice(1)] }));
    const snap = await cli('rollback', '-p', P, '--to', '20261127T031500Z', '--out', out);
    expect(snap.code).toBe(3);
    expect(snap.stderr).toContain('objects[0].snapshot "canonical/other-lab/cv.json" is not inside reports/');
    expect(readdirSync(out)).not.toContain('canonical');
    expect(readdirSync(join(out, 'public'))).not.toContain('other-lab');
    expect({ public: publicFiles(out) }).toEqual(before);
  }, 60_000);
});
