/**
 * How long vitest lets a test or a hook run before calling it hung: a watchdog,
 * not a deadline of the product. Time inside these suites is virtual (the
 * harvesters' waits, the leases, the Lambdas' timeouts); their wall time only
 * says how busy the machine is, and on a loaded 2-core machine it grows several
 * times over (the fault matrix's beforeAll, a CDK synth and two nights, passed
 * 60 s there and its 17 cases were skipped; the on-S3 case took 390 s at a load
 * of 22 on 2 cores). So the limits are many times the loaded durations, set per
 * file with vi.setConfig({ ...WATCHDOG.x }).
 */
export const WATCHDOG = {
  /** Suites of the executed workflow (a CDK synth in beforeAll, whole nights per case). */
  workflow: { testTimeout: 30 * 60_000, hookTimeout: 30 * 60_000 },
  /** Harvest suites (loopback servers, folder stores, a CLI process). */
  harvest: { testTimeout: 3 * 60_000, hookTimeout: 3 * 60_000 },
} as const;
