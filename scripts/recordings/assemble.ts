/**
 * Assembles the offline recordings for sanghyuk-chun from public facts
 * (scripts/recordings/facts-sanghyuk-chun.ts), in the sources' exact formats.
 * `npx tsx scripts/recordings/assemble.ts`. Live re-recording: `profile-sync record`.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ARXIV_API, discoveryUrl, idListUrl } from '../../src/sources/arxiv/arxiv-query.ts';
import { atomFeed, type AtomEntry } from '../../test/helpers/atom-builder.ts';
import { dblpAuthorSearch, dblpPerson, type DblpAuthorRef, type DblpRecordSpec } from '../../test/helpers/dblp-builder.ts';
import { DBLP_EXTRAS, OWNER, PAPERS, SYNTHETIC_PID } from './facts-sanghyuk-chun.ts';
import type { RecordingManifest } from '../../src/harvest/replay.ts';

const PROFILE = 'sanghyuk-chun';
const dir = join(import.meta.dirname, '..', '..', 'data', 'recordings', PROFILE);
const PLACEHOLDER = 'Abstract not recorded: this entry was assembled from public facts (see data/README.md); run `profile-sync record` for the real response.';

/** Synthetic, stable dblp pids for co-authors (their real pids were not in the material used). */
function pidOf(name: string): string {
  if (name === OWNER) return SYNTHETIC_PID;
  const h = createHash('sha256').update(name).digest();
  return `9${h[0]! % 90}/${1000 + (h.readUInt16BE(1) % 9000)}`;
}
const ref = (name: string): DblpAuthorRef => ({ name, pid: pidOf(name) });
const nameOf = (a: string | { name: string }) => (typeof a === 'string' ? a : a.name);

// --- arXiv: one author-discovery page (newest first) and one id_list batch of the CV's arXiv papers.
const onArxiv = PAPERS.filter((p) => p.arxiv && p.arxivTitle && p.arxivAuthors && p.submitted);
const entry = (p: (typeof PAPERS)[number]): AtomEntry => ({
  id: p.arxiv!,
  version: p.arxivVersion ?? 1,
  title: p.arxivTitle!,
  authors: p.arxivAuthors!,
  published: p.submitted!,
  summary: PLACEHOLDER,
  categories: p.categories ?? ['cs.CV', 'cs.LG'],
  ...(p.arxivComment ? { comment: p.arxivComment } : {}),
  ...(p.arxivDoi ? { doi: p.arxivDoi } : {}),
});
const discovery = [...onArxiv].sort((a, b) => b.submitted!.localeCompare(a.submitted!));
const cvEra = onArxiv.filter((p) => p.submitted! < '2020-12-03' && !p.synthetic).map((p) => p.arxiv!).sort();
const names = ['Sanghyuk Chun'];
const discoveryQuery = `search_query=au:Chun_Sanghyuk&id_list=&start=0&max_results=100`;
const idQuery = `search_query=&id_list=${cvEra.join(',')}&start=0&max_results=${cvEra.length}`;
const byId = new Map(onArxiv.map((p) => [p.arxiv!, p]));

