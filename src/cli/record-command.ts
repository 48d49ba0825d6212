import type { Command } from 'commander';
import { runIdFor } from '../pipeline/run-id.ts';
import { realClock } from '../sources/clock.ts';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.ts';
import { collect } from './sync-command.ts';
import { describeHttpEvent, describeRetryPlan } from '../sources/http/http-event-text.ts';
import { chooseProfiles } from './profile-choice.ts';

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
      const { recordProfile } = await import('../harvest/record.ts');
      const { loadProfileInput } = await import('../canonical/profile-input.ts');
      const { clientsFor } = await import('../pipeline/sync.ts');
      const names = await chooseProfiles(flags.data, flags.profile);
      const inputs = await Promise.all(names.map((p) => loadProfileInput(flags.data, p)));
      // Each request, response and retry as it happens (stderr), so a slow or failing source is never silent.
      // Ctrl+C stops every request at once; the sources captured before are kept. Writing them takes a moment and
      // is not cut short (a half-written recordings folder would be worse than waiting): a second Ctrl+C only says so.
      const interrupt = new AbortController();
      const onSigint = () => {
        if (interrupt.signal.aborted) return void process.stderr.write('still stopping: writing what was captured\n');
        process.stderr.write('\ninterrupted: stopping now; what was captured before is kept\n');
        interrupt.abort();
      };
      process.on('SIGINT', onSigint);
      const clients = clientsFor(
        inputs,
        { kind: 'live', ...(flags.arxivUrl ? { arxivUrl: flags.arxivUrl } : {}), ...(flags.dblpUrl ? { dblpUrl: flags.dblpUrl } : {}) },
        realClock,
        (source, e) => process.stderr.write(`${describeHttpEvent(source, e)}\n`),
        interrupt.signal,
      );
      // Up front: how long a source that does not answer is tried, so nobody waits without knowing.
      process.stderr.write(`${describeRetryPlan('arxiv', clients.arxiv.retryPlan)}\n${describeRetryPlan('dblp', clients.dblp.retryPlan)}\nCtrl+C stops at once, keeping what was captured\n`);
      let failed = false;
      try {
        for (const input of inputs) {
          if (interrupt.signal.aborted) break;
          process.stderr.write(`[${input.profile}] recording arxiv and dblp (one request at a time; arXiv ≥ 3 s apart)\n`);
          const result = await recordProfile(flags.data, input.profile, clients, realClock, runIdFor(new Date()));
          for (const [source, s] of Object.entries(result.sources)) {
            process.stdout.write(`${input.profile} ${source}: ${s.status}, ${s.kept === 'new' ? `recorded ${s.files.join(', ')}` : `nothing recorded; kept ${s.files.join(', ') || '(no previous recordings)'}`}\n`);
            for (const r of s.reasons) process.stdout.write(`  ${r}\n`);
            if (s.kept === 'previous') failed = true;
          }
          process.stdout.write(result.wrote ? `${input.profile}: wrote ${result.dir}/manifest.json\n` : `${input.profile}: nothing captured; no file in ${result.dir} was changed\n`);
        }
      } finally {
        process.off('SIGINT', onSigint);
      }
      setExit(interrupt.signal.aborted ? EXIT.INTERRUPTED : failed ? EXIT.SOURCE_FAILED : EXIT.OK);
    });
}
