/**
 * A synthetic department (deterministic, seeded) for the fleet tests and the
 * fleet benchmark: profiles whose CVs share works with department colleagues,
 * the arXiv records their earlier backfills found, their dblp person pages,
 * and one night's OAI-PMH delta for the whole archive: unrelated records (the
 * bulk), new papers of profiles, papers of two colleagues, new versions of
 * held papers (the owner written with initials), and papers of homonyms (a
 * profile's exact name with other co-authors, in another field). `truth` says
 * which is which. Names, titles and IDs are invented; the documents are
 * written in the sources' real layouts by the builders beside this file.
 */
import type { ProfileConfig } from '../../src/canonical/config-schema.ts';
import type { CanonicalCv, CanonicalPublication } from '../../src/canonical/cv-schema.ts';
import { NO_DECISIONS } from '../../src/canonical/decisions.ts';
import type { ProfileInput } from '../../src/canonical/profile-input.ts';
import { fetchPlanFor, type FetchPlan } from '../../src/harvest/fetch-plan.ts';
import type { ArxivRecord } from '../../src/sources/arxiv/arxiv-record.ts';
import type { DblpRecordSpec } from './dblp-builder.ts';
import type { RawRecordSpec } from './oai-builder.ts';
import { cvWith } from './reconcile-builders.ts';

export interface FleetOptions {
  readonly profiles: number;
  readonly seed?: number;
  /** Unrelated records in tonight's delta (the whole archive changes by a few thousand a day). */
  readonly noise?: number;
  readonly newPapers?: number;
  readonly sharedPapers?: number;
  readonly newVersions?: number;
  readonly homonyms?: number;
  /** YYYY-MM-DD of the night. */
  readonly night?: string;
  /** Works per CV, [min, max]. */
  readonly works?: readonly [number, number];
}

export interface FleetProfile {
  readonly input: ProfileInput;
  readonly plan: FetchPlan;
  readonly pid: string;
  /** arXiv records an earlier backfill found (the holdings before tonight). */
  readonly held: ArxivRecord[];
  readonly dblpRecords: DblpRecordSpec[];
}

export interface Fleet {
  readonly night: string;
  readonly runId: string;
  readonly profiles: readonly FleetProfile[];
  readonly delta: readonly RawRecordSpec[];
  readonly truth: {
    readonly newPapers: ReadonlyArray<{ readonly id: string; readonly profile: string }>;
    readonly shared: ReadonlyArray<{ readonly id: string; readonly profiles: readonly [string, string] }>;
    readonly newVersions: ReadonlyArray<{ readonly id: string; readonly profile: string }>;
    readonly homonyms: ReadonlyArray<{ readonly id: string; readonly profile: string }>;
  };
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SYLL = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'ze', 'po', 'qu', 'an', 'el', 'or', 'ub', 'ix', 'da', 'fe', 'gu', 'hi'];
/** Syllables of the archive's other authors: their names never equal a profile's by chance. */
const OTHER = ['bra', 'cle', 'dro', 'fny', 'gwa', 'pho', 'str', 'thy', 'wre', 'zyl'];

