/**
 * `profile-sync rollback -p <profile> --to <run>`: restores the public objects
 * an earlier run published (from its publish record and copies under
 * reports/<profile>/<run>/) and says what it restored.
 */
import type { Command } from 'commander';
import { isRunId } from '../pipeline/run-id.ts';
import type { RollbackResult } from '../publish/rollback.ts';
import { addStoreOptions, storeFrom, type StoreFlags } from './store-options.ts';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.ts';
import { checkedProfileIds } from './profile-choice.ts';

interface RollbackFlags extends StoreFlags {
  profile: string;
  to: string;
  dryRun: boolean;
  json: boolean;
}

function summary(r: RollbackResult, store: string): string {
  const lines = [`${r.dryRun ? 'would roll back' : 'rolled back'} ${r.profile} in ${store} to run ${r.to} (published ${r.generatedAt})`];
  const verb = { restored: r.dryRun ? 'would restore' : 'restored', unchanged: 'unchanged', removed: r.dryRun ? 'would remove' : 'removed' } as const;
  for (const i of r.items) lines.push(`  ${verb[i.action]}  ${i.key}${i.action === 'removed' ? ` (a work run ${r.to} did not have)` : ` (${i.bytes} bytes)`}`);
  for (const k of r.untouched) lines.push(`  left as is  ${k} (not published by run ${r.to})`);
  const n = r.items.filter((i) => i.action !== 'unchanged').length;
  const objects = `${n} object${n === 1 ? '' : 's'}`;
  lines.push(n === 0 ? '  nothing to restore: the public objects already are those of that run' : r.dryRun ? `  ${objects} would be restored or removed` : `  ${objects} restored or removed`);
  if (r.note) lines.push(`  recorded in ${store}${r.note}`);
  if (!r.dryRun && n > 0) lines.push('  the next sync reconciles from this profile; fix the cause (a decision, cv.json) before it runs');
  return `${lines.join('\n')}\n`;
}

export function registerRollback(program: Command, setExit: (code: number) => void): void {
  const cmd = program.command('rollback');
  addStoreOptions(cmd)
    .description("restore a profile's public objects (profile.json, CSL-JSON, BibTeX, JSON-LD, …) to what an earlier run published")
    .requiredOption('-p, --profile <id>', 'the profile to roll back')
    .requiredOption('--to <run>', 'the run whose public objects to restore, e.g. 20261127T031500Z (see reports/<profile>/)')
    .option('--dry-run', 'say what would be restored, write nothing', false)
    .option('--json', 'print the result as JSON', false)
    .addHelpText('after', `\nEach run keeps a copy of what it published in reports/<profile>/<run>/ (published.json and public/).\nWrites are conditional on what was read: a run publishing meanwhile makes the rollback fail (exit 5), never lose.\n${EXIT_CODES_HELP}`)
    .action(async (flags: RollbackFlags) => {
      checkedProfileIds([flags.profile]); // before any key is built from it
      if (!isRunId(flags.to)) {
        process.stderr.write(`profile-sync rollback: --to must be a run id like 20261127T031500Z, got "${flags.to}"\n`);
        setExit(EXIT.USAGE);
        return;
      }
      const store = await storeFrom(flags);
      const { rollback, RollbackError, UnknownRunError } = await import('../publish/rollback.ts');
      const { PublishRecordError } = await import('../publish/publish-record.ts');
      try {
        const result = await rollback(store, flags.profile, flags.to, { dryRun: flags.dryRun, at: new Date() });
        process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : summary(result, store.description));
      } catch (e) {
        if (!(e instanceof RollbackError || e instanceof PublishRecordError)) throw e;
        process.stderr.write(`profile-sync rollback: ${e.message}\n`);
        // A run that was never published is a wrong --to (usage); a publish record that cannot be used is input.
        setExit(e instanceof UnknownRunError ? EXIT.USAGE : EXIT.INVALID_INPUT);
      }
    });
}
