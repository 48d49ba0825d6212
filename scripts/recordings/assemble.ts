/**
 * Assembles the offline recordings for sanghyuk-chun from public facts
 * (scripts/recordings/facts-sanghyuk-chun.ts), in the sources' exact formats,
 * leaving out every value nobody supplied. `npx tsx scripts/recordings/assemble.ts`
 * writes data/recordings/sanghyuk-chun/; a test checks the committed files are
 * exactly what this writes. Live re-recording: `profile-sync record`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ARXIV_API, discoveryUrl, idListUrl } from '../../src/sources/arxiv/arxiv-query.ts';
import { atomFeed, type AtomEntry } from '../../test/helpers/atom-builder.ts';
import { dblpAuthorSearch, dblpPerson, type DblpRecordSpec } from '../../test/helpers/dblp-builder.ts';
import { OWNER, PAPERS, SYNTHETIC, type PaperFact } from './facts-sanghyuk-chun.ts';
import type { RecordingManifest } from '../../src/harvest/replay.ts';

export const PROFILE = 'sanghyuk-chun';
const CV_DATE = '2020-12-02';

export interface AssembledFile {
  readonly file: string;
  readonly body: string;
  readonly source: 'arxiv' | 'dblp';
  readonly purpose: string;
  readonly url: string;
}

/** The month an arXiv ID fixes (YYMM), as YYYY-MM: the only date an assembled entry knows. */
const idMonth = (id: string) => `20${id.slice(0, 2)}-${id.slice(2, 4)}`;

const entry = (p: PaperFact): AtomEntry => ({
  id: p.arxiv!,
  version: null,
  title: p.arxivTitle!,
  authors: p.arxivAuthors!,
  categories: p.categories ?? [],
});

