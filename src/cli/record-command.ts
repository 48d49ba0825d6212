import type { Command } from 'commander';
import { recordProfile } from '../harvest/record.ts';
import { runIdFor } from '../pipeline/run-id.ts';
import { loadProfileInput, listProfiles } from '../canonical/profile-input.ts';
import { clientsFor } from '../pipeline/sync.ts';
import { realClock } from '../sources/clock.ts';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.ts';
import { collect } from './sync-command.ts';

interface RecordFlags {
  profile: string[];
  data: string;
  arxivUrl?: string;
  dblpUrl?: string;
}

export function registerRecord(program: Command, setExit: (code: number) => void): void {
  program
    .command('record')
    .description('fetch the sources live (network) and keep the native responses as <data>/recordings/<id>/ for offline syncs')
    .option('-p, --profile <id>', 'profile to record (repeatable); default: all', collect, [])
    .option('--data <dir>', 'data folder', 'data')
    .option('--arxiv-url <url>', 'arXiv API endpoint')
    .option('--dblp-url <url>', 'dblp base URL')
    .addHelpText('after', `\nA source that fails keeps its previous recordings; the exit code is then 4.\n${EXIT_CODES_HELP}\n  4  a source failed (its previous recordings were kept)`)
    .action(async (flags: RecordFlags) => {
      const names = flags.profile.length > 0 ? flags.profile : await listProfiles(flags.data);
      const inputs = await Promise.all(names.map((p) => loadProfileInput(flags.data, p)));
      const clients = clientsFor(inputs, { kind: 'live', ...(flags.arxivUrl ? { arxivUrl: flags.arxivUrl } : {}), ...(flags.dblpUrl ? { dblpUrl: flags.dblpUrl } : {}) }, realClock);
      let failed = false;
      for (const input of inputs) {
        const result = await recordProfile(flags.data, input.profile, clients, realClock, runIdFor(new Date()));
        for (const [source, s] of Object.entries(result.sources)) {
          process.stdout.write(`${input.profile} ${source}: ${s.status}, ${s.kept === 'new' ? 'recorded' : 'kept previous'} ${s.files.join(', ') || '(none)'}\n`);
          for (const r of s.reasons) process.stdout.write(`  ${r}\n`);
          if (s.kept === 'previous') failed = true;
        }
      }
      setExit(failed ? EXIT.SOURCE_FAILED : EXIT.OK);
    });
}
