/** profile-sync command line: `profile-sync <command> [options]`. */
import { Command, CommanderError } from 'commander';
import { TOOL_VERSION } from '../harvest/user-agent.ts';
import { EXIT, exitCodesHelp } from './exit-codes.ts';
import { describeFailure } from './failure.ts';
import { registerParse } from './parse-command.ts';
import { registerReconcile } from './reconcile-command.ts';
import { registerRecord } from './record-command.ts';
import { registerEmail } from './email-command.ts';
import { registerRecords } from './records-commands.ts';
import { registerSeed } from './seed-command.ts';
import { registerReview } from './review-command.ts';
import { registerReviewLinks } from './review-link-commands.ts';
import { registerRollback } from './rollback-command.ts';
import { registerRefreshDblp } from './refresh-dblp-command.ts';
import { registerSync } from './sync-command.ts';


let pipeWatched = false;

export async function main(argv: readonly string[]): Promise<number> {
  // A reader that stops early (| head) is not an error.
  if (!pipeWatched) {
    pipeWatched = true;
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
    });
  }
  let exitCode: number = EXIT.OK;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command()
    .name('profile-sync')
    .description('Keeps a researcher\'s publication profile true: arXiv + dblp reconciled against canonical CV records.')
    .version(TOOL_VERSION, '-V, --version', 'print the version')
    .exitOverride()
    .showHelpAfterError("see 'profile-sync --help'")
    .addHelpText('after', exitCodesHelp([0, 1, 2, 3, 4, 5, 130]));
  registerSync(program, setExit);
  registerParse(program, setExit);
  registerReconcile(program, setExit);
  registerRecord(program, setExit);
  registerReview(program, setExit);
  registerReviewLinks(program, setExit);
  registerRecords(program, setExit);
  registerSeed(program, setExit);
  registerEmail(program, setExit);
  registerRollback(program, setExit);
  registerRefreshDblp(program, setExit);
  // A usage error is one line and where to read more, not the whole help.
  for (const cmd of program.commands) cmd.exitOverride().showHelpAfterError(`see 'profile-sync ${cmd.name()} --help'`);
  try {
    await program.parseAsync([...argv]);
  } catch (e) {
    // --help and --version end here with code 0; commander already printed usage errors.
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    const failure = describeFailure(e);
    for (const line of failure.lines) process.stderr.write(`profile-sync: ${line}\n`);
    if (process.env['PROFILE_SYNC_DEBUG'] && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    return failure.code;
  }
  return exitCode;
}
