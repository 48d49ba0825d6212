/** Exit codes of the profile-sync command (documented in README and --help). */
export const EXIT = {
  /** Everything asked for was done. */
  OK: 0,
  /** The store, the disk or the network could not be used, or an unexpected failure (a bug); the message says what. */
  FAILURE: 1,
  /** The command line was wrong (unknown option, missing argument, a path or profile that is not there). */
  USAGE: 2,
  /** Input was invalid (canonical records, config, a document given to parse or reconcile): nothing was published for it. */
  INVALID_INPUT: 3,
  /** `record` only: a source failed; its previous recordings were kept. */
  SOURCE_FAILED: 4,
  /** Another run wrote the store first (a conditional write lost); nothing was overwritten. */
  CONFLICT: 5,
  /** `review`: the prompt was interrupted (Ctrl+C, Ctrl+D); the answers given before were recorded. */
  INTERRUPTED: 130,
} as const;

type Code = (typeof EXIT)[keyof typeof EXIT];

const MEANING: Record<Code, string> = {
  0: 'everything asked for was done',
  1: 'the store, the disk or the network could not be used, or an unexpected\n     failure; the message says what',
  2: 'usage error (unknown option, missing argument, a path or profile that\n     is not there)',
  3: 'invalid input: a canonical file, config or given document is broken;\n     nothing was published for that profile (the others were)',
  4: 'record only: a source failed (its previous recordings were kept)',
  5: 'another run wrote the store first (a conditional write lost); nothing\n     was overwritten',
  130: 'review only: the prompt was interrupted (Ctrl+C, Ctrl+D); the answers\n     given before were recorded',
};

/** The "Exit codes:" help section for the codes a command can end with (meanings may be reworded per command). */
export function exitCodesHelp(codes: readonly Code[], reworded: Partial<Record<Code, string>> = {}): string {
  return `\nExit codes:\n${codes.map((c) => `  ${c}  ${reworded[c] ?? MEANING[c]}`).join('\n')}`;
}

/** Codes of the commands that publish to a store (sync, reconcile). */
export const EXIT_CODES_HELP = exitCodesHelp([0, 1, 2, 3, 5]);