// --- dblp: the author search and the person bibliography.
const records: DblpRecordSpec[] = [];
for (const p of PAPERS) {
  if (p.synthetic) continue;
  if (p.venue) {
    records.push({
      type: p.venue.type,
      key: p.venue.key,
      mdate: p.venue.mdate,
      authors: p.venue.authors.map(ref),
      titleXml: `${p.venue.title.replace(/&/g, '&amp;')}.`,
      ...(p.venue.booktitle ? { booktitle: p.venue.booktitle } : {}),
      ...(p.venue.journal ? { journal: p.venue.journal } : {}),
      ...(p.venue.pages ? { pages: p.venue.pages } : {}),
      year: p.venue.year,
      ...(p.venue.ee ? { ee: p.venue.ee } : {}),
      ...(p.venue.crossref ? { crossref: p.venue.crossref } : {}),
      url: `db/${p.venue.key.replace(/\/[^/]+$/, '')}/${p.venue.key.split('/')[1]}${p.venue.year}.html#${p.venue.key.split('/').pop()}`,
    });
  }
  if (p.corr && p.arxiv) {
    const dash = p.arxiv.replace('.', '-');
    const yymm = p.arxiv.slice(0, 4);
    records.push({
      type: 'article',
      key: `journals/corr/abs-${dash}`,
      mdate: p.corr.mdate,
      publtype: 'informal',
      authors: p.corr.authors.map(ref),
      titleXml: `${p.corr.title}.`,
      journal: 'CoRR',
      volume: `abs/${p.arxiv}`,
      year: 2000 + Number(p.arxiv.slice(0, 2)),
      // Older CoRR records link arxiv.org, newer ones the arXiv DOI.
      ee: [Number(yymm) >= 2201 ? { type: 'oa', url: `https://doi.org/10.48550/arXiv.${p.arxiv}` } : { type: 'oa', url: `http://arxiv.org/abs/${p.arxiv}` }],
      url: `db/journals/corr/corr${yymm}.html#abs-${dash}`,
      stream: 'streams/journals/corr',
    });
  }
}
const e = DBLP_EXTRAS;
records.push({ type: 'proceedings', key: e.editorOnly.key, mdate: '2024-10-01', editors: e.editorOnly.editors.map(ref), titleXml: `${e.editorOnly.title}.`, year: e.editorOnly.year, booktitle: 'Synthetic Workshop' });
records.push({ type: 'article', key: e.misassigned.key, mdate: '2023-06-01', authors: e.misassigned.authors.map(ref), titleXml: e.misassigned.title, journal: e.misassigned.journal, volume: '12', year: e.misassigned.year });
records.sort((a, b) => b.year - a.year || a.key.localeCompare(b.key));

const coCounts = new Map<string, number>();
for (const r of records) for (const a of r.authors ?? []) if (a.name !== OWNER) coCounts.set(a.name, (coCounts.get(a.name) ?? 0) + 1);
const coauthors = [...coCounts.keys()].sort().map((name) => {
  const parts = name.split(' ');
  const last = parts.pop() ?? name;
  return { name, pid: pidOf(name), f: `${last[0]!.toLowerCase()}/${last}:${parts.join('_')}`, c: 0 };
});

const files: Array<{ file: string; body: string; source: 'arxiv' | 'dblp'; purpose: string; url: string }> = [
  { file: 'arxiv-1.xml', source: 'arxiv', purpose: 'author-discovery page 1', url: discoveryUrl(ARXIV_API, names, 0, 100), body: atomFeed(discovery.map(entry), { query: discoveryQuery, totalResults: discovery.length, itemsPerPage: 100 }) },
  { file: 'arxiv-2.xml', source: 'arxiv', purpose: `id_list 1 (${cvEra.length} IDs)`, url: idListUrl(ARXIV_API, cvEra), body: atomFeed(cvEra.map((id) => entry(byId.get(id)!)), { query: idQuery, totalResults: cvEra.length }) },
  { file: 'dblp-1.json', source: 'dblp', purpose: 'author-search', url: 'https://dblp.org/search/author/api?q=Sanghyuk%20Chun&format=json&h=30', body: dblpAuthorSearch('Sanghyuk Chun', [{ name: OWNER, pid: SYNTHETIC_PID, affiliations: ['Princeton University, NJ, USA'] }]) },
  {
    file: 'dblp-2.xml',
    source: 'dblp',
    purpose: 'person',
    url: `https://dblp.org/pid/${SYNTHETIC_PID}.xml`,
    body: dblpPerson({
      name: OWNER,
      pid: SYNTHETIC_PID,
      mdate: '2026-11-01',
      affiliation: 'Princeton University, NJ, USA',
      urls: ['https://sanghyukchun.github.io/home/'],
      homonyms: [{ f: 'c/Chun:Sanghyuk', key: 'homepages/000/0002', name: 'Sanghyuk Chun 0002', pid: '000/0002' }],
      records,
      coauthors,
    }),
  },
];

await mkdir(dir, { recursive: true });
for (const f of files) await writeFile(join(dir, f.file), f.body);
const manifest: RecordingManifest = {
  profile: PROFILE,
  how: 'assembled',
  note: 'Assembled from public facts by scripts/recordings/assemble.ts, not captured live; see data/README.md. Re-record live with: npx profile-sync record --profile sanghyuk-chun',
  documents: files.map((f) => ({ file: f.file, source: f.source, purpose: f.purpose, url: f.url, status: 200 })),
};
await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`wrote ${files.length} documents to ${dir}`);
