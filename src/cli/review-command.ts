/**
 * `profile-sync review`: lists what the latest report asks the owner to decide
 * and records the answers (flags for scripts, prompts in a terminal).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { loadCv } from '../canonical/load.ts';
import { decisionsPath, loadDecisions } from '../canonical/profile-input.ts';
import { stableJson } from '../publish/json-schemas.ts';
import { DECISIONS_SCHEMA_VERSION, type Decisions } from '../canonical/decisions.ts';
import type { Report } from '../model/report.ts';
import { applyAcceptTheirs } from '../review/accept-theirs.ts';
import { acceptedVersionOf, applyAcceptVersion } from '../review/accept-version.ts';
import { readPreviousProfile } from '../model/read-profile.ts';
import { pendingItems, recordDecision, ReviewError, type Action } from '../review/pending.ts';
import type { Store } from '../store/store.ts';
import { addStoreOptions, storeFrom, type StoreFlags } from './store-options.ts';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.ts';
import { collect } from './sync-command.ts';

interface ReviewFlags extends StoreFlags {
  profile?: string;
  data: string;
  accept: string[];
  reject: string[];
  keepMine: string[];
  acceptTheirs: string[];
  json: boolean;
}

async function latestReport(store: Store, profile: string): Promise<Report> {
  const latest = await store.get(`reports/${profile}/latest.json`);
  if (!latest) throw new ReviewError(`no report for ${profile} in ${store.description}; run profile-sync sync first`);
  const pointer = JSON.parse(new TextDecoder().decode(latest.body)) as { report: { json: string } };
  const obj = await store.get(pointer.report.json);
  if (!obj) throw new ReviewError(`${pointer.report.json} is missing from ${store.description}`);
  return JSON.parse(new TextDecoder().decode(obj.body)) as Report;
}

export function registerReview(program: Command, setExit: (code: number) => void): void {
  const cmd = program.command('review');
  addStoreOptions(cmd)
    .description('list the items of the latest report that need a decision, and record decisions by item id')
    .option('-p, --profile <id>', 'profile (default: the only one under <data>/profiles)')
    .option('--data <dir>', 'data folder (decisions.json and cv.json are written there)', 'data')
    .option('--accept <id>', 'accept a candidate work (repeatable)', collect, [])
    .option('--reject <id>', 'reject a candidate work, and its other versions (repeatable)', collect, [])
    .option('--keep-mine <id>', 'keep the canonical value of a difference, or acknowledge an event (repeatable)', collect, [])
    .option('--accept-theirs <id>', "write the source's value into cv.json (repeatable)", collect, [])
    .option('--json', 'list pending items as JSON', false)
    .addHelpText('after', `\nWithout decision flags: prompts for each pending item in a terminal, else lists them.\n${EXIT_CODES_HELP}`)
    .action(async (flags: ReviewFlags) => {
      const profile = flags.profile ?? (await onlyProfile(flags.data));
      const store = storeFrom(flags);
      let report: Report;
      try {
        report = await latestReport(store, profile);
      } catch (e) {
        if (!(e instanceof ReviewError)) throw e;
        process.stderr.write(`profile-sync review: ${e.message}\n`);
        setExit(EXIT.INVALID_INPUT);
        return;
      }
      const file = decisionsPath(flags.data, profile);
      let decisions: Decisions = await loadDecisions(file);
      const answers: Array<[string, Action]> = [
        ...flags.accept.map((id) => [id, 'accept'] as [string, Action]),
        ...flags.reject.map((id) => [id, 'reject'] as [string, Action]),
        ...flags.keepMine.map((id) => [id, 'keep-mine'] as [string, Action]),
        ...flags.acceptTheirs.map((id) => [id, 'accept-theirs'] as [string, Action]),
      ];
      const pending = pendingItems(report, decisions);
      if (answers.length === 0 && process.stdin.isTTY && !flags.json) answers.push(...(await prompt(pending)));
      if (answers.length === 0) {
        if (flags.json) process.stdout.write(`${JSON.stringify({ runId: report.runId, pending }, null, 2)}\n`);
        else {
          process.stdout.write(`${pending.length} item(s) pending in report ${report.runId}:\n`);
          for (const p of pending) process.stdout.write(`  ${p.id}\n    ${p.summary}\n    → ${p.actions.map((a) => `--${a} ${p.id}`).join(' | ')}\n`);
        }
        return;
      }
      try {
        const cvFile = join(flags.data, 'profiles', profile, 'cv.json');
        let cv = loadCv(cvFile, await readFile(cvFile, 'utf8'), profile);
        const now = new Date().toISOString();
        for (const [id, action] of answers) {
          decisions = recordDecision(decisions, report, id, action, now);
          if (action === 'accept-theirs') cv = applyAcceptTheirs(cv, report.differences.find((d) => d.id === id)!);
          process.stdout.write(`${action} ${id}\n`);
        }
        if (answers.some(([, a]) => a === 'accept-theirs')) {
          const text = stableJson(cv);
          loadCv(cvFile, text, profile); // the result must still be valid before it replaces the truth
          await writeFile(cvFile, text);
          process.stdout.write(`updated ${cvFile}\n`);
        }
        await acceptVersions(store, profile, cvFile, report, answers);
        await writeFile(file, stableJson({ $schema: '../../../schemas/decisions.schema.json', schemaVersion: DECISIONS_SCHEMA_VERSION, decisions: decisions.decisions }));
        process.stdout.write(`recorded ${answers.length} decision(s) in ${file}\n`);
      } catch (e) {
        if (!(e instanceof ReviewError)) throw e;
        process.stderr.write(`profile-sync review: ${e.message}\n`);
        setExit(EXIT.USAGE);
      }
    });
}

/** Accepted "now published" events: cv.json is edited in place (only the decided bytes), then checked before it is written. */
async function acceptVersions(store: Store, profile: string, cvFile: string, report: Report, answers: ReadonlyArray<[string, Action]>): Promise<void> {
  const events = answers.filter(([, a]) => a === 'accept').map(([id]) => report.events.find((e) => e.id === id && e.kind === 'published')).filter((e) => e !== undefined);
  if (events.length === 0) return;
  const published = await readPreviousProfile(store, profile);
  let text = await readFile(cvFile, 'utf8');
  for (const event of events) text = applyAcceptVersion(text, loadCv(cvFile, text, profile), event, acceptedVersionOf(event, published));
  loadCv(cvFile, text, profile); // the result must still be valid before it replaces the truth
  await writeFile(cvFile, text);
  process.stdout.write(`updated ${cvFile}: ${events.map((e) => `${e.workId} is now its published version`).join('; ')}\n`);
}

async function onlyProfile(dataDir: string): Promise<string> {
  const { listProfiles } = await import('../canonical/profile-input.ts');
  const all = await listProfiles(dataDir);
  if (all.length !== 1) throw new ReviewError(`several profiles under ${dataDir}/profiles: choose one with --profile`);
  return all[0]!;
}

async function prompt(pending: ReturnType<typeof pendingItems>): Promise<Array<[string, Action]>> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answers: Array<[string, Action]> = [];
  try {
    for (const p of pending) {
      const keys = p.actions.map((a) => `${a[0] === 'k' ? 'k' : a === 'accept-theirs' ? 't' : a[0]}=${a}`).join(', ');
      const got = (await rl.question(`\n${p.summary}\n${p.id}\n[${keys}, s=skip, q=quit] > `)).trim().toLowerCase();
      if (got === 'q') break;
      const action = p.actions.find((a) => (a === 'accept-theirs' ? 't' : a[0]) === got);
      if (action) answers.push([p.id, action]);
    }
  } finally {
    rl.close();
  }
  return answers;
}