export function buildFleet(o: FleetOptions): Fleet {
  const r = rng(o.seed ?? 7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const word = (syl: readonly string[], n = 2 + Math.floor(r() * 2)) => Array.from({ length: n }, () => pick(syl)).join('');
  const vocab = Array.from({ length: 5000 }, () => word(SYLL, 2 + Math.floor(r() * 3)));
  const title = () => cap(Array.from({ length: 6 + Math.floor(r() * 5) }, () => vocab[Math.floor(vocab.length * r() ** 2)]!).join(' '));
  const night = o.night ?? '2026-11-28';
  const runId = `${night.replace(/-/g, '')}T031500Z`;
  const used = new Set<string>();
  const uniqueName = (syl: readonly string[]) => {
    for (;;) {
      const n = `${cap(word(syl))} ${cap(word(syl, 2 + Math.floor(r() * 2)))}`;
      if (!used.has(n)) {
        used.add(n);
        return n;
      }
    }
  };
  const N = o.profiles;
  const names = Array.from({ length: N }, () => uniqueName(SYLL));
  const ids = Array.from({ length: N }, (_, i) => `prof-${String(i).padStart(5, '0')}`);
  const pids = Array.from({ length: N }, (_, i) => `${1000 + (i % 900)}/${i}`);
  const externals = Array.from({ length: N }, () => Array.from({ length: 10 }, () => uniqueName(SYLL)));
  const colleagues = (i: number) => (N < 2 ? [] : [...new Set([1, 2, -1, -2].map((d) => (((i + d) % N) + N) % N))].filter((j) => j !== i));

  let seq = 0;
  const nextArxiv = (year: number) => {
    seq++;
    const month = 1 + (seq % 12);
    return `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}.${String(10000 + (seq % 89999)).padStart(5, '0')}`;
  };
  const pubs: CanonicalPublication[][] = Array.from({ length: N }, () => []);
  const held: ArxivRecord[][] = Array.from({ length: N }, () => []);
  const dblp: DblpRecordSpec[][] = Array.from({ length: N }, () => []);
  const index = new Map(names.map((n, i) => [n, i]));
  const ref = (name: string) => {
    const i = index.get(name) ?? -1;
    return { name, pid: i >= 0 ? pids[i]! : `${9000 + (name.length % 90)}/${Math.floor(r() * 1e6)}` };
  };
  const arxivRecord = (id: string, t: string, authors: readonly string[], published: string, version = 1): ArxivRecord => ({
    id,
    version,
    title: t,
    titlePlain: t,
    abstract: `We study ${t.toLowerCase()}.`,
    abstractPlain: `We study ${t.toLowerCase()}.`,
    authors: authors.map((name) => ({ name, affiliations: [] })),
    published,
    updated: published,
    categories: ['cs.LG'],
    primaryCategory: 'cs.LG',
    links: { abstract: `https://arxiv.org/abs/${id}v${version}`, pdf: `https://arxiv.org/pdf/${id}v${version}` },
  });

  const [minW, maxW] = o.works ?? [20, 40];
  for (let i = 0; i < N; i++) {
    const w = minW + Math.floor(r() * (maxW - minW + 1));
    for (let j = 0; j < w; j++) {
      const year = 2015 + Math.floor(r() * 11);
      const coll = r() < 0.35 ? colleagues(i).filter((c) => pubs[c]!.length < maxW + 10)[0] : undefined;
      const others = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(externals[i]!));
      const authors = [...new Set([names[i]!, ...(coll !== undefined ? [names[coll]!] : []), ...others])];
      if (r() < 0.5) authors.push(authors.shift()!); // the owner is not always first
      const t = title();
      const arxiv = r() < 0.6 ? nextArxiv(year) : undefined;
      const workKey = `W${++seq}`;
      for (const owner of coll !== undefined ? [i, coll] : [i]) {
        pubs[owner]!.push({
          id: `w-${workKey.toLowerCase()}`,
          kind: 'conference',
          venue: `CONF'${String(year % 100).padStart(2, '0')}`,
          year,
          title: t,
          authors: authors.map((name) => (name === names[owner] ? { name, owner: true as const } : { name })),
          ...(arxiv ? { ids: { arxiv } } : {}),
        });
        if (arxiv) held[owner]!.push(arxivRecord(arxiv, t, authors, `${year}-03-02T10:00:00Z`));
        dblp[owner]!.push({ type: 'inproceedings', key: `conf/syn/${workKey}`, mdate: `${year + 1}-01-01`, authors: authors.map(ref), titleXml: `${t}.`, booktitle: 'CONF', year });
        if (arxiv) dblp[owner]!.push({ type: 'article', key: `journals/corr/abs-${arxiv.replace('.', '-')}`, mdate: `${year}-04-01`, publtype: 'informal', authors: authors.map(ref), titleXml: `${t}.`, journal: 'CoRR', volume: `abs/${arxiv}`, year, ee: [`https://doi.org/10.48550/arXiv.${arxiv}`] });
      }
    }
  }

  // Tonight's delta: what changed yesterday (the night asks for whole days).
  const stamp = new Date(Date.parse(`${night}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const at = (h: number) => `${stamp}T${String(h).padStart(2, '0')}:00:00Z`;
  const yy = Number(night.slice(2, 4));
  const delta: RawRecordSpec[] = [];
  const truth = { newPapers: [] as Array<{ id: string; profile: string }>, shared: [] as Array<{ id: string; profiles: [string, string] }>, newVersions: [] as Array<{ id: string; profile: string }>, homonyms: [] as Array<{ id: string; profile: string }> };
  const fresh = () => nextArxiv(2000 + yy);
  const spread = (k: number, salt: number) => Array.from({ length: Math.min(k, N) }, (_, x) => (x * 7919 + salt) % N);
  for (const i of spread(o.newPapers ?? Math.max(1, Math.round(N / 50)), 1)) {
    const cvCoauthors = [...new Set(pubs[i]!.flatMap((p) => p.authors.filter((a) => !a.owner).map((a) => a.name)))].filter((n) => !index.has(n));
    const id = fresh();
    delta.push({ id, datestamp: stamp, versions: [at(1)], title: title(), authors: [cvCoauthors[0] ?? 'Ab Other', names[i]!, cvCoauthors[1] ?? 'Cd Other'], categories: ['cs.LG', 'stat.ML'] });
    truth.newPapers.push({ id, profile: ids[i]! });
  }
  for (const i of spread(o.sharedPapers ?? Math.max(1, Math.round(N / 100)), 3)) {
    const c = colleagues(i)[0];
    if (c === undefined) continue;
    const ext = pubs[i]!.flatMap((p) => p.authors.filter((a) => !a.owner && !index.has(a.name)).map((a) => a.name))[0] ?? 'Ef Other';
    const id = fresh();
    delta.push({ id, datestamp: stamp, versions: [at(2)], title: title(), authors: [names[i]!, ext, names[c]!], categories: ['cs.CV'] });
    truth.shared.push({ id, profiles: [ids[i]!, ids[c]!] });
  }
  for (const i of spread(o.newVersions ?? Math.max(1, Math.round(N / 100)), 5)) {
    const h = held[i]![0];
    if (!h) continue;
    const initials = (n: string) => n.replace(/^(\S)\S*\s/, '$1. ');
    delta.push({ id: h.id, datestamp: stamp, versions: [h.published!, at(3)], title: h.title, authors: h.authors.map((a) => (a.name === names[i] ? initials(a.name) : a.name)), categories: ['cs.LG'], journalRef: 'CONF 2026' });
    truth.newVersions.push({ id: h.id, profile: ids[i]! });
  }
  for (const i of spread(o.homonyms ?? Math.max(1, Math.round(N / 100)), 11)) {
    const id = fresh();
    delta.push({ id, datestamp: stamp, versions: [at(4)], title: `${cap(word(OTHER, 3))} ${word(OTHER, 3)} in ${word(OTHER, 2)} cortex`, authors: [uniqueName(OTHER), names[i]!, uniqueName(OTHER)], categories: ['q-bio.NC'] });
    truth.homonyms.push({ id, profile: ids[i]! });
  }
  for (let k = 0; k < (o.noise ?? 4000); k++) {
    delta.push({ id: fresh(), datestamp: stamp, versions: [at(5)], title: `${cap(word(OTHER, 3))} ${word(OTHER, 2)} ${word(OTHER, 3)}`, authors: Array.from({ length: 1 + Math.floor(r() * 4) }, () => `${cap(word(OTHER))} ${cap(word(OTHER))}`), categories: [pick(['cs.LG', 'math.AP', 'hep-th', 'astro-ph.GA', 'q-bio.NC', 'stat.ME'])] });
  }
  delta.sort((a, b) => (a.id < b.id ? -1 : 1));

  const profiles = ids.map((profile, i): FleetProfile => {
    const cv: CanonicalCv = { ...cvWith(pubs[i]!), profile, person: { name: names[i]!, nameVariants: [], affiliation: 'Department of Synthetic Studies' } };
    const config: ProfileConfig = {
      schemaVersion: 1,
      profile,
      contact: `${profile}@dept.example.org`,
      sources: {
        arxiv: { enabled: true, authorNames: [names[i]!], discoverMaxResults: 200, pageSize: 100, minIntervalSeconds: 3 },
        dblp: { enabled: true, pid: pids[i]!, minIntervalSeconds: 1 },
      },
      publishing: { publishUnreviewedCandidates: false, shrinkTolerance: 0.2 },
    };
    const input: ProfileInput = { profile, cv, config, cvText: `${JSON.stringify(cv, null, 2)}\n`, decisions: NO_DECISIONS };
    return { input, plan: fetchPlanFor(input), pid: pids[i]!, held: held[i]!, dblpRecords: dblp[i]! };
  });
  return { night, runId, profiles, delta, truth };
}
