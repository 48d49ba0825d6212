/**
 * From one measured night (bench/fleet.ts) to AWS: wall time at a Distributed
 * Map concurrency, Lambda GB-seconds, Step Functions transitions, S3 calls and
 * the cost, with the unit prices assumed and where they are from. Every
 * assumption is a named number here.
 */
import type { StoreCounts } from './counting-store.ts';

export interface StageMetrics {
  readonly stage: string;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly virtualSeconds: number;
  readonly maxRssMB: number;
  readonly store: StoreCounts;
  readonly invocations?: number;
  readonly requests?: number;
  readonly perProfileMs?: readonly number[];
  readonly perProfileCalls?: readonly number[];
}

/** Memory configured per Lambda (the reconcile function is 1,024 MB in lib/ today; the harvesters are I/O bound). */
export const MEMORY_MB = { manifest: 512, arxiv: 512, dblp: 512, gaps: 512, reconcile: 1024 } as const;

/** Lambda CPU is proportional to memory: 1,769 MB is one vCPU (docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html). */
export const ONE_VCPU_MB = 1769;
/** Latency of one S3 call from Lambda (GET/PUT of small objects), seconds: an assumption. */
export const S3_CALL_SECONDS = 0.02;
/** Per-child overhead of a Distributed Map item (start, Lambda invoke), seconds: an assumption. */
export const MAP_ITEM_OVERHEAD_SECONDS = 0.1;
/** One dblp invocation's budget of wall time (well inside Lambda's 15 minutes). */
export const DBLP_CHUNK_SECONDS = 600;
/** State transitions of one Distributed Map child on a night without retries: ReconcileStep, NotifyOwnerStep, Published (lib/workflow.ts; STANDARD children). */
export const CHILD_TRANSITIONS = 3;

/**
 * dblp's daily dump at its real size: ESTIMATES, not measured here (no network). dblp.xml.gz is
 * about 1 GB compressed and 4–5 GB uncompressed as of 2025 (the figures; dblp's FAQ "How to
 * parse dblp.xml?" says only that it is too large for a DOM). Records: the issue says 7–8 million;
 * dblp's statistics pages suggest about 7 M publications plus about 3.6 M person records, so the
 * projection takes the larger count, 11.1 M records of which 3.6 M persons, and 4.5 GB.
 */
export const DBLP_DUMP = { compressedBytes: 1.0e9, xmlBytes: 4.5e9, records: 11.1e6, persons: 3.6e6 } as const;
/** The dump task: one Fargate task (the dump does not fit one Lambda with margin: docs/architecture.md). */
export const FARGATE_TASK = { vcpu: 1, memoryGB: 4 } as const;
/** Time to start a Fargate task (image pull, ENI), seconds: an assumption (typically 30–60 s). */
export const FARGATE_START_SECONDS = 60;
/** Lambda's hard limits: 15 minutes, 10,240 MB (docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
export const LAMBDA_LIMITS = { seconds: 900, memoryMB: 10240 } as const;
/** The margin a Lambda must leave (run at most half its limit): a slow night on dblp's side must not kill the harvest. */
export const LAMBDA_MARGIN = 2;

/** The dump path's measured and assumed parts (bench/fleet.ts). */
export interface DumpProjection {
  /** Projected read of the real dump: max(download, gunzip + parse), seconds. */
  readonly readSeconds: number;
  /** Profiles read from person pages on a dump night (refreshes asked, pids new since the dump). */
  readonly pageProfiles: number;
  /** Per-profile writes after the pass: store calls made by the dump step (measured), written WRITE_CONCURRENCY at a time. */
  readonly writeConcurrency: number;
}

