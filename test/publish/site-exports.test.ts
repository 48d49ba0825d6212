/**
 * The site exports of the first user, with owner presentation fields written
 * into a copy of cv.json: al-folio's papers.bib (read by BibTeX and by
 * citation-js; al-folio's fields and conventions) and the Hugo Blox bundles
 * (front matter parsed by a YAML 1.2 parser, cite.bib by BibTeX, the ZIP read
 * back with its CRCs checked). Presentation fields flow into profile.json and
 * both exports; a sync never drops or rewrites them.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { removeArrayItem, setProperty } from '../../src/canonical/json-edit.ts';
import { runSync } from '../../src/pipeline/sync.ts';
import { hugoBloxFiles } from '../../src/publish/site/hugo-blox.ts';
import { zipArchive } from '../../src/publish/site/zip.ts';
import type { PublishedProfile } from '../../src/model/profile.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { runBibtex } from '../helpers/bibtex.ts';
import { parseBibtex } from '../helpers/citation-js.ts';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';

const P = FIRST_PROFILE;
const data = mkdtempSync(join(tmpdir(), 'ps-site-data-'));
cpSync(DATA, data, { recursive: true });
const cvFile = join(data, 'profiles', P, 'cv.json');
const CUTMIX = 6; // publications[6] of the first user's cv.json
let cvText = readFileSync(cvFile, 'utf8');
for (const [k, v] of [
  ['selected', true],
  ['preview', 'cutmix.png'],
  ['links', { code: 'https://github.com/clovaai/CutMix-PyTorch', slides: 'https://example.org/cutmix-slides.pdf', blog: 'https://example.org/blog/cutmix' }],
  ['award', 'Oral presentation'],
  ['annotation', 'Also known as {{ CutMix }} {% raw %}'],
] as const) {
  cvText = setProperty(cvText, ['publications', CUTMIX], k, v);
}
writeFileSync(cvFile, cvText);

const loadCvText = () => readFileSync(cvFile, 'utf8');
const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-site-out-')));
const sync = (runId: string) => runSync({ dataDir: data, store, profiles: [P], runId, now: new Date('2026-11-28T03:00:00Z'), sources: { kind: 'replay' } });
await sync('20261128T030000Z');
const read = async (key: string) => Buffer.from((await store.get(key))!.body);
const text = async (key: string) => (await read(key)).toString('utf8');
const profile = JSON.parse(await text(`public/${P}/profile.json`)) as PublishedProfile;
const entryOf = (bib: string, key: string) => new RegExp(`@\\w+\\{${key},[\\s\\S]*?\\n\\}`).exec(bib)?.[0] ?? '';

describe('owner presentation fields', () => {
  it('flow from cv.json into profile.json, and a sync leaves cv.json byte for byte as written', async () => {
    expect(profile.publications.find((w) => w.id === 'iccv19-cutmix')).toMatchObject({
      selected: true,
      preview: 'cutmix.png',
      award: 'Oral presentation',
      links: { code: 'https://github.com/clovaai/CutMix-PyTorch', slides: 'https://example.org/cutmix-slides.pdf', blog: 'https://example.org/blog/cutmix', abstract: 'https://arxiv.org/abs/1905.04899' },
    });
    await sync('20261129T030000Z');
    expect(readFileSync(cvFile, 'utf8')).toBe(cvText);
  });
});

describe('al-folio papers.bib', async () => {
  const bib = await text(`public/${P}/al-folio/papers.bib`);

  it('passes BibTeX and citation-js with no error and no warning', () => {
    const r = runBibtex(bib);
    expect(r.errors, r.log).toEqual([]);
    expect(r.bbl.match(/\\bibitem/g)).toHaveLength(profile.publications.length);
    const { items, warnings } = parseBibtex(bib);
    expect(warnings).toEqual([]);
    expect(items.map((i) => i.id)).toEqual(profile.publications.map((w) => w.id));
  });

  it('carries al-folio\'s fields: abbr, arxiv, pdf, code, selected, bibtex_show, preview, award, annotation', () => {
    const cutmix = entryOf(bib, 'iccv19-cutmix');
    for (const field of [
      'abbr          = {ICCV}',
      'year          = {2019}',
      'arxiv         = {1905.04899}',
      'pdf           = {https://arxiv.org/pdf/1905.04899}',
      'code          = {https://github.com/clovaai/CutMix-PyTorch}',
      'slides        = {https://example.org/cutmix-slides.pdf}',
      'blog          = {https://example.org/blog/cutmix}',
      'selected      = {true}',
      'bibtex_show   = {true}',
      'preview       = {cutmix.png}',
      'award_name    = {Oral presentation}',
      'award         = {Oral presentation}',
    ]) expect(cutmix).toContain(field);
    expect(entryOf(bib, 'arxiv20-adamp')).toContain('additional_info = {arXiv:2006.08217}');
  });

  it('abbr is a short badge key with no year: the series acronym; a workshop the acronym + "W"; a demo the main acronym', () => {
    const abbr = (id: string) => /^ {2}abbr +=\s*\{([^}]*)\},?$/m.exec(entryOf(bib, id))?.[1];
    for (const w of profile.publications) {
      const a = abbr(w.id);
      expect(a, w.id).toBeDefined();
      expect(a!.length, `${w.id}: ${a}`).toBeLessThanOrEqual(8);
      expect(a, w.id).not.toMatch(/\d|'|\s/);
      if (w.kind === 'workshop') expect(a, w.id).toMatch(/^[A-Za-z]+W$/);
    }
    expect(Object.fromEntries(['cvprw20-dm-font', 'icmlw19-self-attention-music-tagging', 'iclrw19-pixel-robustness', 'ismir19-harmonic-cnn', 'iccv19-cutmix', 'aaai21-lf-font', 'bigdata17-push-notification', 'arxiv20-adamp'].map((id) => [id, abbr(id)]))).toEqual({
      'cvprw20-dm-font': 'CVPRW',
      'icmlw19-self-attention-music-tagging': 'ICMLW',
      'iclrw19-pixel-robustness': 'ICLRW',
      'ismir19-harmonic-cnn': 'ISMIR',
      'iccv19-cutmix': 'ICCV',
      'aaai21-lf-font': 'AAAI',
      'bigdata17-push-notification': 'BigData',
      'arxiv20-adamp': 'arXiv',
    });
  });

  it('marks equal contribution with * on the family name and puts the legend in annotation', () => {
    const lf = entryOf(bib, 'aaai21-lf-font');
    expect(lf).toMatch(/author +=\ \{Park\*, Song and Chun\*, Sanghyuk and Cha, Junbum and Lee, Bado and Shim, Hyunjung\}/);
    expect(lf).toMatch(/annotation += \{\* Equal contribution\}/);
    expect(entryOf(bib, 'iccv19-cutmix')).not.toContain('*,');
  });

  it('a title that starts with a braced word ({CutMix}: …) is written cleanly, with no "{{": the same value and the same BibTeX output as publications.bib', async () => {
    const pubBib = await text(`public/${P}/publications.bib`);
    const field = (entry: string, name: string) => new RegExp(`^ {2}${name} += ([{"])(.*)[}"],?$`, 'm').exec(entry);
    const alFolio = field(entryOf(bib, 'iccv19-cutmix'), 'title')!;
    expect(field(entryOf(pubBib, 'iccv19-cutmix'), 'title')![2]).toBe('{CutMix}: Regularization Strategy to Train Strong Classifiers with Localizable Features');
    expect(alFolio[2]).toBe(field(entryOf(pubBib, 'iccv19-cutmix'), 'title')![2]);
    for (const m of bib.matchAll(/^ {2}(\w+) += [{"](.*)[}"],?$/gm)) expect(m[2], m[1]).not.toMatch(/^\s/);
    expect(bib).not.toMatch(/\{\{|\{%/);
    const item = (bbl: string) => /\\bibitem\{iccv19-cutmix\}([\s\S]*?)(?=\\bibitem|\\end\{thebibliography\})/.exec(bbl)![1]!.replace(/\s+/g, ' ').trim();
    const [a, b] = [runBibtex(bib), runBibtex(pubBib)];
    expect(item(a.bbl)).toContain('{CutMix}: Regularization strategy');
    expect(item(a.bbl)).toBe(item(b.bbl));
  });

  it('has stable ASCII keys and nothing jekyll-scholar would read as Liquid', () => {
    expect([...bib.matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1])).toEqual(profile.publications.map((w) => w.id));
    expect(bib).toMatch(/^[\x00-\x7f]*$/);
    expect(bib).not.toMatch(/\{\{|\{%/);
    expect(entryOf(bib, 'iccv19-cutmix')).toContain('annotation');
  });
});

describe('Hugo Blox bundles', async () => {
  const files = hugoBloxFiles(profile);
  const index = (id: string) => {
    const body = files.find((f) => f.path === `publications/${id}/index.md`)!.body as string;
    const [, fm, rest] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(body)!;
    return { fm: parseYaml(fm!, { strict: true, uniqueKeys: true }) as Record<string, unknown>, rest: rest! };
  };

  it('one index.md and cite.bib per work, as published in the store', async () => {
    expect(files).toHaveLength(2 * profile.publications.length);
    for (const f of files) expect(await text(`public/${P}/hugo-blox/${f.path}`)).toBe(f.body);
  });

  it('a work the profile no longer has loses its bundle: the folder holds exactly the works published', async () => {
    const other = new FsStore(mkdtempSync(join(tmpdir(), 'ps-site-prune-')));
    const before = loadCvText();
    const gone = 'iccv19-cutmix';
    await runSync({ dataDir: data, store: other, profiles: [P], runId: '20261126T030000Z', now: new Date('2026-11-26T03:00:00Z'), sources: { kind: 'replay' } });
    expect(await other.get(`public/${P}/hugo-blox/publications/${gone}/index.md`)).toBeDefined();
    writeFileSync(cvFile, removeArrayItem(before, ['publications'], CUTMIX));
    try {
      const r = await runSync({ dataDir: data, store: other, profiles: [P], runId: '20261127T030000Z', now: new Date('2026-11-27T03:00:00Z'), sources: { kind: 'replay' } });
      expect(r.profiles[0]!.status).toBe('published');
      const bundles = (await other.list(`public/${P}/hugo-blox/publications/`)).map((k) => k.split('/')[4]);
      expect(bundles).not.toContain(gone);
      expect(new Set(bundles).size).toBe(profile.publications.length - 1);
    } finally {
      writeFileSync(cvFile, before);
    }
  });

  it('front matter as Hugo Blox reads it: the owner as "me", author_notes, CSL types, venue, ids, typed links', () => {
    const { fm } = index('aaai21-lf-font');
    expect(fm).toMatchObject({
      title: 'Few-shot Font Generation with Localized Style Representations and Factorization',
      authors: ['Song Park', 'me', 'Junbum Cha', 'Bado Lee', 'Hyunjung Shim'],
      author_notes: ['Equal contribution', 'Equal contribution', '', '', ''],
      publication_types: ['paper-conference'],
      publication: '*AAAI Conference on Artificial Intelligence (AAAI)*',
      date: '2021-01-01',
      hide_date: true,
      publication_short: "*AAAI'21*",
      featured: false,
      hugoblox: { ids: { arxiv: '2009.11042' } },
      links: [{ type: 'pdf', url: 'https://arxiv.org/pdf/2009.11042' }],
    });
    const adamp = index('arxiv20-adamp').fm;
    expect(adamp).toMatchObject({ publication_types: ['article'], publication: 'arXiv preprint arXiv:2006.08217', publication_short: 'arXiv', date: '2020-01-01', hide_date: true });
    expect(JSON.stringify(adamp)).not.toMatch(/ICLR/);
  });

  it('no assumed day: where only the year is known (all of the recordings), its first day with hide_date; weight keeps the owner\'s order', () => {
    for (const [i, w] of profile.publications.entries()) {
      const { fm } = index(w.id);
      expect(fm['date']).toBe(`${w.year}-01-01`);
      expect(fm['hide_date']).toBe(true);
      expect(fm['weight']).toBe(i + 1);
    }
  });

  it('a real date is written: a preprint\'s first arXiv submission (not a conference paper\'s arXiv date)', () => {
    const at = '2020-06-15T08:35:15Z';
    const dated = { ...profile, publications: profile.publications.map((w) => (w.id === 'arxiv20-adamp' || w.id === 'iccv19-cutmix' ? { ...w, firstSubmitted: at } : w)) };
    const fm = (id: string) => parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(hugoBloxFiles(dated).find((f) => f.path === `publications/${id}/index.md`)!.body as string)![1]!) as Record<string, unknown>;
    expect(fm('arxiv20-adamp')).toMatchObject({ date: at, publication: 'arXiv preprint arXiv:2006.08217' });
    expect(fm('arxiv20-adamp')['hide_date']).toBeUndefined();
    expect(fm('iccv19-cutmix')).toMatchObject({ date: '2019-01-01', hide_date: true });
  });

  it('presentation fields: featured, typed links, preview image; award and annotation as text (no shortcode)', () => {
    const { fm, rest } = index('iccv19-cutmix');
    expect(fm).toMatchObject({
      featured: true,
      image: { filename: 'cutmix.png' },
      links: [
        { type: 'pdf', url: 'https://arxiv.org/pdf/1905.04899' },
        { type: 'code', url: 'https://github.com/clovaai/CutMix-PyTorch' },
        { type: 'slides', url: 'https://example.org/cutmix-slides.pdf' },
        { type: 'custom', label: 'Blog', url: 'https://example.org/blog/cutmix' },
      ],
    });
    expect(rest).toContain('**Oral presentation**');
    expect(rest).not.toMatch(/\{\{/);
  });

  it('each cite.bib passes BibTeX', () => {
    const all = files.filter((f) => f.path.endsWith('cite.bib')).map((f) => f.body as string).join('\n');
    const r = runBibtex(all);
    expect(r.errors, r.log).toEqual([]);
    expect(r.bbl.match(/\\bibitem/g)).toHaveLength(profile.publications.length);
  });

  it('the archive holds the whole folder, CRCs checked on reading, and is the same bytes for the same files', async () => {
    const zipBytes = await read(`public/${P}/hugo-blox.zip`);
    const zip = await JSZip.loadAsync(zipBytes, { checkCRC32: true });
    const names = Object.values(zip.files).filter((f) => !f.dir).map((f) => f.name);
    expect(names).toEqual(files.map((f) => f.path));
    for (const f of files) expect(await zip.file(f.path)!.async('string')).toBe(f.body);
    expect(Buffer.from(zipArchive(hugoBloxFiles(profile))).equals(zipBytes)).toBe(true);
    expect(() => zipArchive([{ path: '../evil', body: 'x' }])).toThrow(/unsafe path/);
  });
});
