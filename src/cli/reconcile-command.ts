/** `profile-sync reconcile --cv FILE --arxiv FILE… --dblp FILE… --out DIR` */
import type { Command } from 'commander';
import { InputError } from '../input/input-error.ts';
import { reconcileFiles } from '../pipeline/reconcile-files.ts';
import { runIdFor } from '../pipeline/run-id.ts';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.ts';
import { addStoreOptions, storeFrom, type StoreFlags } from './store-options.ts';

interface ReconcileFlags extends StoreFlags {
  cv: string;
  config?: string;
  decisions?: string;
  arxiv: string[];
  dblp: string[];
  json: boolean;
}

export function registerReconcile(program: Command, setExit: (code: number) => void): void {
  const cmd = program.command('reconcile');
  addStoreOptions(cmd)
    .description('reconcile captured native documents with a CV file and publish (no network)')
    .requiredOption('--cv <file>', 'canonical records (cv.json); config.json and decisions.json beside it are used when present')
    .option('--config <file>', 'profile config (default: config.json beside the CV, else defaults)')
    .option('--decisions <file>', 'owner decisions (default: decisions.json beside the CV)')
    .option('--arxiv <files...>', 'arXiv API responses (Atom XML)', [])
    .option('--dblp <files...>', 'dblp person XML (/pid/<pid>.xml)', [])
    .option('--json', 'print the report summary as JSON', false)
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (flags: ReconcileFlags) => {
      const now = new Date();
      try {
        const { report, published } = await reconcileFiles({
          cvFile: flags.cv,
          ...(flags.config ? { configFile: flags.config } : {}),
          ...(flags.decisions ? { decisionsFile: flags.decisions } : {}),
          arxivFiles: flags.arxiv,
          dblpFiles: flags.dblp,
          store: storeFrom(flags),
          runId: runIdFor(now),
          now,
        });
        const s = report.summary;
        process.stdout.write(
          flags.json
            ? `${JSON.stringify({ summary: s, sources: report.sources, keys: published.keys }, null, 2)}\n`
            : `${report.profile}: ${s.linkedWorks}/${s.canonicalWorks} linked, ${s.pendingCandidates} candidates, ${s.pendingDifferences} differences, ${s.versionEvents} events\n` +
                report.sources.map((h) => `  ${h.source}: ${h.status}, ${h.records} records${h.reasons.length ? ` (${h.reasons.join('; ')})` : ''}\n`).join('') +
                published.keys.map((k) => `  ${k.written ? 'wrote' : 'kept '} ${k.key} (${k.bytes} bytes)\n`).join(''),
        );
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        process.stderr.write(`${e.message}\n`);
        setExit(EXIT.INVALID_INPUT);
      }
    });
}
