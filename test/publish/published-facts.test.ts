/**
 * Only facts are published. Every file the offline sync publishes (public/,
 * the Hugo Blox archive unpacked too) is scanned: no placeholder text, no
 * synthetic stand-in, no date but the run's own, and every identifier (arXiv
 * ID, DOI, dblp key) is one the canonical records or the replayed source
 * documents contain. The recordings themselves are checked to be exactly
 * what scripts/recordings/assemble.ts writes from its facts table, with no
 * value nobody supplied (abstracts, dates, versions, mdates, pids).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { runSync } from '../../src/pipeline/sync.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { assembleRecordings, manifestText } from '../../scripts/recordings/assemble.ts';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';

const P = FIRST_PROFILE;
const RUN = '20261128T030000Z';
const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-facts-')));
await runSync({ dataDir: DATA, store, profiles: [P], runId: RUN, now: new Date('2026-11-28T03:00:00Z'), sources: { kind: 'replay' } });
const decode = (b: Uint8Array) => Buffer.from(b).toString('utf8');

/** Every published text: the public objects, and the files inside the archive. */
async function publishedTexts(): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for (const key of await store.list('public/')) {
    const body = (await store.get(key))!.body;
    if (key.endsWith('.zip')) {
      const zip = await JSZip.loadAsync(body, { checkCRC32: true });
      for (const f of Object.values(zip.files).filter((x) => !x.dir)) out.push([`${key}!${f.name}`, await f.async('string')]);
    } else out.push([key, decode(body)]);
  }
  return out;
}

const texts = await publishedTexts();
const inputs = [readFileSync(join(DATA, 'profiles', P, 'cv.json'), 'utf8'), ...readdirSync(join(DATA, 'recordings', P)).map((f) => readFileSync(join(DATA, 'recordings', P, f), 'utf8'))].join('\n');
const profileTexts = texts.filter(([k]) => k.startsWith(`public/${P}/`) && !k.endsWith('profile.schema.json'));

describe('every published file of the first user', () => {
  it('covers the profile, the citation formats and both site exports', () => {
    const keys = texts.map(([k]) => k);
    for (const k of ['profile.json', 'publications.bib', 'publications.csl.json', 'publications.jsonld', 'al-folio/papers.bib', 'hugo-blox.zip!publications/arxiv20-adamp/index.md']) {
      expect(keys).toContain(`public/${P}/${k}`);
    }
  });

  it('holds no placeholder and no synthetic stand-in', () => {
    const bad = /not recorded|placeholder|lorem ipsum|\bTODO\b|\bTBD\b|assembled from public facts|synthetic|000\/0001|2511\.99999|Perovskite|ParkCS23/i;
    for (const [key, text] of profileTexts) expect(bad.exec(text)?.[0], key).toBeUndefined();
  });

  it('holds no date but the run\'s own (the sources gave none), and a Hugo Blox bundle\'s documented year-only form', () => {
    for (const [key, text] of profileTexts) {
      // A Hugo Blox bundle whose work has only a year: date "YYYY-01-01" with hide_date: true (README), never a day shown.
      const yearOnly = /hugo-blox/.test(key) && key.endsWith('index.md') ? /^date: "(\d{4})-01-01"\nhide_date: true$/m.exec(text) : null;
      const checked = yearOnly ? text.replace(yearOnly[0], '') : text;
      const dates = [...checked.matchAll(/\b(\d{4}-\d{2}-\d{2})(?:T[\d:.]+Z)?/g)].map((m) => m[1]);
      expect(dates.filter((d) => d !== '2026-11-28'), key).toEqual([]);
    }
  });

  it('holds no identifier the canonical records or the replayed documents do not contain', () => {
    for (const [key, text] of profileTexts) {
      const arxiv = [...text.matchAll(/\b(\d{4}\.\d{4,5})(v\d+)?\b/g)].map((m) => m[0]);
      const dois = [...text.matchAll(/\b10\.\d{4,9}\/[^\s"'}<>,]+/g)].map((m) => m[0]);
      const dblp = [...text.matchAll(/\b(?:conf|journals)\/[a-z0-9]+\/[A-Za-z0-9-]+\b/g)].map((m) => m[0]);
      for (const id of [...arxiv, ...dois, ...dblp]) expect(inputs.includes(id), `${key}: ${id}`).toBe(true);
    }
  });
});

describe('the recordings', () => {
  const dir = join(DATA, 'recordings', P);
  const { files, manifest } = assembleRecordings();

  it('are exactly what scripts/recordings/assemble.ts writes from the facts table', () => {
    for (const f of files) expect(readFileSync(join(dir, f.file), 'utf8'), f.file).toBe(f.body);
    expect(readFileSync(join(dir, 'manifest.json'), 'utf8')).toBe(manifestText(manifest));
    expect(manifest).toMatchObject({ how: 'assembled' });
    expect(manifest.documents.every((d) => d.how === 'assembled')).toBe(true);
  });

  it('leave out what nobody supplied: abstracts, dates, arXiv versions, mdates, co-author pids', () => {
    const arxiv = files.filter((f) => f.source === 'arxiv').map((f) => f.body).join('\n');
    expect(arxiv).not.toMatch(/<summary>|<published>|<updated>|\/abs\/[\d.]+v\d|arxiv:comment|arxiv:doi/);
    const person = files.find((f) => f.file === 'dblp-2.xml')!.body;
    expect(person).not.toMatch(/mdate=|<pages>|<crossref>/);
    expect(new Set([...person.matchAll(/pid="([^"]+)"/g)].map((m) => m[1]))).toEqual(new Set(['000/0001', '000/0002'])); // the synthetic owner and homonym only
    // Real keys only where a record showed them (and the CoRR key rule); the rest are the labelled synthetic stand-ins.
    expect([...person.matchAll(/key="((?:conf|journals)\/[^"]+)"/g)].map((m) => m[1]).sort()).toEqual([
      'conf/iclr/HeoCOHYKUH21',
      'conf/synthetic/2024w',
      'journals/corr/abs-1905-04899',
      'journals/corr/abs-2006-08217',
      'journals/synthetic/ParkCS23',
    ]);
  });
});
