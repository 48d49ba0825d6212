/**
 * `npm run bench:fleet -- --profiles 1000`: one night of a department on the
 * per-source design, measured, then projected onto AWS.
 *
 * A synthetic fleet (test/helpers/fleet-builder.ts: CVs sharing works between
 * colleagues, holdings from earlier backfills, dblp person pages) and one
 * night's arXiv delta for the whole archive, served by loopback servers in
 * the sources' formats (OAI-PMH in the 2025 service's layout, dblp person XML,
 * the Atom API). Each stage runs the real core function in its own process
 * (bench/fleet-stage.ts) on virtual time, so politeness waits cost nothing here
 * and are added to the projection from the requests actually made.
 *
 * Prints requests per source, the politeness floor, measured compute and peak
 * memory per stage, the projected wall time at the configured concurrency,
 * Lambda GB-seconds, bytes written and the projected monthly cost with the
 * unit prices it assumes (and where they are from).
 *
 * dblp is read as the deployment would: person pages up to DEFAULT_DUMP_ABOVE
 * profiles, above it the daily dump (issue 24): the fleet's dblp data served as
 * dblp.xml.gz (and dblp.dtd) and read by the real night step; the parse
 * throughput measured on a synthetic dump in dblp's proportions
 * (bench/dblp-dump-scale.ts) projects the read of the real one (its size
 * estimated in fleet-model.ts, DBLP_DUMP).
 *
 * Options: --profiles N (1000) --concurrency C (50) --noise R (4000 unrelated records
 * in the night's delta) --sample S (profiles reconciled; default all up to 1000)
 * --dblp-latency s (0.5) --oai-latency s (6) --api-latency s (1) --seed n
 * --dblp auto|pages|dump (auto) --dump-sample R (records of the throughput sample, 500000)
 * --dump-bandwidth MB/s (download from dblp, 10: an assumption) --page-share f (0.01: profiles
 * read from person pages on a dump night: refreshes asked today, pids new since the dump)
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { mergeHoldings, holdingsKey } from '../src/harvest/arxiv-holdings.ts';
import { ID_INDEX_KEY } from '../src/harvest/arxiv-id-index.ts';
import { buildFleet, type Fleet } from '../test/helpers/fleet-builder.ts';
import { atomRoute, dblpRoute, oaiRoute } from '../test/helpers/fleet-servers.ts';
import { EARLIER_RUN } from '../test/helpers/fleet-store.ts';
import { startLoopback } from '../test/helpers/loopback-server.ts';
import { DBLP_DUMP, FARGATE_TASK, LAMBDA_LIMITS, LAMBDA_MARGIN, PRICES, project, type DumpProjection, type StageMetrics } from './fleet-model.ts';
import { DEFAULT_DUMP_ABOVE, DEFAULT_MAX_REFRESHES } from '../src/harvest/dblp-path.ts';
import { WRITE_CONCURRENCY } from '../src/harvest/harvest-dblp-dump.ts';
import { dumpSiteRoute, type DumpSite } from '../test/helpers/dblp-dump-server.ts';
import { DTD_EXCERPT } from '../test/helpers/dblp-dump-dataset.ts';
import { fleetDataset } from '../test/helpers/fleet-dump.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} expects a number`);
  return v;
}

const N = arg('profiles', 1000);
const concurrency = arg('concurrency', 50);
const noise = arg('noise', 4000);
const sampleSize = Math.min(N, arg('sample', Math.min(N, 1000)));
function choice(name: string, options: readonly string[], fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? (process.argv[i + 1] ?? '') : fallback;
  if (!options.includes(v)) throw new Error(`--${name} expects one of ${options.join(', ')}`);
  return v;
}
const dblpMode = choice('dblp', ['auto', 'pages', 'dump'], 'auto');
const useDump = dblpMode === 'dump' || (dblpMode === 'auto' && N > DEFAULT_DUMP_ABOVE);
const dumpSample = arg('dump-sample', 500_000);
const bandwidth = arg('dump-bandwidth', 10);
const pageShare = arg('page-share', 0.01);
const latency = { dblp: arg('dblp-latency', 0.5), oai: arg('oai-latency', 6), api: arg('api-latency', 1) };

/** V8 heap bytes of one Map entry name form → pid (measured on Node 22: 158 bytes for 1 M entries). */
const MAP_BYTES_PER_FORM = 160;
/** Name forms per dblp person (most have one; aliases are few): an estimate. */
const FORMS_PER_PERSON = 1.1;

