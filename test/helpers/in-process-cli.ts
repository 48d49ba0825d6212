/**
 * The profile-sync command run inside the test process (the same main() the bin runs), its stdout and stderr
 * captured: hundreds of runs cost seconds, where each process costs most of a second of CPU to start. What only a
 * process shows (the bin's bundle, exit codes set on the process, a real terminal, signals) is tested with real
 * processes (test/helpers/cli.ts); a test that runs the CLI here and pins its clock (pinned-clock.ts) sees the
 * same day on any day. Runs are one at a time: stdout and stderr are the process's own, captured while main() runs.
 */
import { main } from '../../src/cli/main.ts';
import type { CliRun } from './cli-output.ts';

export { oneLine, stackLines, type CliRun } from './cli-output.ts';

let running = false;

export async function cli(...args: string[]): Promise<CliRun> {
  return cliWithEnv({}, ...args);
}

/**
 * The command with `env` over the process's environment for its run (a variable set to undefined is unset): a
 * person's shell with their credentials, region and endpoints. The environment is put back afterwards.
 */
export async function cliWithEnv(env: Readonly<Record<string, string | undefined>>, ...args: string[]): Promise<CliRun> {
  if (running) throw new Error('in-process CLI: one run at a time (stdout and stderr are captured for the whole process)');
  running = true;
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  const capture = (into: string[]) => ((chunk: string | Uint8Array) => {
    into.push(typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk));
    return true;
  }) as typeof process.stdout.write;
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const put = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  put(env);
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  let code: number;
  try {
    code = await main(['node', 'profile-sync', ...args]);
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    put(saved);
    running = false;
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}