export const PRICES = {
  fargateVcpuHour: { what: 'Fargate Linux/x86 per vCPU-hour', usd: 0.04048, source: 'aws.amazon.com/fargate/pricing (US East, on demand)' },
  fargateGbHour: { what: 'Fargate Linux/x86 per GB-hour', usd: 0.004445, source: 'aws.amazon.com/fargate/pricing (US East, on demand)' },
  lambdaGbSecond: { what: 'Lambda arm64 compute per GB-second', usd: 0.0000133334, source: 'aws.amazon.com/lambda/pricing (arm64 base rate; transcribed in artillery@2.0.28 lib/platform/aws-lambda/prices.js as 1333340e-11)' },
  lambdaRequest: { what: 'Lambda request', usd: 0.0000002, source: 'aws.amazon.com/lambda/pricing ($0.20 per 1M requests)' },
  sfnTransition: { what: 'Step Functions Standard state transition', usd: 0.000025, source: 'aws.amazon.com/step-functions/pricing ($0.025 per 1,000, US East)' },
  s3Put: { what: 'S3 Standard PUT/COPY/POST/LIST request', usd: 0.000005, source: 'aws.amazon.com/s3/pricing ($0.005 per 1,000; as quoted by c3x.dev/blog/s3-request-fees-explained)' },
  s3Get: { what: 'S3 Standard GET request', usd: 0.0000004, source: 'aws.amazon.com/s3/pricing ($0.0004 per 1,000; as quoted by c3x.dev/blog/s3-request-fees-explained)' },
  s3StorageGbMonth: { what: 'S3 Standard storage per GB-month', usd: 0.023, source: 'aws.amazon.com/s3/pricing (first 50 TB, US East; as quoted by devnotes.tech "Understanding AWS S3 Pricing")' },
} as const;

const cpuFactor = (mb: number) => Math.max(1, ONE_VCPU_MB / mb);
const calls = (s: StageMetrics) => s.store.puts + s.store.gets + s.store.lists;

/**
 * A polite stage: each request takes its latency, and the gap to the next one runs from its end;
 * the stage's own work (parsing, S3 writes) happens inside that gap when it fits, so a request
 * costs latency + max(gap, work per request).
 */
function politeWall(requests: number, gapSeconds: number, latency: number, s: StageMetrics, memoryMB: number): number {
  const work = (s.cpuMs / 1000) * cpuFactor(memoryMB) + calls(s) * S3_CALL_SECONDS;
  if (requests === 0) return work;
  return requests * (latency + Math.max(gapSeconds, work / requests));
}

export interface ProjectionInput {
  readonly profiles: number;
  readonly concurrency: number;
  readonly latency: { readonly dblp: number; readonly oai: number; readonly api: number };
  /** Profiles the reconcile stage ran (its totals are scaled to `profiles`). */
  readonly sampled: number;
  readonly stages: Record<'manifest' | 'arxiv' | 'dblp' | 'gaps' | 'reconcile', StageMetrics>;
  /** dblp from its daily dump (absent: one person page per profile). */
  readonly dump?: DumpProjection;
}

