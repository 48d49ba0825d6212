/**
 * `profile-sync seed --bucket B`: what a deploy does to canonical/, from the
 * CLI: adds the profiles of data/profiles that the bucket does not have yet
 * (create-only), and never overwrites one it has (or one that was removed).
 */
import type { Command } from 'commander';
import { formatIssue, InputError } from '../input/input-error.ts';
import { runIdFor } from '../pipeline/run-id.ts';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.ts';
import { collect } from './sync-command.ts';
import { addStoreOptions, storeFrom, type StoreFlags } from './store-options.ts';
import { chooseProfiles } from './profile-choice.ts';

interface SeedFlags extends StoreFlags {
  profile: string[];
  data: string;
}

export function registerSeed(program: Command, setExit: (code: number) => void): void {
  addStoreOptions(program.command('seed'))
    .description('add the profiles of <data>/profiles that the bucket lacks to its canonical/ (create-only: existing or removed profiles are never overwritten)')
    .option('-p, --profile <id>', 'profile to seed (repeatable); default: every folder in <data>/profiles', collect, [])
    .option('--data <dir>', 'data folder holding profiles/<id>/', 'data')
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (flags: SeedFlags) => {
      const { seedCanonical } = await import('../pipeline/records/seed-canonical.ts');
      const { stageProfiles } = await import('../pipeline/records/stage-profiles.ts');
      if (!flags.bucket) {
        process.stderr.write('profile-sync seed: --bucket is required\n');
        setExit(EXIT.USAGE);
        return;
      }
      const store = await storeFrom({ ...flags, create: true }); // seeding is how a rehearsal bucket folder is made
      const prefix = `staging/canonical/${runIdFor(new Date())}-${process.pid}/`;
      const staged: string[] = [];
      try {
        await stageProfiles(flags.data, await chooseProfiles(flags.data, flags.profile), store, prefix, staged);
        const r = await seedCanonical(store, prefix);
        for (const p of r.seeded) process.stdout.write(`seeded ${p}\n`);
        for (const k of r.kept) process.stdout.write(`kept ${k.profile}: ${k.reason}\n`);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        process.stderr.write(`profile-sync seed: invalid records; nothing was seeded:\n${e.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}\n`);
        setExit(EXIT.INVALID_INPUT);
      } finally {
        for (const key of staged) await store.delete(key);
      }
    });
}
