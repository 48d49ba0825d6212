/**
 * dblp dump parse throughput, in its own process (so its peak memory is its
 * own): a synthetic dblp.xml in dblp's format and proportions — person records
 * (<www key="homepages/…">, ~130 bytes) and publication records (~550 bytes,
 * 3–4 authors, title, pages, year, venue, ee, crossref, url) in dblp's ratio of
 * about 3.6 M persons to 7.5 M publications (estimates, see docs/architecture.md)
 * — generated and gzip-compressed as a stream into a temporary file (the
 * bench's stand-in for the download; deleted after), then read back as a
 * stream by the real extraction (gunzip → SAX → person pages) for a fleet of
 * `fleet` pids: only that read is measured. Prints one JSON line:
 * XML MB/s and records/s on one core, CPU, peak RSS, and the bytes held per
 * person record (for the name-form → pid map), to extrapolate to dblp's size.
 *
 *   node tsx bench/dblp-dump-scale.ts '{"records":1000000,"fleet":10000}'
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { entityTableFromDtd } from '../src/sources/dblp/dblp-dump-entities.ts';
import { candidateName, extractPersonPages } from '../src/sources/dblp/dblp-dump-extract.ts';
import { DTD_EXCERPT } from '../test/helpers/dblp-dump-dataset.ts';

interface ScaleOptions {
  /** Records in all (persons and publications). */
  readonly records: number;
  /** Fleet people (their pids and names are the extraction's candidates). */
  readonly fleet: number;
  /** gzip level of the synthetic dump (dblp's is not documented; 6 is gzip's default). */
  readonly level?: number;
}

const o = { records: 1_000_000, fleet: 10_000, ...(JSON.parse(process.argv[2] ?? '{}') as Partial<ScaleOptions>) };
/** Share of person records among dblp.xml's records: 3.6 M of 11.1 M (estimate). */
export const PERSON_SHARE = 3.6 / 11.1;

const SYL = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'ze', 'po', 'qu', 'an', 'el', 'or', 'ub', 'ix', 'da', 'fe', 'gu', 'hi', 'mü', 'çe', 'ño'];
let seed = 11;
const rnd = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const word = (n: number) => Array.from({ length: n }, () => pick(SYL)).join('');
const ENT: Record<string, string> = { ü: '&uuml;', ç: '&ccedil;', ñ: '&ntilde;' };
const ascii = (s: string) => s.replace(/[üçñ]/g, (c) => ENT[c]!);

const persons = Math.round(o.records * PERSON_SHARE);
const pubs = o.records - persons;
const nameOf = (i: number) => {
  // deterministic per person: the same i, the same name
  const s0 = seed;
  seed = (i * 2654435761) >>> 0;
  const n = `${cap(word(2 + (i % 2)))} ${cap(word(2 + (i % 3)))}${i % 17 === 0 ? ` ${String(1 + (i % 9)).padStart(4, '0')}` : ''}`;
  seed = s0;
  return n;
};
const pidOf = (i: number) => `${i % 1000}/${i}`;

function* xml(): Generator<string> {
  yield '<?xml version="1.0" encoding="ISO-8859-1"?>\n<!DOCTYPE dblp SYSTEM "dblp.dtd">\n<dblp>\n';
  let p = 0;
  let q = 0;
  let batch = '';
  while (p < persons || q < pubs) {
    // interleaved: persons among publications, as in dblp.xml
    if (p < persons && (q >= pubs || rnd() < PERSON_SHARE)) {
      batch += `<www mdate="2024-0${1 + (p % 9)}-1${p % 10}" key="homepages/${pidOf(p)}">\n<author>${ascii(nameOf(p))}</author>\n<title>Home Page</title>\n</www>\n`;
      p++;
    } else {
      const authors = Array.from({ length: 3 + (q % 2) }, () => `<author>${ascii(nameOf(Math.floor(rnd() * persons)))}</author>`).join('\n');
      const year = 1990 + (q % 35);
      const venue = cap(word(2)).toUpperCase();
      batch += `<inproceedings mdate="2024-05-0${1 + (q % 9)}" key="conf/${venue.toLowerCase()}/K${q}">\n${authors}\n<title>${ascii(cap(Array.from({ length: 9 }, () => word(2 + (q % 3))).join(' ')))}.</title>\n<pages>${q % 900}-${(q % 900) + 12}</pages>\n<year>${year}</year>\n<booktitle>${venue}</booktitle>\n<ee>https://doi.org/10.1109/${venue}.${year}.${String(q).padStart(5, '0')}</ee>\n<crossref>conf/${venue.toLowerCase()}/${year}</crossref>\n<url>db/conf/${venue.toLowerCase()}/${venue.toLowerCase()}${year}.html#K${q}</url>\n</inproceedings>\n`;
      q++;
    }
    if (batch.length > 1 << 16) {
      yield batch;
      batch = '';
    }
  }
  yield `${batch}</dblp>\n`;
}

const fleetPids: string[] = [];
const candidates = new Set<string>();
for (let k = 0; k < o.fleet; k++) {
  const i = Math.floor((k * persons) / o.fleet);
  fleetPids.push(pidOf(i));
  candidates.add(candidateName(nameOf(i)));
}
let xmlBytes = 0;
const dir = mkdtempSync(join(tmpdir(), 'profile-sync-dump-'));
const file = join(dir, 'dblp.xml.gz');
const tg = performance.now();
await pipeline(
  Readable.from(
    (function* () {
      for (const s of xml()) {
        xmlBytes += s.length;
        yield Buffer.from(s, 'latin1');
      }
    })(),
  ),
  createGzip({ level: o.level ?? 6 }),
  createWriteStream(file),
);
const generateMs = performance.now() - tg;
const source = createReadStream(file, { highWaterMark: 1 << 16 });

const rss0 = process.memoryUsage().rss;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let heapPeak = 0;
const timer = setInterval(() => {
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
}, 200);
const r = await extractPersonPages(source as AsyncIterable<Uint8Array>, entityTableFromDtd(DTD_EXCERPT), { pids: fleetPids, candidates });
let pageBytes = 0;
for (const pid of fleetPids) pageBytes += r.pages.get(pid)?.length ?? 0; // each page written, as the harvest does
clearInterval(timer);
rmSync(dir, { recursive: true, force: true });
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  `${JSON.stringify({
    stage: 'dump-scale',
    records: r.stats.records + r.stats.persons,
    persons: r.stats.persons,
    publications: r.stats.records,
    xmlBytes: r.stats.xmlBytes,
    generatedBytes: xmlBytes,
    compressedBytes: r.stats.compressedBytes,
    keptRecords: r.stats.keptRecords,
    pages: r.pages.size,
    pageBytes,
    generateMs,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    baseRssMB: rss0 / 1048576,
    heapPeakMB: heapPeak / 1048576,
  })}\n`,
);
