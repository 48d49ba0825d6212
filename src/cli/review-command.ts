/**
 * `profile-sync review`: lists what the latest report asks the owner to decide
 * and records the answers (flags for scripts, prompts in a terminal). With
 * --bucket the answers go to the bucket's canonical/<profile>/ (the records'
 * home in the cloud: the next nightly run honours them, no deploy); without,
 * to data/profiles/<profile>/. Either way every write is conditional on the
 * version read, and a concurrent session's decisions are merged, never lost.
 */
import type { Command } from 'commander';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.ts';
import type { ReviewFlags } from './review-run.ts';
import { addStoreOptions } from './store-options.ts';
import { collect } from './sync-command.ts';
import { KEYS_OPTION_HELP } from './review-link-commands.ts';

export function registerReview(program: Command, setExit: (code: number) => void): void {
  const cmd = program.command('review');
  addStoreOptions(cmd)
    .description('list the items of the latest report that need a decision, and record decisions by item id')
    .option('-p, --profile <id>', 'profile (default: the only one)')
    .option('--data <dir>', 'data folder: without --bucket, decisions.json and cv.json are written to <data>/profiles/<id>/', 'data')
    .option('--accept <id>', 'accept a candidate work: it is written into cv.json as a canonical record (repeatable)', collect, [])
    .option('--reject <id>', 'reject a candidate work, and its other versions (repeatable)', collect, [])
    .option('--keep-mine <id>', 'keep the canonical value of a difference (repeatable)', collect, [])
    .option('--accept-theirs <id>', "write the source's value of a difference into cv.json (repeatable)", collect, [])
    .option('--ack <id>', 'acknowledge a version event (changes nothing; repeatable)', collect, [])
    .option('--undo <id>', "take a decision back: its cv.json edit is reversed (while the work is as the decision left it) and the item is pending again (repeatable)", collect, [])
    .option('--json', 'list pending items as JSON', false)
    .option('--open', "fetch the latest report's diff.html to a local file and open it in a browser (or print its path)")
    .option('--web', 'serve the review page on 127.0.0.1: the first line of stdout is a one-time link to it (opened in a browser unless --no-open); Ctrl+C stops it', false)
    .option('--port <n>', 'with --web: the port (0: any free port)', '8787')
    .option('--no-open', 'with --web: print the link only, open no browser')
    .option('--idle <minutes>', 'with --web: stop by itself after this many minutes without a request', '30')
    .option('--keys <file>', `with --web: ${KEYS_OPTION_HELP}`)
    .addHelpText(
      'after',
      `\nWithout decision flags: prompts for each pending item in a terminal (Ctrl+C keeps the answers\ngiven so far and exits ${EXIT.INTERRUPTED}), else lists them.\n${EXIT_CODES_HELP}\n  ${EXIT.INTERRUPTED}  the prompt was interrupted (the answers given before were recorded)`,
    )
    // The work (and the packages it needs) loads when the command runs: `--help` stays fast.
    .action(async (flags: ReviewFlags) => (await import('./review-run.ts')).runReview(flags, setExit));
}
