/**
 * `profile-sync pull | push | remove -p <profile> --bucket B`: the owner's
 * canonical records between the bucket (their home in the cloud) and
 * data/profiles/<profile>/ (for editing and git history). No deploy needed.
 */
import type { Command } from 'commander';
import { formatIssue, InputError } from '../input/input-error.ts';
import { FetchPlanError } from '../harvest/fetch-plan.ts';
import { NoSuchProfile, RecordsConflict } from '../pipeline/records/records-conflict.ts';
import { PreconditionFailedError } from '../store/store.ts';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.ts';
import { addStoreOptions, storeFrom, type StoreFlags } from './store-options.ts';
import { checkedProfileIds } from './profile-choice.ts';

interface RecordsFlags extends StoreFlags {
  profile: string;
  data: string;
  force: boolean;
  verbose: boolean;
}

function command(program: Command, name: string, description: string, force: string): Command {
  return addStoreOptions(program.command(name))
    .description(description)
    .requiredOption('-p, --profile <id>', 'the profile')
    .option('--data <dir>', 'data folder holding profiles/<id>/', 'data')
    .option('--force', force, false)
    .option('--verbose', 'on a refusal, also print every change on each side, one per line (stderr)', false)
    .addHelpText('after', EXIT_CODES_HELP);
}

/** Runs one records job, mapping its refusals to exit codes with a message that says what to do. */
async function run(name: string, flags: RecordsFlags, setExit: (code: number) => void, job: () => Promise<string[]>): Promise<void> {
  checkedProfileIds([flags.profile]); // before any key or path is built from it
  if (!flags.bucket) {
    process.stderr.write(`profile-sync ${name}: --bucket is required (the records' home in the cloud)\n`);
    setExit(EXIT.USAGE);
    return;
  }
  try {
    for (const line of await job()) process.stdout.write(`${line}\n`);
  } catch (e) {
    if (e instanceof InputError) {
      // One line per problem, each naming the file, line and field; nothing was written.
      for (const i of e.issues) process.stderr.write(`profile-sync ${name}: ${formatIssue(i)} (nothing was written)\n`);
      setExit(EXIT.INVALID_INPUT);
    } else if (e instanceof FetchPlanError) {
      process.stderr.write(`profile-sync ${name}: ${e.message}; nothing was written\n`);
      setExit(EXIT.INVALID_INPUT);
    } else if (e instanceof RecordsConflict) {
      for (const line of e.lines) process.stderr.write(`profile-sync ${name}: ${line.replace(/^\w+ [\w-]+: /, '')}\n`);
      if (flags.verbose) process.stderr.write(`${e.message.split('\n').slice(1).join('\n')}\n`);
      setExit(EXIT.CONFLICT);
    } else if (e instanceof PreconditionFailedError) {
      process.stderr.write(`profile-sync ${name}: ${e.message}; another writer changed ${flags.profile}'s records during the ${name}. Run it again.\n`);
      setExit(EXIT.CONFLICT);
    } else if (e instanceof NoSuchProfile) {
      process.stderr.write(`profile-sync ${name}: ${e.message}\n`);
      setExit(EXIT.USAGE);
    } else throw e;
  }
}

export function registerRecords(program: Command, setExit: (code: number) => void): void {
  command(program, 'pull', "write the bucket's canonical records of a profile into <data>/profiles/<id>/ (and remember their ETags for push)", 'replace local edits of files the bucket changed too (kept beside as .<file>.before-pull)').action(
    async (flags: RecordsFlags) =>
      run('pull', flags, setExit, async () => {
        const { storeHome } = await import('../canonical/canonical-home.ts');
        const { pullProfile } = await import('../pipeline/records/pull.ts');
        const home = storeHome(await storeFrom(flags));
        const r = await pullProfile({ dataDir: flags.data, home, profile: flags.profile, force: flags.force, now: new Date() });
        return [
          `pulled ${flags.profile} from ${home.description}${flags.profile}/ into ${flags.data}/profiles/${flags.profile}/`,
          ...r.written.map((f) => `  updated ${f}`),
          ...r.keptLocal.map((f) => `  kept your unpushed edits of ${f} (the bucket's copy did not change): push them`),
          ...r.merged.map((f) => `  merged ${f} by item (your decisions and the bucket's): push it`),
          ...r.backedUp.map((f) => `  your previous copy is in ${f}`),
          ...(r.written.length + r.keptLocal.length + r.merged.length === 0 ? ['  already up to date'] : []),
        ];
      }),
  );
  /** What the nightly run will do with a pushed profile that is new (or back), in the words of its config. */
  const pushNote = (r: { created: boolean; paused: boolean; readded: boolean }) => {
    const what = r.readded ? 'added again after remove' : r.created ? 'new profile' : '';
    if (r.paused) return ` (${what ? `${what}, ` : ''}paused in config.json: the nightly run skips it until "paused" is false)`;
    return what ? ` (${what}: the next nightly run includes it; no deploy needed)` : '';
  };
  command(program, 'push', "validate a profile's local records and upload what changed to the bucket, on the versions last pulled", "overwrite the bucket's changes made since the pull").action(async (flags: RecordsFlags) =>
    run('push', flags, setExit, async () => {
      const { storeHome } = await import('../canonical/canonical-home.ts');
      const { pushProfile } = await import('../pipeline/records/push.ts');
      const home = storeHome(await storeFrom(flags));
      const r = await pushProfile({ dataDir: flags.data, home, profile: flags.profile, force: flags.force, now: new Date() });
      return [
        r.written.length === 0 ? `${flags.profile}: nothing to push (the bucket has these records)` : `pushed ${flags.profile} to ${home.description}${flags.profile}/${pushNote(r)}`,
        ...r.written.map((f) => `  wrote ${f}`),
      ];
    }),
  );
  command(program, 'remove', 'take a profile out of the nightly run: delete its canonical records from the bucket (public/ and reports/ stay)', 'remove even if the bucket changed since the last pull').action(async (flags: RecordsFlags) =>
    run('remove', flags, setExit, async () => {
      const { storeHome } = await import('../canonical/canonical-home.ts');
      const { removeProfile } = await import('../pipeline/records/remove.ts');
      const home = storeHome(await storeFrom(flags));
      const r = await removeProfile({ dataDir: flags.data, home, profile: flags.profile, force: flags.force, now: new Date() });
      return [
        `removed ${flags.profile} from ${home.description}: ${r.removed.join(', ')} (a removed.json marker keeps a deploy from adding it again)`,
        `  the published profile (public/${flags.profile}/) and the reports stay; push --force -p ${flags.profile} adds the profile again`,
      ];
    }),
  );
}
