/**
 * `profile-sync review`: lists what the latest report asks the owner to decide
 * and records the answers (flags for scripts, prompts in a terminal).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { loadCv } from '../canonical/load.ts';
import { decisionsPath, loadDecisions } from '../canonical/profile-input.ts';
import type { Decisions } from '../canonical/decisions.ts';
import { parseJsonDocument } from '../input/json-document.ts';
import { readTextIfExists } from '../input/read-if-exists.ts';
import { validateDocument } from '../input/validate.ts';
import { decisionsFile } from '../canonical/decisions.ts';
import type { Report } from '../model/report.ts';
import { acceptTheirs } from '../review/accept-theirs.ts';
import { withDecision } from '../review/decisions-text.ts';
import { writeFileAtomic } from '../store/atomic-file.ts';
import { pendingItems, recordDecision, ReviewError, type Action } from '../review/pending.ts';
import type { Store } from '../store/store.ts';
import { addStoreOptions, storeFrom, type StoreFlags } from './store-options.ts';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.ts';
import { collect } from './sync-command.ts';
import { chooseProfile } from './profile-choice.ts';

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
      const profile = await chooseProfile(flags.data, flags.profile); // a checked id: usage error (exit 2) otherwise
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
        const conflicting = answers.filter(([id, a]) => answers.some(([id2, a2]) => id2 === id && a2 !== a)).map(([id]) => id);
        if (conflicting.length > 0) throw new ReviewError(`conflicting decisions for ${[...new Set(conflicting)].join(', ')}: give one answer per item (nothing was written)`);
        // Every edit is made on the owner's text (only the decided bytes change) and validated
        // before anything is written; cv.json first, then decisions.json, each atomically: if the
        // second write fails, the next sync sees the accepted value as the canonical one and the
        // difference simply disappears.
        const cvFile = join(flags.data, 'profiles', profile, 'cv.json');
        const cvBefore = await readFile(cvFile, 'utf8');
        let cvText = cvBefore;
        let cv = loadCv(cvFile, cvText, profile);
        let decisionsText = await readTextIfExists(file);
        const now = new Date().toISOString();
        for (const [id, action] of answers) {
          decisions = recordDecision(decisions, report, id, action, now);
          decisionsText = withDecision(decisionsText, decisions.decisions[decisions.decisions.length - 1]!);
          if (action === 'accept-theirs') {
            cvText = acceptTheirs(cvText, cv, report.differences.find((d) => d.id === id)!);
            cv = loadCv(cvFile, cvText, profile); // the result must still be valid before it replaces the truth
          }
          process.stdout.write(`${action} ${id}\n`);
        }
        validateDocument(parseJsonDocument(file, decisionsText!), decisionsFile);
        if (cvText !== cvBefore) {
          await writeFileAtomic(cvFile, cvText);
          process.stdout.write(`updated ${cvFile}\n`);
        }
        await writeFileAtomic(file, decisionsText!);
        process.stdout.write(`recorded ${answers.length} decision(s) in ${file}\n`);
      } catch (e) {
        if (!(e instanceof ReviewError)) throw e;
        process.stderr.write(`profile-sync review: ${e.message}\n`);
        setExit(EXIT.USAGE);
      }
    });
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