interface DumpScale {
  readonly records: number;
  readonly persons: number;
  readonly xmlBytes: number;
  readonly compressedBytes: number;
  readonly pages: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly maxRssMB: number;
  readonly baseRssMB: number;
}

/** From the measured sample to the real dump: the slower of bytes and records, the download streamed alongside. */
function dumpProjection(s: DumpScale): { projection: DumpProjection; mbPerSecond: number; recordsPerSecond: number; parseSeconds: number; memoryMB: number; fleetPartMB: number } {
  const seconds = s.wallMs / 1000;
  const mbPerSecond = s.xmlBytes / 1e6 / seconds;
  const recordsPerSecond = s.records / seconds;
  const parseSeconds = Math.max(DBLP_DUMP.xmlBytes / 1e6 / mbPerSecond, DBLP_DUMP.records / recordsPerSecond);
  const readSeconds = Math.max(parseSeconds, DBLP_DUMP.compressedBytes / 1e6 / bandwidth);
  // The name-form → pid map of every person (measured: ~160 bytes a form in V8; ~1.1 forms a person, an estimate)
  // scales with dblp's persons; what else the pass holds (the fleet's kept records, pages) scales with the fleet.
  const mapMB = (persons: number) => (persons * FORMS_PER_PERSON * MAP_BYTES_PER_FORM) / 1e6;
  const fleetPartMB = Math.max(0, s.maxRssMB - s.baseRssMB - mapMB(s.persons));
  const memoryMB = s.baseRssMB + mapMB(DBLP_DUMP.persons) + (fleetPartMB * N) / Math.max(1, s.pages);
  return { projection: { readSeconds, pageProfiles: Math.min(N * pageShare, DEFAULT_MAX_REFRESHES), writeConcurrency: WRITE_CONCURRENCY }, mbPerSecond, recordsPerSecond, parseSeconds, memoryMB, fleetPartMB: (fleetPartMB * N) / Math.max(1, s.pages) };
}

/** Writes a file under the store's root directly (setup only: no need to measure or fsync it). */
function put(root: string, key: string, body: string): void {
  const file = join(root, ...key.split('/'));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, body);
}

function install(root: string, fleet: Fleet, profiles = fleet.profiles): void {
  for (const p of profiles) {
    const dir = `canonical/${p.input.profile}/`;
    put(root, `${dir}cv.json`, p.input.cvText);
    put(root, `${dir}config.json`, `${JSON.stringify(p.input.config, null, 2)}\n`);
    put(root, `${dir}fetch-plan.json`, `${JSON.stringify(p.plan)}\n`);
    const at = '2026-10-01T03:20:00Z';
    const { holdings } = mergeHoldings(undefined, p.input.profile, EARLIER_RUN, at, {
      entries: p.held.map((record) => ({ record, via: 'backfill' as const, raw: `raw/${p.input.profile}/${EARLIER_RUN}-backfill/arxiv-1.xml`, runId: EARLIER_RUN, matched: 'author-query' as const })),
      backfill: { runId: EARLIER_RUN, at, records: p.held.length },
    });
    put(root, holdingsKey(p.input.profile), `${JSON.stringify(holdings)}\n`);
  }
  const index = Object.fromEntries(profiles.map((p) => [p.input.profile, { ids: p.held.map((r) => r.id).sort(), backfill: EARLIER_RUN }]));
  put(root, ID_INDEX_KEY, `${JSON.stringify({ schemaVersion: 1, profiles: index })}\n`);
}

