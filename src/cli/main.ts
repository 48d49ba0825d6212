/** profile-sync command line: `profile-sync <command> [options]`. */
import { Command, CommanderError } from 'commander';
import { PreconditionFailedError } from '../store/store.ts';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.ts';
import { registerParse } from './parse-command.ts';
import { registerReconcile } from './reconcile-command.ts';
import { registerRecord } from './record-command.ts';
import { registerEmail } from './email-command.ts';
import { registerRecords } from './records-commands.ts';
import { registerSeed } from './seed-command.ts';
import { registerReview } from './review-command.ts';
import { registerRollback } from './rollback-command.ts';
import { registerSync } from './sync-command.ts';

export async function main(argv: readonly string[]): Promise<number> {
  // A reader that stops early (| head) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  let exitCode: number = EXIT.OK;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command()
    .name('profile-sync')
    .description('Keeps a researcher\'s publication profile true: arXiv + dblp reconciled against canonical CV records.')
    .exitOverride()
    .showHelpAfterError()
    .addHelpText('after', EXIT_CODES_HELP);
  registerSync(program, setExit);
  registerParse(program, setExit);
  registerReconcile(program, setExit);
  registerRecord(program, setExit);
  registerReview(program, setExit);
  registerRecords(program, setExit);
  registerSeed(program, setExit);
  registerEmail(program, setExit);
  registerRollback(program, setExit);
  try {
    await program.parseAsync([...argv]);
  } catch (e) {
    if (e instanceof PreconditionFailedError) {
      process.stderr.write(`profile-sync: ${e.message}. Nothing was overwritten; run again to build on the newer state.\n`);
      return EXIT.CONFLICT;
    }
    if (e instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors were already printed.
      return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    process.stderr.write(`profile-sync: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.FAILURE;
  }
  return exitCode;
}
