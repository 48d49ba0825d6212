/** `profile-sync email -p <profile>`: the email the next notification would send, printed (nothing is sent or recorded). */
import type { Command } from 'commander';
import { formatIssue, InputError } from '../input/input-error.ts';
import { ReviewError } from '../review/pending.ts';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.ts';
import { addStoreOptions, storeFrom, type StoreFlags } from './store-options.ts';
import { checkedProfileIds } from './profile-choice.ts';
import { reviewLinkFor } from '../review/web/review-link.ts';
import { KEYS_OPTION_HELP } from './review-link-commands.ts';
import { keysFileOf, loadOrCreateKeys } from './review-keys.ts';
import { UsageError } from './usage-error.ts';

interface EmailFlags extends StoreFlags {
  profile: string;
  reviewUrl?: string;
  keys?: string;
}

/** The store arguments as the owner types them, for the commands inside the email. */
export function storeArgsOf(flags: StoreFlags): string {
  if (!flags.bucket) return `--out ${flags.out}`;
  return [`--bucket ${flags.bucket}`, flags.prefix ? `--prefix ${flags.prefix}` : '', flags.endpoint ? `--endpoint ${flags.endpoint}` : '', flags.pathStyle ? '--path-style' : ''].filter(Boolean).join(' ');
}

export function registerEmail(program: Command, setExit: (code: number) => void): void {
  addStoreOptions(program.command('email'))
    .description("print the owner's email for the latest report: what the next notification would send (nothing is sent or recorded)")
    .requiredOption('-p, --profile <id>', 'the profile')
    .option('--review-url <url>', 'where the review page is served (e.g. http://127.0.0.1:8787 for review --web): the email carries a one-session link to it')
    .option('--keys <file>', `with --review-url: ${KEYS_OPTION_HELP}`)
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (flags: EmailFlags) => {
      checkedProfileIds([flags.profile]); // before any key is built from it
      const { notifyOwner } = await import('../review/notify-owner.ts');
      if (flags.reviewUrl !== undefined && !/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(flags.reviewUrl)) throw new UsageError(`--review-url ${JSON.stringify(flags.reviewUrl)} is not an http(s) URL`);
      const keys = flags.reviewUrl !== undefined ? await loadOrCreateKeys(keysFileOf(flags.keys)) : undefined;
      const reviewUrl = flags.reviewUrl;
      try {
        const r = await notifyOwner({
          store: await storeFrom(flags),
          profile: flags.profile,
          now: new Date(),
          storeArgs: storeArgsOf(flags),
          dryRun: true,
          ...(keys && reviewUrl ? { reviewLink: (p: string) => reviewLinkFor(keys, reviewUrl, p, Date.now()) } : {}),
          send: async (subject, body) => void process.stdout.write(`Subject: ${subject}\n\n${body}`),
        });
        if (!r.subject) process.stdout.write(`nothing new to tell the owner of ${flags.profile} (${r.pending} item(s) pending, all emailed before)\n`);
      } catch (e) {
        if (e instanceof ReviewError) {
          process.stderr.write(`profile-sync email: ${e.message}\n`);
          setExit(EXIT.INVALID_INPUT);
        } else if (e instanceof InputError) {
          process.stderr.write(`profile-sync email: ${e.issues.map(formatIssue).join('\n')}\n`);
          setExit(EXIT.INVALID_INPUT);
        } else throw e;
      }
    });
}