const t0 = performance.now();
const fleet = buildFleet({ profiles: N, noise, seed: arg('seed', 7) });
const root = mkdtempSync(join(tmpdir(), 'profile-sync-fleet-'));
const compareRoot = join(root, '..', `${root.split('/').pop()}-compare`);
const COMPARE = Math.min(100, N);
try {
  install(root, fleet);
  mkdirSync(compareRoot, { recursive: true });
  // The same night for 100 profiles: the harvest's requests should not change.
  put(compareRoot, ID_INDEX_KEY, `${JSON.stringify({ schemaVersion: 1, profiles: Object.fromEntries(fleet.profiles.slice(0, COMPARE).map((p) => [p.input.profile, { ids: p.held.map((r) => r.id), backfill: EARLIER_RUN }])) })}\n`);
  const setupSeconds = (performance.now() - t0) / 1000;

  const counts = { oai: 0, api: 0, dblp: 0 };
  const oai = oaiRoute(fleet.delta);
  const atom = atomRoute(fleet);
  const dblp = dblpRoute(fleet.profiles);
  // The dump path: the fleet's dblp data as one dump, compressed once per night's content.
  const site: DumpSite = { dataset: fleetDataset(fleet).dataset, dtd: DTD_EXCERPT, dumpDate: 'Fri, 27 Nov 2026 22:10:00 GMT' };
  const dumpRoute = dumpSiteRoute(site);
  const server = await startLoopback((req) => {
    if (req.url.startsWith('/xml/')) {
      counts.dblp++;
      return dumpRoute(req);
    }
    if (req.url.startsWith('/oai')) {
      counts.oai++;
      return oai(req);
    }
    if (req.url.startsWith('/pid/')) {
      counts.dblp++;
      return dblp(req);
    }
    counts.api++;
    return atom(req);
  }, 6 * 3600_000);

  const tsx = join(import.meta.dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const step = Math.max(1, Math.floor(N / sampleSize));
  const sample = fleet.profiles.filter((_, i) => i % step === 0).slice(0, sampleSize).map((p) => p.input.profile);
  const base = { dir: root, oaiUrl: `${server.baseUrl}/oai`, apiUrl: `${server.baseUrl}/api/query`, dblpUrl: server.baseUrl, chunkSeconds: 600, sample, ...(useDump ? { dumpUrl: `${server.baseUrl}/xml/dblp.xml.gz`, dtdUrl: `${server.baseUrl}/xml/dblp.dtd` } : {}) };
  // Asynchronously: the loopback servers answer from this process's event loop meanwhile.
  const night = async (runId: string, startTime: string, extra: object = {}) => {
    const before = { ...counts };
    const run = async (stage: string, more: object = {}): Promise<StageMetrics> => {
      const { stdout } = await promisify(execFile)(process.execPath, [tsx, join(import.meta.dirname, 'fleet-stage.ts'), stage, JSON.stringify({ ...base, runId, startTime, ...extra, ...more })], { encoding: 'utf8', maxBuffer: 64 << 20 });
      return JSON.parse(stdout.trim().split('\n').pop()!) as StageMetrics;
    };
    /** dblp: one process per invocation, as Lambda runs them, until the chunks are done; figures summed, memory the largest. */
    const dblpNight = async (): Promise<StageMetrics> => {
      const parts: Array<StageMetrics & { status?: string; notModified?: number; virtualEndMs?: number }> = [];
      let clockStartMs = Date.parse(startTime);
      for (let invocation = 1; ; invocation++) {
        const part = (await run('dblp', { clockStartMs, invocation })) as StageMetrics & { status?: string; notModified?: number; virtualEndMs?: number };
        parts.push(part);
        clockStartMs = part.virtualEndMs ?? clockStartMs;
        if (part.status !== 'partial') break;
      }
      const sum = (f: (x: (typeof parts)[number]) => number) => parts.reduce((n, x) => n + f(x), 0);
      const counts = { puts: sum((x) => x.store.puts), gets: sum((x) => x.store.gets), lists: sum((x) => x.store.lists), bytesWritten: sum((x) => x.store.bytesWritten), rawBytes: sum((x) => x.store.rawBytes), bytesRead: sum((x) => x.store.bytesRead) };
      const last = parts[parts.length - 1] as unknown as Record<string, unknown>;
      return { ...(last['dump'] ? { dump: last['dump'] } : {}), stage: 'dblp', wallMs: sum((x) => x.wallMs), cpuMs: sum((x) => x.cpuMs), virtualSeconds: sum((x) => x.virtualSeconds), maxRssMB: Math.max(...parts.map((x) => x.maxRssMB)), store: counts, invocations: parts.length, requests: sum((x) => x.requests ?? 0), ...{ notModified: sum((x) => x.notModified ?? 0) } };
    };
    const stages = { manifest: await run('manifest'), arxiv: await run('arxiv'), dblp: await dblpNight(), gaps: await run('gaps'), reconcile: await run('reconcile') };
    return { runId, stages, seen: { arxiv: counts.oai + counts.api - before.oai - before.api, dblp: counts.dblp - before.dblp } };
  };
  // Night 1: tonight's delta, and every profile published for the first time (every public object new).
  const first = await night(fleet.runId, '2026-11-28T03:15:00.000Z', { compareDir: compareRoot, compareProfiles: COMPARE });
  // Night 2: a steady night: nothing new on arXiv, dblp pages not modified (the dump: a new day's dump, changed elsewhere), profiles unchanged.
  site.dumpDate = 'Sat, 28 Nov 2026 22:10:00 GMT';
  site.extra = ['<article mdate="2026-11-28" key="journals/other/Elsewhere26">\n<author>Brafny Cledro</author>\n<title>Elsewhere.</title>\n<year>2026</year>\n</article>'];
  const second = await night('20261129T031500Z', '2026-11-29T03:15:00.000Z');
  // The parse throughput on a synthetic dump in dblp's proportions, in its own process.
  const scale = useDump
    ? (JSON.parse(
        (await promisify(execFile)(process.execPath, [tsx, join(import.meta.dirname, 'dblp-dump-scale.ts'), JSON.stringify({ records: dumpSample, fleet: Math.min(N, 10_000) })], { encoding: 'utf8', maxBuffer: 16 << 20 })).stdout.trim().split('\n').pop()!,
      ) as DumpScale)
    : undefined;
  await server.close();

  const f0 = (n: number) => n.toFixed(0);
  const f1 = (n: number) => n.toFixed(1);
  const f2 = (n: number) => n.toFixed(2);
  const mins = (s: number) => `${f1(s / 60)} min`;
  console.log(`profile-sync bench:fleet — ${N} profiles (${fleet.profiles.reduce((n, x) => n + x.input.cv.publications.length, 0)} canonical works); night 1 with a delta of ${fleet.delta.length} records, then a steady night 2`);
  console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? '?'}, node ${process.version}; setup ${f1(setupSeconds)} s; each stage in its own process on virtual time`);

  const dumpModel = scale ? dumpProjection(scale) : undefined;
  // The dump task's peak for the real dump: the larger of the sample's projection and this fleet's measured dblp stage plus dblp's whole name map.
  const taskMemoryMB = dumpModel ? Math.max(dumpModel.memoryMB, first.stages.dblp.maxRssMB + (DBLP_DUMP.persons * FORMS_PER_PERSON * MAP_BYTES_PER_FORM) / 1e6) : 0;
  const report = (title: string, n: typeof first) => {
    const { stages } = n;
    const p = project({ profiles: N, concurrency, latency, sampled: sample.length, stages, ...(dumpModel ? { dump: dumpModel.projection } : {}) });
    const a = stages.arxiv as StageMetrics & { requests: number; pages: number; records: number; matchedRecords: number; profilesChanged: number; compare?: { profiles: number; requests: number } };
    const d = stages.dblp as StageMetrics & { requests: number; invocations: number; notModified: number };
    const g = stages.gaps as StageMetrics & { requests: number; asked: number };
    const r = stages.reconcile as StageMetrics & { perProfileMs: number[]; pending: number; candidates: number };
    const arxivRequests = a.requests + g.requests;
    console.log('');
    console.log(`${title} (run ${n.runId})`);
    console.log(`requests per source (the loopback servers saw ${n.seen.arxiv} arXiv and ${n.seen.dblp} dblp requests${a.compare ? ', the comparison run included' : ''})`);
    console.log(`  arXiv           ${arxivRequests}  (OAI-PMH: ${a.pages} pages, ${a.records} records; ${a.matchedRecords} matched, ${a.profilesChanged} profiles' holdings changed; id_list: ${g.requests} requests for ${g.asked} IDs)`);
    if (dumpModel) {
      const dd = stages.dblp as StageMetrics & { dump?: { dump: number | string; requests: number; stats?: { xmlBytes: number; records: number; persons: number; keptRecords: number } }; pageProfiles?: number };
      console.log(`  dblp            ${dd.dump?.requests ?? 0} dump requests (dblp.dtd, dblp.xml.gz: HTTP ${dd.dump?.dump}) + ${d.requests - (dd.dump?.requests ?? 0)} person pages here; projected at this size: 2 + ${f0(dumpModel.projection.pageProfiles)} person pages (--page-share ${pageShare}: refreshes asked, pids new since the dump)`);
      if (dd.dump?.stats) console.log(`                  the fleet's dump here: ${f1(dd.dump.stats.xmlBytes / 1e6)} MB of XML, ${dd.dump.stats.records + dd.dump.stats.persons} records (${dd.dump.stats.persons} persons), ${dd.dump.stats.keptRecords} kept for the fleet`);
    } else console.log(`  dblp            ${d.requests}  (one person page per profile; ${d.notModified} not modified)`);
    if (a.compare) console.log(`  the same night for ${a.compare.profiles} profiles: ${a.compare.requests} arXiv harvest requests vs ${a.requests} for ${N} (target: equal ±2 → ${Math.abs(a.compare.requests - a.requests) <= 2 ? 'met' : 'MISSED'})`);
    console.log(`politeness floor: arXiv ${f0(p.floor.arxiv)} s (${arxivRequests} × 3 s), dblp ${f0(p.floor.dblp)} s (${d.requests} × 1 s); one request at a time per source`);
    if (dumpModel) console.log(`dblp dump read (projected for the real dump, below): ${mins(dumpModel.projection.readSeconds)} in a Fargate task (${FARGATE_TASK.vcpu} vCPU, ${FARGATE_TASK.memoryGB} GB; start ${f0(p.wall.dblp - dumpModel.projection.readSeconds - dumpModel.projection.pageProfiles * (latency.dblp + 1))} s incl. the per-profile writes, ${WRITE_CONCURRENCY} at a time)`);
    console.log('stage          compute (cpu)   wall here   peak RSS / configured   S3 PUT/GET/LIST      written   (dblp: one process per invocation, the largest peak)');
    for (const [name, st] of Object.entries(stages)) {
      const mem = name === 'dblp' && dumpModel ? FARGATE_TASK.memoryGB * 1024 : p.memoryMB[name as keyof typeof p.memoryMB];
      console.log(
        `  ${name.padEnd(12)} ${`${f2(st.cpuMs / 1000)} s`.padStart(10)}   ${`${f2(st.wallMs / 1000)} s`.padStart(9)}   ${`${f0(st.maxRssMB)} MB / ${mem} MB`.padStart(20)} ${st.maxRssMB <= mem ? 'ok' : 'OVER'}   ${`${st.store.puts}/${st.store.gets}/${st.store.lists}`.padStart(18)}   ${`${f1(st.store.bytesWritten / 1e6)} MB`.padStart(9)}`,
      );
    }
    const sorted = [...r.perProfileMs].sort((x, y) => x - y);
    const q = (f: number) => sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))] ?? 0;
    console.log(`  reconcile per profile: p50 ${f0(q(0.5))} ms, p95 ${f0(q(0.95))} ms, max ${f0(q(1))} ms over ${sorted.length} profiles${sample.length < N ? ` (a sample of 1 in ${step}; totals scaled to ${N})` : ''}; ${r.candidates} candidates, ${r.pending} items to review`);
    console.log(`projected wall time on AWS (latencies assumed: OAI-PMH page ${latency.oai} s, API ${latency.api} s, dblp ${latency.dblp} s; Lambda CPU ∝ memory, 1,769 MB = 1 vCPU)`);
    console.log(`  profile manifest                 ${mins(p.wall.manifest)}`);
    console.log(`  arXiv harvest                    ${mins(p.wall.arxiv)}   } in parallel`);
    console.log(dumpModel ? `  dblp harvest (dump + pages)      ${mins(p.wall.dblp)}   }` : `  dblp harvest (${p.dblpInvocations} invocations)     ${mins(p.wall.dblp)}   }`);
    console.log(`  id_list gaps                     ${mins(p.wall.gaps)}`);
    console.log(`  Distributed Map (${concurrency} at a time)  ${mins(p.wall.map)}   (${N} profiles × ${f2(p.reconcileSeconds)} s each / ${concurrency})`);
    console.log(`  total                            ${mins(p.wall.total)}${N === 1000 || useDump ? `   target < 30 min → ${p.wall.total < 1800 ? 'met' : 'MISSED'}` : ''}`);
    console.log(`  pipelined (a Map per dblp chunk) ${mins(p.wall.pipelined)}`);
    if (dumpModel) {
      const slowDump = project({ profiles: N, concurrency, latency, sampled: sample.length, stages, dump: { ...dumpModel.projection, readSeconds: Math.max(dumpModel.parseSeconds, DBLP_DUMP.compressedBytes / 1e6 / 2) } });
      console.log(`  sensitivity: if dblp serves the dump at 2 MB/s (a ${mins(DBLP_DUMP.compressedBytes / 2e6)} download) the night takes ${mins(slowDump.wall.total)}`);
    } else {
      const slow = project({ profiles: N, concurrency, latency: { ...latency, dblp: 1 }, sampled: sample.length, stages });
      console.log(`  sensitivity: the night is bound by dblp's one request at a time; at 1.0 s per dblp page it takes ${mins(slow.wall.total)}`);
    }
    console.log(`Lambda: ${f0(p.lambda.gbSeconds)} GB-s (harvest ${f0(p.lambda.harvestGbSeconds)}, reconcile ${f0(p.lambda.reconcileGbSeconds)}), ${p.lambda.invocations} invocations`);
    console.log(`Step Functions: ${p.sfn.transitions} standard state transitions (${p.sfn.parentTransitions} in the parent; ${p.sfn.children} standard child executions, ${(p.sfn.transitions - p.sfn.parentTransitions) / Math.max(1, p.sfn.children)} each)`);
    console.log(`S3: ${p.s3.puts} PUT/LIST, ${p.s3.gets} GET; ${f1(p.s3.bytesWritten / 1e6)} MB written (${f1(p.s3.rawBytes / 1e6)} MB to raw/, kept 90 days)`);
    console.log('projected cost                       a night   30 such nights');
    for (const [k, v] of Object.entries(p.cost)) console.log(`  ${k.padEnd(32)} $${v.toFixed(4).padStart(9)}   $${(v * 30).toFixed(2).padStart(8)}`);
    console.log(`  per profile-night: $${(p.cost.total / N).toFixed(6)}`);
    // The Map concurrency that brings the night under 30 minutes (the Map is the part that scales with it).
    const p95 = p.wall.map - (N * p.reconcileSeconds) / concurrency;
    const room = 1800 - (p.wall.total - p.wall.map) - p95;
    console.log(`  Map concurrency for a night < 30 min: ${room > 0 ? Math.ceil((N * p.reconcileSeconds) / room) : 'none (the rest of the night alone is over 30 min)'} (this run: ${concurrency})`);
    return p;
  };
  const p1 = report('NIGHT 1 — tonight\'s delta; every profile published for the first time', first);
  const p2 = report('NIGHT 2 — a steady night: no arXiv change, dblp pages not modified, profiles unchanged', second);
  if (dumpModel) {
    // 100,000 on paper: the same per-profile figures, the harvest stages' work ×(100,000 / N); refreshes capped.
    const M = 100_000;
    const k = M / N;
    const scaled = (st: StageMetrics): StageMetrics => ({ ...st, cpuMs: st.cpuMs * k, store: { ...st.store, puts: st.store.puts * k, gets: st.store.gets * k, lists: st.store.lists * k, bytesWritten: st.store.bytesWritten * k, rawBytes: st.store.rawBytes * k } });
    console.log('');
    console.log(`${M.toLocaleString('en-US')} PROFILES ON PAPER (this run's per-profile figures; the dump read does not grow; refreshes from person pages capped at ${DEFAULT_MAX_REFRESHES})`);
    for (const [title, n] of [['night 1', first], ['steady night', second]] as const) {
      const st = n.stages;
      const stages = { manifest: scaled(st.manifest), arxiv: st.arxiv, dblp: scaled(st.dblp), gaps: st.gaps, reconcile: st.reconcile };
      const dump = { ...dumpModel.projection, pageProfiles: Math.min(M * pageShare, DEFAULT_MAX_REFRESHES) };
      const at = (c: number) => project({ profiles: M, concurrency: c, latency, sampled: sample.length, stages, dump });
      const base = at(concurrency);
      const p95 = base.wall.map - (M * base.reconcileSeconds) / concurrency;
      const room = 1800 - (base.wall.total - base.wall.map) - p95;
      const needed = room > 0 ? Math.ceil((M * base.reconcileSeconds) / room) : Number.NaN;
      const q = Number.isFinite(needed) ? at(needed) : base;
      console.log(`  ${title}: dblp ${mins(base.wall.dblp)} (2 dump requests + ${f0(dump.pageProfiles)} pages); Map ${mins(base.wall.map)} at ${concurrency} at a time → ${mins(base.wall.total)}; Map concurrency for < 30 min: ${Number.isFinite(needed) ? needed : 'none'} (then ${mins(q.wall.total)}); $${(q.cost.total / M).toFixed(6)} a profile-night, $${(q.cost.total * 30).toFixed(0)} a month of such nights; S3 ${(q.s3.gets / 1e6).toFixed(1)} M GET, ${(q.s3.puts / 1e6).toFixed(2)} M PUT/LIST; ${q.sfn.children.toLocaleString('en-US')} child executions`);
    }
    const measured = first.stages.dblp.maxRssMB;
    const perProfileMB = Math.max(0, measured - scale!.baseRssMB) / N;
    console.log(`  dump task memory: ${f0(taskMemoryMB)} MB projected at ${N} profiles → about ${f0(taskMemoryMB + perProfileMB * (M - N))} MB at ${M.toLocaleString('en-US')} (the fleet's kept records grow with it: ${f1(perProfileMB * 1000)} KB a profile, from the dblp stage's ${f0(measured)} MB peak here)`);
  }
  if (scale && dumpModel) {
    console.log('');
    console.log(`DBLP DUMP — parse throughput measured here on a synthetic dump in dblp's format and proportions (bench/dblp-dump-scale.ts; one core, one process)`);
    console.log(`  sample: ${scale.records.toLocaleString('en-US')} records (${scale.persons.toLocaleString('en-US')} persons), ${f1(scale.xmlBytes / 1e6)} MB of XML (${f0(scale.xmlBytes / scale.records)} bytes a record), ${f1(scale.compressedBytes / 1e6)} MB gzip; ${scale.pages} person pages for a fleet of ${scale.pages}`);
    console.log(`  read (gunzip + SAX + pages): ${f1(scale.wallMs / 1000)} s wall, ${f1(scale.cpuMs / 1000)} s CPU → ${f1(dumpModel.mbPerSecond)} MB/s of XML, ${f0(dumpModel.recordsPerSecond).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} records/s (wall); peak RSS ${f0(scale.maxRssMB)} MB (${f0(scale.baseRssMB)} MB at start)`);
    console.log(`  the real dump (ESTIMATES, fleet-model.ts DBLP_DUMP): ${f1(DBLP_DUMP.compressedBytes / 1e9)} GB gzip, ${f1(DBLP_DUMP.xmlBytes / 1e9)} GB XML, ${f1(DBLP_DUMP.records / 1e6)} M records (${f1(DBLP_DUMP.persons / 1e6)} M persons)`);
    console.log(`  projected: parse ${mins(dumpModel.parseSeconds)} (by bytes ${mins(DBLP_DUMP.xmlBytes / 1e6 / dumpModel.mbPerSecond)}, by records ${mins(DBLP_DUMP.records / dumpModel.recordsPerSecond)}: the larger), download ${mins(DBLP_DUMP.compressedBytes / 1e6 / bandwidth)} at ${bandwidth} MB/s (assumed); streamed, the slower bounds: ${mins(dumpModel.projection.readSeconds)}`);
    console.log(`  memory projected: ${f0(taskMemoryMB)} MB peak RSS for the real dump at ${N} profiles (from the sample: ${f0(dumpModel.memoryMB)} MB (the name-form → pid map of ${f1(DBLP_DUMP.persons / 1e6)} M persons: ${f0((DBLP_DUMP.persons * FORMS_PER_PERSON * MAP_BYTES_PER_FORM) / 1e6)} MB at ${MAP_BYTES_PER_FORM} bytes a form; the rest of the sample's peak scaled by fleet size, ${scale.pages} → ${N}; from this fleet's dblp stage, ${f0(first.stages.dblp.maxRssMB)} MB, plus the whole name map: the larger is taken)`);
    const lambdaOk = dumpModel.projection.readSeconds * LAMBDA_MARGIN <= LAMBDA_LIMITS.seconds && taskMemoryMB * LAMBDA_MARGIN <= LAMBDA_LIMITS.memoryMB;
    const slowOk = Math.max(dumpModel.parseSeconds, DBLP_DUMP.compressedBytes / 2e6) * LAMBDA_MARGIN <= LAMBDA_LIMITS.seconds;
    console.log(`  Lambda (15 min, 10 GB, margin ×${LAMBDA_MARGIN}): ${lambdaOk && slowOk ? 'fits' : `does not fit with margin (${mins(dumpModel.projection.readSeconds)} at ${bandwidth} MB/s${slowOk ? '' : `, ${mins(Math.max(dumpModel.parseSeconds, DBLP_DUMP.compressedBytes / 2e6))} at 2 MB/s`}, against ${mins(LAMBDA_LIMITS.seconds / LAMBDA_MARGIN)})`} → ${lambdaOk && slowOk ? 'Lambda' : 'ECS Fargate task via the state machine (.sync)'}`);
  }
  console.log('');
  console.log(`summary: night 1 ${mins(p1.wall.total)}, steady night ${mins(p2.wall.total)}; a month of steady nights $${(p2.cost.total * 30).toFixed(2)} (the first night of a new fleet $${p1.cost.total.toFixed(2)})`);
  console.log('');
  console.log('unit prices assumed (us-east-1):');
  for (const u of Object.values(PRICES)) console.log(`  ${u.what}: $${u.usd} — ${u.source}`);
} finally {
  rmSync(root, { recursive: true, force: true });
  rmSync(compareRoot, { recursive: true, force: true });
}
