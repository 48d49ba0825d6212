/**
 * Synthetic scale input for the reconciliation benchmark, deterministic (seeded):
 * 10,000 canonical works and 50,000 source records in the sources' native
 * formats (arXiv Atom pages, one dblp person document).
 */
import type { CanonicalCv, CanonicalPublication } from '../src/canonical/cv-schema.ts';
import { atomFeed, type AtomEntry } from '../test/helpers/atom-builder.ts';
import { dblpPerson, type DblpRecordSpec } from '../test/helpers/dblp-builder.ts';
import { cvWith, OWNER } from '../test/helpers/reconcile-builders.ts';

export { OWNER };
const OWNER_PID = '1/1';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface Synthetic {
  readonly cv: CanonicalCv;
  readonly arxivPages: string[];
  readonly dblpPerson: string;
  readonly counts: { canonical: number; arxiv: number; dblp: number };
}

export function synthetic(canonical = 10_000, sourceRecords = 50_000): Synthetic {
  const r = rng(42);
  const syll = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'ze', 'po', 'qu', 'an', 'el', 'or', 'ub', 'ix'];
  const word = () => Array.from({ length: 2 + Math.floor(r() * 3) }, () => syll[Math.floor(r() * syll.length)]).join('');
  const vocab = Array.from({ length: 6000 }, word);
  // Zipf-like: common words are used often, most are rare.
  const pick = () => vocab[Math.floor(vocab.length * r() ** 2.2)]!;
  const title = () => Array.from({ length: 6 + Math.floor(r() * 6) }, pick).join(' ').replace(/^./, (c) => c.toUpperCase());
  const given = Array.from({ length: 400 }, () => word().replace(/^./, (c) => c.toUpperCase()));
  const family = Array.from({ length: 300 }, () => word().replace(/^./, (c) => c.toUpperCase()));
  const person = () => `${given[Math.floor(r() * given.length)]} ${family[Math.floor(r() * family.length)]}`;
  const coauthors = (n: number) => Array.from({ length: n }, person);

  const publications: CanonicalPublication[] = [];
  const arxivEntries: AtomEntry[] = [];
  const dblpRecords: DblpRecordSpec[] = [];
  let arxivSeq = 0;
  const nextArxiv = () => {
    const n = arxivSeq++;
    return `${String(15 + Math.floor(n / 99_999) % 10).padStart(2, '0')}${String((Math.floor(n / 9999) % 12) + 1).padStart(2, '0')}.${String(10000 + (n % 9999)).padStart(5, '0')}`;
  };
  const ref = (name: string) => ({ name, pid: name === OWNER ? OWNER_PID : `9/${name.length}` });
  let records = 0;
  for (let i = 0; i < canonical; i++) {
    const t = title();
    const authors = [OWNER, ...coauthors(2 + Math.floor(r() * 4))];
    const year = 2000 + Math.floor(r() * 26);
    publications.push({
      id: `w${i}`,
      kind: 'conference',
      venue: `CONF'${String(year % 100).padStart(2, '0')}`,
      year,
      title: t,
      authors: authors.map((name) => (name === OWNER ? { name, owner: true as const } : { name })),
    });
    // 8 of 10 canonical works are in the sources: arXiv + CoRR + venue (sometimes retitled).
    if (i % 10 < 8 && records + 3 <= sourceRecords) {
      const id = nextArxiv();
      const retitled = r() < 0.1 ? `${t} revisited` : t;
      arxivEntries.push({ id, title: retitled, authors, published: `${year}-03-01T00:00:00Z` });
      dblpRecords.push({ type: 'article', key: `journals/corr/abs-${id.replace('.', '-')}`, mdate: '2024-01-01', publtype: 'informal', authors: authors.map(ref), titleXml: `${t}.`, journal: 'CoRR', volume: `abs/${id}`, year });
      dblpRecords.push({ type: 'inproceedings', key: `conf/c/K${i}`, mdate: '2024-01-01', authors: authors.map(ref), titleXml: `${retitled}.`, booktitle: 'CONF', year: year + (r() < 0.5 ? 1 : 0) });
      records += 3;
    }
  }
  // The rest: other papers, a fifth of them by the owner (candidates), the others not.
  for (let i = 0; records < sourceRecords; i++, records++) {
    const authors = i % 5 === 0 ? [person(), OWNER, ...coauthors(2)] : coauthors(3);
    const year = 2000 + Math.floor(r() * 26);
    if (i % 2 === 0) arxivEntries.push({ id: nextArxiv(), title: title(), authors, published: `${year}-06-01T00:00:00Z` });
    else dblpRecords.push({ type: 'inproceedings', key: `conf/o/X${i}`, mdate: '2024-01-01', authors: authors.map(ref), titleXml: `${title()}.`, booktitle: 'OTHER', year });
  }
  const arxivPages: string[] = [];
  for (let i = 0; i < arxivEntries.length; i += 2000) {
    const page = arxivEntries.slice(i, i + 2000);
    arxivPages.push(atomFeed(page, { query: `search_query=au:Owner_Ada&start=${i}&max_results=2000`, totalResults: arxivEntries.length, startIndex: i, itemsPerPage: 2000 }));
  }
  return {
    cv: { ...cvWith(publications), profile: 'bench', person: { name: OWNER, nameVariants: [], affiliation: 'Bench' } },
    arxivPages,
    dblpPerson: dblpPerson({ name: OWNER, pid: OWNER_PID, mdate: '2026-01-01', records: dblpRecords }),
    counts: { canonical: publications.length, arxiv: arxivEntries.length, dblp: dblpRecords.length },
  };
}
