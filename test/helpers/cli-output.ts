/** What a run of the command gives back, however it ran (a process, or main() in the test's process), and a Node process run to its end. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { REPO } from './paths.ts';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Stack-trace lines ("    at f (file:1:2)") in a text. */
export const stackLines = (text: string) => text.split('\n').filter((l) => l.startsWith('    at ')).length;

/** The one line a failure prints (its "profile-sync: " lines), after checking there is no stack trace. */
export function oneLine(r: CliRun): string {
  expect(stackLines(r.stdout + r.stderr), r.stderr).toBe(0);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('profile-sync'));
  expect(lines, r.stderr).toHaveLength(1);
  return lines[0]!;
}

/** `node <args>` in the repository, to its end: its exit code, stdout and stderr (`env`: the whole environment it gets). */
export async function runNode(args: readonly string[], o: { env?: NodeJS.ProcessEnv; timeout?: number } = {}): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [...args], { cwd: REPO, ...(o.env ? { env: o.env } : {}), ...(o.timeout ? { timeout: o.timeout } : {}) });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
