/** What a run of the command gives back, however it ran (a process, or main() in the test's process). */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Stack-trace lines ("    at f (file:1:2)") in a text. */
export const stackLines = (text: string) => text.split('\n').filter((l) => l.startsWith('    at ')).length;
