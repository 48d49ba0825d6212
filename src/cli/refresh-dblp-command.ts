/**
 * `profile-sync refresh-dblp -p <profile> --bucket B`: the owner asks that
 * tonight's run read their dblp person page rather than dblp's daily dump
 * (which is up to a day old), e.g. right after dblp added a paper. Only the
 * nights that read the dump (a fleet above the deploy's dblpDumpAbove) use it;
 * on person-page nights every profile is read fresh anyway.
 */
import type { Command } from 'commander';
import { EXIT, exitCodesHelp } from './exit-codes.ts';
import { checkedProfileIds } from './profile-choice.ts';
import { addStoreOptions, locationOf, storeFrom, type StoreFlags } from './store-options.ts';

export function registerRefreshDblp(program: Command, setExit: (code: number) => void): void {
  addStoreOptions(program.command('refresh-dblp'))
    .description("ask tonight's run to read the profile's dblp person page instead of dblp's daily dump (up to a day old)")
    .requiredOption('-p, --profile <id>', 'the profile')
    .addHelpText('after', exitCodesHelp([0, 1, 2]))
    .action(async (flags: StoreFlags & { profile: string }) => {
      const [profile] = checkedProfileIds([flags.profile]);
      if (!flags.bucket) {
        // The local sync reads dblp's person page every time; only the deployed night reads the dump.
        process.stderr.write('profile-sync refresh-dblp: --bucket is required (the deployed nightly run reads the request from the bucket)\n');
        setExit(EXIT.USAGE);
        return;
      }
      const { NoProfileToRefresh, requestDblpRefresh } = await import('../harvest/dblp-refresh.ts');
      const store = await storeFrom(flags);
      try {
        const r = await requestDblpRefresh(store, profile!, new Date());
        process.stdout.write(`asked for a fresh dblp read of ${profile} (${locationOf(store.description, r.key)}, ${r.requestedAt}): tonight's run reads its person page if the night reads dblp's dump; the request counts today and tomorrow\n`);
      } catch (e) {
        if (!(e instanceof NoProfileToRefresh)) throw e;
        process.stderr.write(`profile-sync refresh-dblp: ${e.message}\n`);
        setExit(EXIT.USAGE);
      }
    });
}
