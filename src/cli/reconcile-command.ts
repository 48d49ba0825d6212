/** `profile-sync reconcile --cv FILE --arxiv FILE… --dblp FILE… --out DIR` */
import type { Command } from 'commander';
import { InputError } from '../input/input-error.ts';
import { isRunId, runIdFor } from '../pipeline/run-id.ts';
import { count } from '../text/count.ts';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.ts';
import { requireFile } from './given-paths.ts';
import { addStoreOptions, locationOf, storeFrom, usingStore, type StoreFlags } from './store-options.ts';
import { UsageError } from './usage-error.ts';

interface ReconcileFlags extends StoreFlags {
  cv: string;
  config?: string;
  decisions?: string;
  runId?: string;
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
    .option('--dblp <files...>', 'dblp person bibliographies (/pid/<pid>.xml) or records (/rec/<key>.xml, a bare <article>/<inproceedings>)', [])
    .option('--run-id <id>', 'run id (default: from the current time, e.g. 20261128T041813Z)')
    .option('--json', 'print the report summary (or the input problems) as JSON', false)
    .addHelpText('after', `\nEach document is checked before anything is written: one that does not parse, or is not\nwhat its option takes, is invalid input (exit 3) and nothing is published.\n${EXIT_CODES_HELP}`)
    .action(async (flags: ReconcileFlags) => {
      const { reconcileFiles } = await import('../pipeline/reconcile-files.ts');
      const { ARXIV_OPTION, DBLP_OPTION, checkGivenDocuments } = await import('./given-documents.ts');
      const now = new Date();
      if (flags.runId !== undefined && !isRunId(flags.runId)) throw new UsageError('--run-id must look like 20261128T041813Z');
      requireFile('--cv', flags.cv);
      if (flags.config) requireFile('--config', flags.config);
      if (flags.decisions) requireFile('--decisions', flags.decisions);
      const store = await storeFrom(flags);
      try {
        checkGivenDocuments(ARXIV_OPTION, flags.arxiv);
        checkGivenDocuments(DBLP_OPTION, flags.dblp);
        const { report, published } = await usingStore(store, () =>
          reconcileFiles({
            cvFile: flags.cv,
            ...(flags.config ? { configFile: flags.config } : {}),
            ...(flags.decisions ? { decisionsFile: flags.decisions } : {}),
            arxivFiles: flags.arxiv,
            dblpFiles: flags.dblp,
            store,
            runId: flags.runId ?? runIdFor(now),
            now,
          }),
        );
        const s = report.summary;
        process.stdout.write(
          flags.json
            ? `${JSON.stringify({ summary: s, sources: report.sources, keys: published.keys }, null, 2)}\n`
            : `${report.profile}: ${s.linkedWorks}/${count(s.canonicalWorks, 'canonical work')} linked, ${count(s.pendingCandidates, 'candidate')}, ${count(s.pendingDifferences, 'difference')}, ${count(s.versionEvents, 'version event')}\n` +
                report.sources.map((h) => `  ${h.source}: ${h.status}, ${count(h.records, 'record')}${h.reasons.length ? ` (${h.reasons.join('; ')})` : ''}\n`).join('') +
                published.keys.map((k) => `  ${k.written ? 'wrote' : 'kept '} ${locationOf(store.description, k.key)} (${count(k.bytes, 'byte')})\n`).join(''),
        );
      } catch (e) {
        if (!(e instanceof InputError) || !flags.json) throw e;
        // --json: the problems as structured issues on stdout, as `parse` gives them.
        process.stdout.write(`${JSON.stringify({ error: 'invalid input: nothing was published', issues: e.issues }, null, 2)}\n`);
        setExit(EXIT.INVALID_INPUT);
      }
    });
}
