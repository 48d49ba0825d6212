import type { Command } from 'commander';
import { runIdFor, isRunId } from '../pipeline/run-id.ts';
import { runSync, type SyncResult } from '../pipeline/sync.ts';
import { storeHome } from '../canonical/canonical-home.ts';
import { localDrift } from '../pipeline/records/local-drift.ts';
import { addStoreOptions, storeFrom, type StoreFlags } from './store-options.ts';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.ts';

interface SyncFlags extends StoreFlags {
  profile: string[];
  data: string;
  offline: boolean;
  arxivUrl?: string;
  dblpUrl?: string;
  runId?: string;
  json: boolean;
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerSync(program: Command, setExit: (code: number) => void): void {
  const cmd = program.command('sync');
  addStoreOptions(cmd)
    .description('fetch arXiv and dblp, reconcile with the canonical records, and publish each profile to the store')
    .option('-p, --profile <id>', "profile to sync (repeatable); default: every folder in <data>/profiles, or with --bucket every active profile in the bucket's canonical/", collect, [])
    .option('--data <dir>', 'folder holding profiles/<id>/ (canonical records) and recordings/<id>/', 'data')
    .option('--offline', 'replay recorded source responses from <data>/recordings/<id>/ instead of the network', false)
    .option('--arxiv-url <url>', 'arXiv API endpoint (default https://export.arxiv.org/api/query)')
    .option('--dblp-url <url>', 'dblp base URL (default https://dblp.org; mirrors: https://dblp.uni-trier.de)')
    .option('--run-id <id>', 'run id (default: from the current time, e.g. 20261128T041813Z)')
    .option('--json', 'print the summary as JSON on stdout', false)
    .addHelpText('after', `\nWithout --offline the sources are contacted politely: one arXiv request at a time, at\nleast 3 s apart; one dblp request at a time, at least 1 s apart, honouring Retry-After.\n${EXIT_CODES_HELP}`)
    .action(async (flags: SyncFlags) => {
      if (flags.runId !== undefined && !isRunId(flags.runId)) {
        process.stderr.write(`profile-sync: --run-id must look like 20261128T041813Z\n`);
        setExit(EXIT.USAGE);
        return;
      }
      const now = new Date();
      const store = storeFrom(flags);
      const result = await runSync({
        dataDir: flags.data,
        store,
        profiles: flags.profile,
        // With --bucket the records are the bucket's (canonical/), as the nightly run reads them: one truth.
        records: flags.bucket ? 'store' : 'data',
        runId: flags.runId ?? runIdFor(now),
        now,
        sources: flags.offline
          ? { kind: 'replay' }
          : { kind: 'live', ...(flags.arxivUrl ? { arxivUrl: flags.arxivUrl } : {}), ...(flags.dblpUrl ? { dblpUrl: flags.dblpUrl } : {}) },
        progress: (line) => process.stderr.write(`${line}\n`),
      });
      if (flags.bucket) {
        // Local edits that are not pushed are not published: say so, so the owner is not surprised.
        for (const p of result.profiles) {
          const drift = await localDrift(flags.data, storeHome(store), p.profile).catch(() => []);
          for (const line of drift) process.stderr.write(`[${p.profile}] not used: ${line}\n`);
          if (drift.length > 0) process.stderr.write(`[${p.profile}] sync --bucket publishes the bucket's records; push your edits first (profile-sync push -p ${p.profile} --bucket ${flags.bucket})\n`);
        }
      }
      process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : summary(result));
      setExit(result.profiles.some((p) => p.status === 'invalid') ? EXIT.INVALID_INPUT : EXIT.OK);
    });
}

function summary(result: SyncResult): string {
  const lines = [`run ${result.runId} → ${result.store}`];
  for (const p of result.profiles) {
    if (p.status === 'published') {
      lines.push(`  ${p.profile}: ${p.publications} publications, ${p.talks} talks; profile ${p.profileChanged ? 'updated' : 'unchanged'}`);
      for (const [name, s] of Object.entries(p.sources)) {
        lines.push(`    ${name.padEnd(5)} ${s.status} (${s.mode}): ${s.requests} requests, ${s.documents} documents, ${s.records} records`);
      }
      const r = p.review;
      lines.push(`    to review: ${r.pending} (${r.candidates} new candidates, ${r.differences} upstream differences, ${r.events} version events)`);
      lines.push(`    report: ${result.store}/${r.report}`);
      lines.push(`    wrote: ${writtenNames(p.keys)}`);
    } else {
      lines.push(`  ${p.profile}: INVALID, nothing published (${p.errors.length} problem${p.errors.length === 1 ? '' : 's'})`);
      for (const e of p.errors) lines.push(`    ${e}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Written keys by file name; the Hugo Blox bundles as one count (a file per work would fill the screen). */
function writtenNames(keys: ReadonlyArray<{ readonly key: string; readonly written: boolean }>): string {
  const written = keys.filter((k) => k.written);
  const bundles = written.filter((k) => k.key.includes('/hugo-blox/publications/')).length;
  const names = written.filter((k) => !k.key.includes('/hugo-blox/publications/')).map((k) => k.key.split('/').slice(-1)[0]);
  if (bundles > 0) names.splice(Math.max(0, names.indexOf('hugo-blox.zip')), 0, `hugo-blox/publications/ (${bundles} files)`);
  return names.join(', ');
}