export function project(i: ProjectionInput) {
  const { stages: s, profiles: N } = i;
  const scale = N / Math.max(1, i.sampled);
  const req = (x: StageMetrics) => x.requests ?? 0;
  const floor = { arxiv: (req(s.arxiv) + req(s.gaps)) * 3, dblp: req(s.dblp) * 1 };
  const wall = {
    manifest: (s.manifest.cpuMs / 1000) * cpuFactor(MEMORY_MB.manifest) + (calls(s.manifest) * S3_CALL_SECONDS) / 32,
    arxiv: politeWall(req(s.arxiv), 3, i.latency.oai, s.arxiv, MEMORY_MB.arxiv),
    dblp: i.dump
      ? FARGATE_START_SECONDS + i.dump.readSeconds + (calls(s.dblp) * S3_CALL_SECONDS) / i.dump.writeConcurrency + i.dump.pageProfiles * (i.latency.dblp + 1)
      : politeWall(req(s.dblp), 1, i.latency.dblp, s.dblp, MEMORY_MB.dblp),
    gaps: politeWall(req(s.gaps), 3, i.latency.api, s.gaps, MEMORY_MB.gaps),
    map: 0,
    total: 0,
    pipelined: 0,
  };
  const perMs = s.reconcile.perProfileMs ?? [];
  const perCalls = s.reconcile.perProfileCalls ?? [];
  const childSeconds = perMs.map((ms, k) => (ms / 1000) * cpuFactor(MEMORY_MB.reconcile) + (perCalls[k] ?? 0) * S3_CALL_SECONDS + MAP_ITEM_OVERHEAD_SECONDS);
  const mean = childSeconds.reduce((a, b) => a + b, 0) / Math.max(1, childSeconds.length);
  const p95 = [...childSeconds].sort((a, b) => a - b)[Math.floor(0.95 * childSeconds.length)] ?? mean;
  wall.map = (N * mean) / i.concurrency + p95;
  const harvest = Math.max(wall.arxiv, wall.dblp);
  wall.total = wall.manifest + harvest + wall.gaps + wall.map + 1;
  /** Wall time of dblp in Lambda (person pages); on the dump path the dump runs in Fargate. */
  const dblpLambdaSeconds = i.dump ? i.dump.pageProfiles * (i.latency.dblp + 1) : wall.dblp;
  const fargateSeconds = i.dump ? wall.dblp - dblpLambdaSeconds : 0;
  const dblpInvocations = Math.max(1, Math.ceil(dblpLambdaSeconds / DBLP_CHUNK_SECONDS));
  wall.pipelined = wall.manifest + harvest + wall.gaps + wall.map / dblpInvocations + 1;

  const harvestGbSeconds = ((wall.manifest + wall.arxiv + dblpLambdaSeconds + wall.gaps) * MEMORY_MB.arxiv) / 1024;
  const reconcileGbSeconds = (N * mean * MEMORY_MB.reconcile) / 1024;
  const invocations = 3 + dblpInvocations + N;
  // The parent: RunContext, discovery, the Parallel and its two branches (task, choice, done; the dblp
  // branch once per chunk), the gap step, the Map, the summary. Each child: CHILD_TRANSITIONS.
  const parentTransitions = 14 + 3 * dblpInvocations;
  const childTransitions = CHILD_TRANSITIONS * N;
  const transitions = parentTransitions + childTransitions;
  const puts = s.manifest.store.puts + s.arxiv.store.puts + s.dblp.store.puts + s.gaps.store.puts + s.reconcile.store.puts * scale + s.manifest.store.lists + s.dblp.store.lists + s.gaps.store.lists + s.reconcile.store.lists * scale;
  const gets = s.manifest.store.gets + s.arxiv.store.gets + s.dblp.store.gets + s.gaps.store.gets + s.reconcile.store.gets * scale;
  const bytesWritten = s.manifest.store.bytesWritten + s.arxiv.store.bytesWritten + s.dblp.store.bytesWritten + s.gaps.store.bytesWritten + s.reconcile.store.bytesWritten * scale;
  const rawBytes = s.manifest.store.rawBytes + s.arxiv.store.rawBytes + s.dblp.store.rawBytes + s.gaps.store.rawBytes + s.reconcile.store.rawBytes * scale;
  const cost = {
    'Lambda compute': (harvestGbSeconds + reconcileGbSeconds) * PRICES.lambdaGbSecond.usd,
    'Lambda requests': invocations * PRICES.lambdaRequest.usd,
    'Fargate (the dblp dump task)': (fargateSeconds / 3600) * (FARGATE_TASK.vcpu * PRICES.fargateVcpuHour.usd + FARGATE_TASK.memoryGB * PRICES.fargateGbHour.usd),
    'Step Functions (parent)': parentTransitions * PRICES.sfnTransition.usd,
    'Step Functions (children)': childTransitions * PRICES.sfnTransition.usd,
    'S3 requests': puts * PRICES.s3Put.usd + gets * PRICES.s3Get.usd,
    // raw/ is kept 90 days: in a steady state 90 nights of it are stored; a night's share of the month.
    'S3 storage (raw/, 90 days)': ((rawBytes * 90) / 1e9) * PRICES.s3StorageGbMonth.usd / 30,
    total: 0,
  };
  cost.total = Object.entries(cost).reduce((a, [k, v]) => (k === 'total' ? a : a + v), 0);
  return {
    floor,
    wall,
    dblpInvocations,
    fargateSeconds,
    reconcileSeconds: mean,
    memoryMB: MEMORY_MB,
    lambda: { gbSeconds: harvestGbSeconds + reconcileGbSeconds, harvestGbSeconds, reconcileGbSeconds, invocations },
    sfn: { transitions, parentTransitions, children: N },
    s3: { puts: Math.round(puts), gets: Math.round(gets), bytesWritten, rawBytes },
    cost,
  };
}
