/**
 * Accepting the "now published" event of the AdamP preprint: cv.json changes
 * only in the decided bytes (kind, venue label in the owner's style, year,
 * identifiers), and the next sync cites the work as the ICLR 2021 paper, with
 * the new title once that difference is accepted too. Until then, an arXiv
 * preprint (test/publish/citations.test.ts).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadCv } from '../../src/canonical/load.ts';
import { setProperty } from '../../src/canonical/json-edit.ts';
import type { PublishedProfile } from '../../src/model/profile.ts';
import type { Report } from '../../src/model/report.ts';
import { runSync } from '../../src/pipeline/sync.ts';
import { acceptedVersionOf, applyAcceptVersion, kindOfDblpRecord } from '../../src/review/accept-version.ts';
import { acceptTheirs } from '../../src/review/accept-theirs.ts';
import { pendingItems, recordDecision } from '../../src/review/pending.ts';
import { NO_DECISIONS } from '../../src/canonical/decisions.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { runBibtex } from '../helpers/bibtex.ts';
import { DATA, FIRST_PROFILE, REPO } from '../helpers/paths.ts';

const P = FIRST_PROFILE;
const EVENT = 'event:arxiv20-adamp:published:conf/iclr/HeoCOHYKUH21';

async function syncOnce(data: string, store: FsStore, runId: string) {
  await runSync({ dataDir: data, store, profiles: [P], runId, now: new Date('2026-11-28T03:00:00Z'), sources: { kind: 'replay' } });
  const get = async (key: string) => Buffer.from((await store.get(key))!.body).toString('utf8');
  const latest = JSON.parse(await get(`reports/${P}/latest.json`)) as { report: { json: string } };
  return { report: JSON.parse(await get(latest.report.json)) as Report, profile: JSON.parse(await get(`public/${P}/profile.json`)) as PublishedProfile, bib: await get(`public/${P}/publications.bib`) };
}
const adampEntry = (bib: string) => /@\w+\{arxiv20-adamp,[\s\S]*?\n\}/.exec(bib)![0];

describe('accepting a "now published" version', () => {
  it('turns the AdamP preprint into the ICLR 2021 paper; the new title follows once accepted', async () => {
    const data = mkdtempSync(join(tmpdir(), 'ps-accept-'));
    cpSync(DATA, data, { recursive: true });
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-accept-out-')));
    const cvFile = join(data, 'profiles', P, 'cv.json');
    const first = await syncOnce(data, store, '20261126T030000Z');
    expect(pendingItems(first.report, NO_DECISIONS).find((i) => i.id === EVENT)!.actions).toEqual(['accept', 'ack']);
    expect(recordDecision(NO_DECISIONS, first.report, EVENT, 'accept', 'x').decisions[0]).toMatchObject({ item: EVENT, action: 'accept' });
    expect(() => recordDecision(NO_DECISIONS, first.report, EVENT, 'accept-theirs', 'x')).toThrow(/use --accept or --ack/);

    // Only the decided bytes change.
    const before = readFileSync(cvFile, 'utf8');
    const event = first.report.events.find((e) => e.id === EVENT)!;
    const after = applyAcceptVersion(before, loadCv(cvFile, before, P), event, acceptedVersionOf(event, first.profile));
    const changed = (a: string, b: string) => a.split('\n').filter((l, i) => l !== b.split('\n')[i]);
    expect(changed(after, before).slice(0, 3).map((l) => l.trim())).toEqual(['"kind": "conference",', '"venue": "ICLR\'21",', '"year": 2021,']);
    expect(after.replace(/"kind": "conference",\n {6}"venue": "ICLR'21",\n {6}"year": 2021,/, '"kind": "preprint",\n      "venue": "arXiv\'20",\n      "year": 2020,').replace(/\],\n {6}"ids": \{\n {8}"arxiv": "2006\.08217",\n {8}"dblp": "conf\/iclr\/HeoCOHYKUH21"\n {6}\}/, ']')).toBe(before);
    writeFileSync(cvFile, after);

    const second = await syncOnce(data, store, '20261127T030000Z');
    const entry = adampEntry(second.bib);
    expect(entry).toMatch(/^@inproceedings\{arxiv20-adamp,/);
    expect(entry).toMatch(/booktitle += \{International Conference on Learning Representations \(ICLR\)\}/);
    expect(entry).toMatch(/year += \{2021\}/);
    expect(entry).toContain('title         = {Slowing Down the Weight Norm Increase in Momentum-based Optimizers}');
    expect(second.report.events.map((e) => e.id)).not.toContain(EVENT);
    expect(second.profile.publications.find((w) => w.id === 'arxiv20-adamp')).toMatchObject({ kind: 'conference', section: 'peer-reviewed', venue: "ICLR'21", year: 2021 });

    // The title difference accepted too: the ICLR paper's title.
    const title = second.report.differences.find((d) => d.workId === 'arxiv20-adamp' && d.field === 'title')!;
    const current = readFileSync(cvFile, 'utf8');
    writeFileSync(cvFile, acceptTheirs(current, loadCv(cvFile, current, P), title));
    const third = await syncOnce(data, store, '20261128T030000Z');
    expect(adampEntry(third.bib)).toContain('title         = {{AdamP}: Slowing Down the Slowdown for Momentum Optimizers on Scale-invariant Weights}');
    expect(runBibtex(third.bib).errors).toEqual([]);
  });

  it('keeps the presentation fields and other values the owner wrote; a CoRR key gives way to the paper\'s own', () => {
    const cvFile = join(DATA, 'profiles', P, 'cv.json');
    let text = readFileSync(cvFile, 'utf8');
    const i = loadCv(cvFile, text, P).publications.findIndex((p) => p.id === 'arxiv20-adamp');
    text = setProperty(text, ['publications', i], 'selected', true);
    text = setProperty(text, ['publications', i], 'links', { code: 'https://github.com/clovaai/AdamP' });
    text = setProperty(text, ['publications', i], 'ids', { dblp: 'journals/corr/abs-2006-08217' }, 'authors');
    const cv = loadCv(cvFile, text, P);
    const event = { id: EVENT, workId: 'arxiv20-adamp', workTitle: 'x', kind: 'published' as const, detail: 'x' };
    const out = loadCv(cvFile, applyAcceptVersion(text, cv, event, { dblpKey: 'conf/iclr/HeoCOHYKUH21', venue: 'ICLR', year: 2021, doi: '10.5555/example', arxiv: '2006.08217' }), P);
    expect(out.publications[i]).toMatchObject({ kind: 'conference', venue: "ICLR'21", year: 2021, selected: true, links: { code: 'https://github.com/clovaai/AdamP' }, ids: { dblp: 'conf/iclr/HeoCOHYKUH21', doi: '10.5555/example', arxiv: '2006.08217' } });
    expect(() => applyAcceptVersion(text, out, event, { dblpKey: 'conf/iclr/HeoCOHYKUH21', venue: 'ICLR', year: 2021 })).toThrow(/already a conference paper/);
    expect(kindOfDblpRecord('conf/cvpr/X21', 'CVPR Workshops')).toBe('workshop');
    expect(kindOfDblpRecord('journals/pami/X22', 'IEEE Trans. Pattern Anal. Mach. Intell.')).toBe('journal');
  });

  it('the review command accepts it by id and edits cv.json in place', async () => {
    const data = mkdtempSync(join(tmpdir(), 'ps-accept-cli-'));
    const out = mkdtempSync(join(tmpdir(), 'ps-accept-cli-out-'));
    cpSync(DATA, data, { recursive: true });
    await syncOnce(data, new FsStore(out), '20261126T030000Z');
    const r = await promisify(execFile)(process.execPath, [join(REPO, 'bin', 'profile-sync.js'), 'review', '--data', data, '--out', out, '--accept', EVENT], { cwd: REPO });
    expect(r.stdout).toContain(`accept ${EVENT}`);
    const cv = readFileSync(join(data, 'profiles', P, 'cv.json'), 'utf8');
    expect(cv).toContain('"venue": "ICLR\'21"');
    expect(JSON.parse(readFileSync(join(data, 'profiles', P, 'decisions.json'), 'utf8')).decisions).toMatchObject([{ item: EVENT, action: 'accept' }]);
  }, 30_000);
});
