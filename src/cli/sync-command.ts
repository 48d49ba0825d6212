import type { Command } from 'commander';
import type { SyncResult } from '../pipeline/sync.ts';
import { runIdFor, isRunId } from '../pipeline/run-id.ts';
import { formatIssue } from '../input/input-error.ts';
import { count } from '../text/count.ts';
import { addStoreOptions, locationOf, storeFrom, usingStore, type StoreFlags } from './store-options.ts';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.ts';
import { checkedProfileIds, chooseProfiles } from './profile-choice.ts';
import { UsageError } from './usage-error.ts';
import { realClock } from '../sources/clock.ts';

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

function sourceUrl(option: string, url: string | undefined): string | undefined {
  if (url !== undefined && !/^https?:\/\/[^\s/]+/i.test(url)) throw new UsageError(`${option} ${JSON.stringify(url)} is not an http(s) URL`);
  return url;
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
    .addHelpText('after', `\nWithout --offline the sources are contacted politely: one arXiv request at a time, at\nleast 3 s apart; one dblp request at a time, at least 1 s apart, honouring Retry-After.\nEach request and retry is shown on stderr as it happens.\n${EXIT_CODES_HELP}`)
    .action(async (flags: SyncFlags) => {
      const { runSync } = await import('../pipeline/sync.ts');
      const { storeHome } = await import('../canonical/canonical-home.ts');
      const { localDrift } = await import('../pipeline/records/local-drift.ts');
      if (flags.runId !== undefined && !isRunId(flags.runId)) throw new UsageError('--run-id must look like 20261128T041813Z');
      const arxivUrl = sourceUrl('--arxiv-url', flags.arxivUrl);
      const dblpUrl = sourceUrl('--dblp-url', flags.dblpUrl);
      // Profiles in data/profiles are checked against its folders; a bucket's are checked for their form here, and found (or not) there.
      const profiles = flags.bucket ? checkedProfileIds(flags.profile) : await chooseProfiles(flags.data, flags.profile);
      const store = await storeFrom(flags);
      const now = new Date();
      const result = await usingStore(store, () =>
        runSync({
          dataDir: flags.data,
          store,
          profiles,
          // With --bucket the records are the bucket's (canonical/), as the nightly run reads them: one truth.
          records: flags.bucket ? 'store' : 'data',
          runId: flags.runId ?? runIdFor(now),
          now,
          clock: realClock,
          sources: flags.offline ? { kind: 'replay' } : { kind: 'live', ...(arxivUrl ? { arxivUrl } : {}), ...(dblpUrl ? { dblpUrl } : {}) },
          progress: (line) => process.stderr.write(`${line}\n`),
        }),
      );
      if (flags.bucket) {
        // Local edits that are not pushed are not published: say so, so the owner is not surprised.
        for (const p of result.profiles) {
          const drift = await localDrift(flags.data, storeHome(store), p.profile).catch(() => []);
          for (const line of drift) process.stderr.write(`[${p.profile}] not used: ${line}\n`);
          if (drift.length > 0) process.stderr.write(`[${p.profile}] sync --bucket publishes the bucket's records; push your edits first (profile-sync push -p ${p.profile} --bucket ${flags.bucket})\n`);
        }
      }
      process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : summary(result));
      // Problems are failures: one line each on stderr, where a person and a script look for them (--json: structured on stdout).
      if (!flags.json) for (const p of result.profiles) if (p.status === 'invalid') for (const e of p.errors) process.stderr.write(`profile-sync sync: ${formatIssue(e)}\n`);
      setExit(result.profiles.some((p) => p.status === 'invalid') ? EXIT.INVALID_INPUT : EXIT.OK);
    });
}

function summary(result: SyncResult): string {
  const lines = [`run ${result.runId} → ${result.store}`];
  for (const p of result.profiles) {
    if (p.status === 'published') {
      lines.push(`  ${p.profile}: ${count(p.publications, 'publication')}, ${count(p.talks, 'talk')}; profile ${p.profileChanged ? 'updated' : 'unchanged'}`);
      for (const [name, s] of Object.entries(p.sources)) {
        lines.push(`    ${name.padEnd(5)} ${s.status} (${s.mode}): ${count(s.requests, 'request')}, ${count(s.documents, 'document')}, ${count(s.records, 'record')}`);
      }
      const r = p.review;
      lines.push(`    to review: ${r.pending} (${count(r.candidates, 'new candidate')}, ${count(r.differences, 'upstream difference')}, ${count(r.events, 'version event')})`);
      lines.push(`    report: ${locationOf(result.store, r.report)}`);
      lines.push(`    public: ${locationOf(result.store, `public/${p.profile}/`)} (profile.json and the citation files the website reads)`);
      lines.push(`    wrote: ${writtenNames(p.keys)}`);
    } else {
      lines.push(`  ${p.profile}: INVALID, nothing published (${count(p.errors.length, 'problem')}, each on stderr)`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Written keys by file name; the Hugo Blox bundles and the landing pages as one count each (a file per work would fill the screen). */
function writtenNames(keys: ReadonlyArray<{ readonly key: string; readonly written: boolean }>): string {
  const written = keys.filter((k) => k.written);
  const perWork = (k: { readonly key: string }) => k.key.includes('/hugo-blox/publications/') || /^public\/[^/]+\/papers\//.test(k.key);
  const bundles = written.filter((k) => k.key.includes('/hugo-blox/publications/')).length;
  const pages = written.filter((k) => /^public\/[^/]+\/papers\//.test(k.key)).length;
  const names = written.filter((k) => !perWork(k)).map((k) => k.key.split('/').slice(-1)[0]);
  if (bundles > 0) names.splice(Math.max(0, names.indexOf('hugo-blox.zip')), 0, `hugo-blox/publications/ (${bundles} files)`);
  if (pages > 0) names.splice(Math.max(0, names.indexOf('hugo-blox.zip') + 1), 0, `papers/ (${pages} files)`);
  return names.join(', ');
}
