/**
 * The profile-sync command run inside the test process (the same main() the
 * bin runs), its stdout and stderr captured: hundreds of runs cost seconds.
 */
import { main } from '../../src/cli/main.ts';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Stack-trace lines ("    at f (file:1:2)") in a text. */
export const stackLines = (text: string) => text.split('\n').filter((l) => l.startsWith('    at ')).length;

export async function cli(...args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  const capture = (into: string[]) => ((chunk: string | Uint8Array) => {
    into.push(typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk));
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  let code: number;
  try {
    code = await main(['node', 'profile-sync', ...args]);
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}
