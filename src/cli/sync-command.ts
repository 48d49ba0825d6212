import type { Command } from 'commander';
import { runIdFor, isRunId } from '../pipeline/run-id.ts';
import { runSync, type SyncResult } from '../pipeline/sync.ts';
import { FsStore } from '../store/fs-store.ts';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.ts';

interface SyncFlags {
  profile: string[];
  data: string;
  out: string;
  offline: boolean;
  runId?: string;
  json: boolean;
}

export function registerSync(program: Command, setExit: (code: number) => void): void {
  program
    .command('sync')
    .description('load and validate canonical records, then publish each profile to the store')
    .option('-p, --profile <id>', 'profile to sync (repeatable); default: every folder in <data>/profiles', collect, [])
    .option('--data <dir>', 'folder holding profiles/<id>/cv.json and config.json', 'data')
    .option('--out <dir>', 'store folder (filesystem store)', 'out')
    .option('--offline', 'replay recorded source responses from <data>/recordings instead of the network', false)
    .option('--run-id <id>', 'run id (default: from the current time, e.g. 20261128T041813Z)')
    .option('--json', 'print the summary as JSON on stdout', false)
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (flags: SyncFlags) => {
      if (flags.runId !== undefined && !isRunId(flags.runId)) {
        process.stderr.write(`profile-sync: --run-id must look like 20261128T041813Z\n`);
        setExit(EXIT.USAGE);
        return;
      }
      const now = new Date();
      const result = await runSync({
        dataDir: flags.data,
        store: new FsStore(flags.out),
        profiles: flags.profile,
        runId: flags.runId ?? runIdFor(now),
        now,
        progress: (line) => process.stderr.write(`${line}\n`),
      });
      process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : summary(result));
      setExit(result.profiles.some((p) => p.status === 'invalid') ? EXIT.INVALID_INPUT : EXIT.OK);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function summary(result: SyncResult): string {
  const lines = [`run ${result.runId} → ${result.store}`];
  for (const p of result.profiles) {
    if (p.status === 'published') {
      lines.push(`  ${p.profile}: published ${p.publications} publications, ${p.talks} talks`);
      for (const k of p.keys) lines.push(`    ${k.key} (${k.bytes} bytes)`);
    } else {
      lines.push(`  ${p.profile}: INVALID, nothing published (${p.errors.length} problem${p.errors.length === 1 ? '' : 's'})`);
      for (const e of p.errors) lines.push(`    ${e}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
