/**
 * The publish record keeps a copy of every public object a run published (for resuming and
 * rollback), but an object a quiet night did not change points at the copy an earlier run
 * wrote: a steady night writes no copy. Copies close to the reports' expiry are written again.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSync } from '../../src/pipeline/sync.ts';
import { readPublishRecord, SNAPSHOT_REUSE_DAYS } from '../../src/publish/publish-record.ts';
import { rollback } from '../../src/publish/rollback.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import type { Store } from '../../src/store/store.ts';
import { removeArrayItem } from '../../src/canonical/json-edit.ts';
import { DATA, FIRST_PROFILE as P } from '../helpers/paths.ts';

const night = (store: Store, day: string) => runSync({ dataDir: DATA, store, profiles: [P], runId: `${day.replace(/-/g, '')}T031500Z`, now: new Date(`${day}T03:15:00Z`), sources: { kind: 'replay' } });

describe('publish record copies', () => {
  it('a quiet night points at the earlier copies and writes none; a rollback to it still restores every object', async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-record-')));
    await night(store, '2026-11-27');
    await night(store, '2026-11-28');
    const first = (await readPublishRecord(store, P, '20261127T031500Z'))!;
    const second = (await readPublishRecord(store, P, '20261128T031500Z'))!;
    expect(first.objects.every((o) => o.snapshot.startsWith(`reports/${P}/20261127T031500Z/public/`))).toBe(true);
    expect(second.objects.map((o) => o.snapshot)).toEqual(first.objects.map((o) => o.snapshot));
    expect(await store.list(`reports/${P}/20261128T031500Z/public/`)).toEqual([]);
    const r = await rollback(store, P, '20261128T031500Z', { at: new Date('2026-11-28T09:00:00Z') });
    expect(r.items.every((i) => i.action === 'unchanged')).toBe(true);
    expect(r.items).toHaveLength(first.objects.length);
  });

  it('a night reads each public object once (what the record says changed, and the version its write is conditional on); profile.json once more, to reconcile against', async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-record-reads-')));
    await night(store, '2026-11-27');
    const reads = new Map<string, number>();
    // The pipeline's reads, not the folder store's own (its compare-under-lock of a conditional write).
    const counting: Store = {
      description: store.description,
      get: (key) => {
        reads.set(key, (reads.get(key) ?? 0) + 1);
        return store.get(key);
      },
      put: (key, body, options) => store.put(key, body, options),
      list: (prefix) => store.list(prefix),
      delete: (key, options) => store.delete(key, options),
    };
    await night(counting, '2026-11-28');
    const record = (await readPublishRecord(store, P, '20261128T031500Z'))!;
    expect(record.objects.length).toBeGreaterThan(20);
    const profileJson = `public/${P}/profile.json`;
    expect(record.objects.filter((o) => reads.get(o.key) !== (o.key === profileJson ? 2 : 1)).map((o) => `${o.key}: ${reads.get(o.key) ?? 0} reads`)).toEqual([]);
  });

  it(`a copy more than ${SNAPSHOT_REUSE_DAYS} days old is written again (reports expire after 365 days)`, async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-record-old-')));
    await night(store, '2026-01-01');
    await night(store, '2026-12-01'); // 334 days later, nothing changed
    const later = (await readPublishRecord(store, P, '20261201T031500Z'))!;
    expect(later.objects.every((o) => o.snapshot.startsWith(`reports/${P}/20261201T031500Z/public/`))).toBe(true);
    expect((await store.list(`reports/${P}/20261201T031500Z/public/`)).length).toBe(later.objects.length);
  });

  it('the landing pages are recorded: a work dropped from the CV loses its page, and a rollback brings it back', async () => {
    const data = mkdtempSync(join(tmpdir(), 'ps-record-data-'));
    cpSync(DATA, data, { recursive: true });
    const cvFile = join(data, 'profiles', P, 'cv.json');
    const cv = readFileSync(cvFile, 'utf8');
    const at = (JSON.parse(cv) as { publications: Array<{ id: string }> }).publications.findIndex((w) => w.id === 'iccv19-cutmix');
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-record-pages-')));
    const run = (day: string) => runSync({ dataDir: data, store, profiles: [P], runId: `${day.replace(/-/g, '')}T031500Z`, now: new Date(`${day}T03:15:00Z`), sources: { kind: 'replay' } });
    const page = `public/${P}/papers/iccv19-cutmix.html`;
    await run('2026-11-27');
    const before = (await store.get(page))!.body;
    expect((await readPublishRecord(store, P, '20261127T031500Z'))!.objects.map((o) => o.key)).toContain(page);
    writeFileSync(cvFile, removeArrayItem(cv, ['publications'], at));
    await run('2026-11-28');
    expect(await store.get(page)).toBeUndefined();
    const r = await rollback(store, P, '20261127T031500Z', { at: new Date('2026-11-28T09:00:00Z') });
    expect(r.items.find((i) => i.key === page)?.action).toBe('restored');
    expect(Buffer.from((await store.get(page))!.body).equals(Buffer.from(before))).toBe(true);
  });
});