/** Every file of the assembled recordings, with its manifest entry. */
export function assembleRecordings(): { files: AssembledFile[]; manifest: RecordingManifest } {
  const onArxiv = [...PAPERS, SYNTHETIC.homonymArxiv].filter((p) => p.arxiv && p.arxivTitle && p.arxivAuthors);
  // The author query answers newest first; an assembled feed can only order by the ID (YYMM, then number).
  const discovery = [...onArxiv].sort((a, b) => b.arxiv!.localeCompare(a.arxiv!));
  // The id_list batch holds the arXiv IDs the CV era's works have (what a first sync asks for).
  const cvEra = PAPERS.filter((p) => p.arxiv && idMonth(p.arxiv) <= CV_DATE.slice(0, 7)).map((p) => p.arxiv!).sort();
  const byId = new Map(onArxiv.map((p) => [p.arxiv!, p]));

  const records: DblpRecordSpec[] = [];
  for (const p of PAPERS) {
    for (const r of p.dblp ?? []) {
      records.push({
        type: r.type,
        key: r.key,
        ...(r.publtype ? { publtype: r.publtype } : {}),
        authors: r.authors.map((name) => (name === OWNER ? { name, pid: SYNTHETIC.ownerPid } : { name })),
        titleXml: `${r.title.replace(/&/g, '&amp;')}.`,
        ...(r.booktitle ? { booktitle: r.booktitle } : {}),
        ...(r.journal ? { journal: r.journal } : {}),
        ...(r.volume ? { volume: r.volume } : {}),
        year: r.year,
        ...(r.ee?.length ? { ee: r.ee } : {}),
        ...(r.url ? { url: r.url } : {}),
        ...(r.stream ? { stream: r.stream } : {}),
      });
    }
  }
  const s = SYNTHETIC;
  const ref = (name: string) => (name === OWNER ? { name, pid: s.ownerPid } : { name });
  records.push({ type: 'proceedings', key: s.editorOnly.key, editors: s.editorOnly.editors.map(ref), titleXml: `${s.editorOnly.title}.`, year: s.editorOnly.year, booktitle: s.editorOnly.booktitle });
  records.push({ type: 'article', key: s.misassigned.key, authors: s.misassigned.authors.map(ref), titleXml: `${s.misassigned.title}.`, journal: s.misassigned.journal, volume: s.misassigned.volume, year: s.misassigned.year });
  records.sort((a, b) => b.year - a.year || a.key.localeCompare(b.key));

  const coNames = [...new Set(records.flatMap((r) => (r.authors ?? []).map((a) => a.name)).filter((n) => n !== OWNER))].sort();
  const coauthors = coNames.map((name) => {
    const parts = name.split(' ');
    const last = parts.pop() ?? name;
    return { name, f: `${last[0]!.toLowerCase()}/${last}:${parts.join('_')}`, c: 0 };
  });

  const discoveryQuery = 'search_query=au:Chun_Sanghyuk&id_list=&start=0&max_results=100';
  const idQuery = `search_query=&id_list=${cvEra.join(',')}&start=0&max_results=${cvEra.length}`;
  const feed = { updated: null, id: 'https://arxiv.org/api/assembled-from-public-facts' } as const;
  const files: AssembledFile[] = [
    { file: 'arxiv-1.xml', source: 'arxiv', purpose: 'author-discovery page 1', url: discoveryUrl(ARXIV_API, [OWNER], 0, 100), body: atomFeed(discovery.map(entry), { ...feed, query: discoveryQuery, totalResults: discovery.length, itemsPerPage: 100 }) },
    { file: 'arxiv-2.xml', source: 'arxiv', purpose: `id_list 1 (${cvEra.length} IDs)`, url: idListUrl(ARXIV_API, cvEra), body: atomFeed(cvEra.map((id) => entry(byId.get(id)!)), { ...feed, query: idQuery, totalResults: cvEra.length }) },
    { file: 'dblp-1.json', source: 'dblp', purpose: 'author-search', url: 'https://dblp.org/search/author/api?q=Sanghyuk%20Chun&format=json&h=30', body: dblpAuthorSearch('Sanghyuk Chun', [{ name: OWNER, pid: s.ownerPid }]) },
    {
      file: 'dblp-2.xml',
      source: 'dblp',
      purpose: 'person',
      url: `https://dblp.org/pid/${s.ownerPid}.xml`,
      body: dblpPerson({ name: OWNER, pid: s.ownerPid, homonyms: [s.homonym], records, coauthors }),
    },
  ];
  const manifest: RecordingManifest = {
    profile: PROFILE,
    how: 'assembled',
    note:
      'Assembled from public facts by scripts/recordings/assemble.ts, not captured live (see data/README.md): titles, authors, arXiv IDs and the two dblp keys a public record showed; ' +
      'no abstracts, dates, arXiv versions or other values nobody supplied. Synthetic stand-ins (owner pid 000/0001, homonym 0002, arXiv 2511.99999, dblp conf/synthetic/2024w and journals/synthetic/ParkCS23) exercise the guards. ' +
      'Re-record live with: npx profile-sync record --profile sanghyuk-chun',
    synthetic: [
      { id: `arxiv:${s.homonymArxiv.arxiv}`, why: "a homonym's cond-mat paper (no shared co-authors), to exercise the homonym guard" },
      { id: `dblp:${s.misassigned.key}`, why: "a misassigned dblp article on the owner's page, to exercise the low-confidence path" },
      { id: `dblp:${s.editorOnly.key}`, why: 'an editor-only proceedings record, to exercise the editor filter' },
    ],
    documents: files.map((f) => ({ file: f.file, source: f.source, purpose: f.purpose, url: f.url, status: 200, how: 'assembled' as const })),
  };
  return { files, manifest };
}

export function manifestText(manifest: RecordingManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = join(import.meta.dirname, '..', '..', 'data', 'recordings', PROFILE);
  const { files, manifest } = assembleRecordings();
  await mkdir(dir, { recursive: true });
  for (const f of files) await writeFile(join(dir, f.file), f.body);
  await writeFile(join(dir, 'manifest.json'), manifestText(manifest));
  console.log(`wrote ${files.length} documents and manifest.json to ${dir} (assembled from public facts, not captured)`);
}
