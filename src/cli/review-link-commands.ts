/**
 * `profile-sync review-link -p <profile>`: a signed, expiring link to a profile's review page (printed, for
 * the owner); `profile-sync revoke-links -p <profile>`: every link of the profile issued until now is refused
 * from now on, and so is every session such a link opened.
 */
import type { Command } from 'commander';
import { revokeLinks, revokedKey } from '../review/web/link-records.ts';
import { DAY_MS, issueLink, linkUrl, MAX_LINK_MS } from '../review/web/review-link.ts';
import { exitCodesHelp } from './exit-codes.ts';
import { checkedProfileIds } from './profile-choice.ts';
import { keysFileOf, keysFromParameter, loadOrCreateKeys } from './review-keys.ts';
import { addStoreOptions, locationOf, storeFrom, type StoreFlags } from './store-options.ts';
import { collect } from './sync-command.ts';
import { UsageError } from './usage-error.ts';

/** "14d", "12h": a link's lifetime in ms. */
export function lifetimeOf(given: string): number {
  const m = /^(\d{1,4})([dh])$/.exec(given);
  const ms = m ? Number(m[1]) * (m[2] === 'd' ? DAY_MS : 3_600_000) : NaN;
  if (!(ms > 0 && ms <= MAX_LINK_MS)) throw new UsageError(`--expires ${JSON.stringify(given)}: a number of days or hours ("14d", "12h"), at most ${MAX_LINK_MS / DAY_MS}d`);
  return ms;
}

export const KEYS_OPTION_HELP = 'the key ring that signs review links (default: $PROFILE_SYNC_REVIEW_KEYS or ~/.config/profile-sync/review-keys.json; made when missing)';

export function registerReviewLinks(program: Command, _setExit: (code: number) => void): void {
  program
    .command('review-link')
    .description("print a signed, expiring link to a profile's review page (one session per link)")
    .option('-p, --profile <id>', 'the profile (required; repeat for a curator link to several)', collect, [])
    .option('--expires <time>', 'how long the link can be used: days or hours, at most 30d', '14d')
    .option('--base-url <url>', 'where the review page is served (profile-sync review --web --port N serves it on this machine)', 'http://127.0.0.1:8787')
    .option('--keys <file>', KEYS_OPTION_HELP)
    .option('--keys-parameter <name>', "sign with the deployed page's key ring, this SSM SecureString (e.g. /profile-sync/review-keys; an operator's AWS credentials), and give --base-url the stack's ReviewUrl")
    .option('--region <region>', 'with --keys-parameter: its region (default: AWS_REGION)')
    .addHelpText('after', exitCodesHelp([0, 1, 2]))
    .action(async (flags: { profile: string[]; expires: string; baseUrl: string; keys?: string; keysParameter?: string; region?: string }) => {
      if (flags.profile.length === 0) throw new UsageError('review-link: give the profile with -p <profile>');
      const profiles = checkedProfileIds(flags.profile);
      const lifetime = lifetimeOf(flags.expires);
      if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(flags.baseUrl)) throw new UsageError(`--base-url ${JSON.stringify(flags.baseUrl)} is not an http(s) URL`);
      if (flags.keys !== undefined && flags.keysParameter !== undefined) throw new UsageError('give --keys or --keys-parameter, not both');
      const keys = flags.keysParameter !== undefined ? await keysFromParameter(flags.keysParameter, flags.region) : await loadOrCreateKeys(keysFileOf(flags.keys));
      const { token, claims } = issueLink(keys, profiles, Date.now(), lifetime);
      process.stdout.write(`${linkUrl(flags.baseUrl, token)}\n`);
      process.stderr.write(`a link to the review of ${profiles.join(', ')}, usable once until ${new Date(claims.exp).toISOString()}\n`);
    });

  addStoreOptions(program.command('revoke-links'))
    .description("refuse every review link of a profile issued until now, and end the sessions they opened")
    .requiredOption('-p, --profile <id>', 'the profile')
    .addHelpText('after', exitCodesHelp([0, 1, 2]))
    .action(async (flags: StoreFlags & { profile: string }) => {
      const [profile] = checkedProfileIds([flags.profile]);
      const store = await storeFrom(flags);
      await revokeLinks(store, profile!, Date.now());
      process.stdout.write(`revoked the review links of ${profile} issued until now (${locationOf(store.description, revokedKey(profile!))})\n`);
    });
}
