/** The profile-sync command as a person runs it: a real process; its exit code, stdout and stderr. */
import { join } from 'node:path';
import { runNode, type CliRun } from './cli-output.ts';
import { REPO } from './paths.ts';

export const BIN = join(REPO, 'bin', 'profile-sync.js');

export function cli(...args: string[]): Promise<CliRun> {
  return runNode([BIN, ...args]);
}
