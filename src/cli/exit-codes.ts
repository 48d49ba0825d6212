/** Exit codes of the profile-sync command (documented in README and --help). */
export const EXIT = {
  /** Everything asked for was done. */
  OK: 0,
  /** An unexpected failure (a bug, an unreadable disk); the message says what. */
  FAILURE: 1,
  /** The command line was wrong (unknown option, missing argument). */
  USAGE: 2,
  /** Input was invalid (canonical records, config, a document given to parse): nothing was published for it. */
  INVALID_INPUT: 3,
  /** `record` only: a source failed; its previous recordings were kept. */
  SOURCE_FAILED: 4,
  /** Another run wrote the store first (a conditional write lost); nothing was overwritten. */
  CONFLICT: 5,
} as const;

export const EXIT_CODES_HELP = `
Exit codes:
  0  everything asked for was done
  1  unexpected failure (the message says what)
  2  usage error (unknown option, missing argument)
  3  invalid input: a canonical file, config or given document is broken;
     nothing was published for that profile (the others were)
  5  another run wrote the store first (a conditional write lost); nothing
     was overwritten`;
