/** What `profile-sync review` does once its flags are parsed (src/cli/review-command.ts declares them). */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folderHome, storeHome, type CanonicalHome } from '../canonical/canonical-home.ts';
import { decisionsFile, NO_DECISIONS } from '../canonical/decisions.ts';
import { listProfiles } from '../canonical/profile-input.ts';
import { formatIssue, InputError } from '../input/input-error.ts';
import { parseJsonDocument } from '../input/json-document.ts';
import { validateDocument } from '../input/validate.ts';
import { readPreviousProfile } from '../model/read-profile.ts';
import type { Report } from '../model/report.ts';
import { latestPointer, latestReport } from '../review/latest-report.ts';
import { pendingItems, ReviewError, type Action } from '../review/pending.ts';
import { checkAnswers, recordAnswers, ReviewNotRecordedError, startSession, type Answer } from '../review/record-answers.ts';
import { PreconditionFailedError, type Store } from '../store/store.ts';
import { EXIT } from './exit-codes.ts';
import { promptAnswers } from './review-prompt.ts';
import { storeFrom, type StoreFlags } from './store-options.ts';
import { checkedProfileIds } from './profile-choice.ts';
import { shellWord } from '../text/shell-word.ts';
import { UsageError } from './usage-error.ts';

export interface ReviewFlags extends StoreFlags {
  profile?: string;
  data: string;
  accept: string[];
  reject: string[];
  keepMine: string[];
  acceptTheirs: string[];
  ack: string[];
  undo: string[];
  json: boolean;
  /** --open: true; --no-open (with --web): false; neither: undefined. */
  open?: boolean;
  web: boolean;
  port: string;
  keys?: string;
  idle: string;
}

export async function runReview(flags: ReviewFlags, setExit: (code: number) => void): Promise<void> {
  const store = await storeFrom(flags);
  const home = flags.bucket ? storeHome(store) : folderHome(flags.data);
  try {
    // A given id is checked before any key or path is built from it (`-p ../x` is a usage error).
    const profile = flags.profile !== undefined ? checkedProfileIds([flags.profile])[0]! : await onlyProfile(home, flags);
    if (flags.web && [flags.accept, flags.reject, flags.keepMine, flags.acceptTheirs, flags.ack, flags.undo].some((ids) => ids.length > 0)) throw new UsageError('--web answers in the browser: give the decisions there, or drop --web');
    if (flags.web && (flags.json || flags.open === true)) throw new UsageError('--web serves the review page: --json and --open do not go with it');
    if (flags.web) {
      const { reviewWeb } = await import('./review-web-command.ts');
      return await reviewWeb(flags, store, home, profile, flags.open === false ? undefined : openerFor(process.platform, process.env));
    }
    if (flags.open) return await openReport(store, profile);
    await review(flags, store, home, profile, setExit);
  } catch (e) {
    if (e instanceof ReviewError) {
      process.stderr.write(`profile-sync review: ${e.message}\n`);
      setExit(EXIT.USAGE);
    } else if (e instanceof InputError) {
      process.stderr.write(`profile-sync review: invalid records; nothing was written:\n${e.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}\n`);
      setExit(EXIT.INVALID_INPUT);
    } else if (e instanceof ReviewNotRecordedError) {
      process.stderr.write(`profile-sync review: ${e.message}. Run review again.\n`);
      setExit(EXIT.CONFLICT);
    } else if (e instanceof PreconditionFailedError) {
      process.stderr.write(`profile-sync review: other sessions kept writing ${e.key}; your answers were not recorded. Run review again.\n`);
      setExit(EXIT.CONFLICT);
    } else throw e;
  }
}

async function review(flags: ReviewFlags, store: Store, home: CanonicalHome, profile: string, setExit: (code: number) => void): Promise<void> {
  let report: Report;
  try {
    report = await latestReport(store, profile);
  } catch (e) {
    if (!(e instanceof ReviewError)) throw e;
    process.stderr.write(`profile-sync review: ${e.message}\n`);
    setExit(EXIT.INVALID_INPUT);
    return;
  }
  const started = await startSession(home, profile);
  const decisions = started.decisions ? validateDocument(parseJsonDocument(home.where(profile, 'decisions.json'), started.decisions.text), decisionsFile) : NO_DECISIONS;
  const byFlag = (ids: string[], action: Action): Answer[] => ids.map((id) => ({ id, action }));
  const answers: Answer[] = [
    ...byFlag(flags.accept, 'accept'),
    ...byFlag(flags.reject, 'reject'),
    ...byFlag(flags.keepMine, 'keep-mine'),
    ...byFlag(flags.acceptTheirs, 'accept-theirs'),
    ...byFlag(flags.ack, 'ack'),
    ...flags.undo.map((id): Answer => ({ id, action: 'undo' })),
  ];
  // An answer for an item the report no longer lists because it was decided: say when and how, and how to change it.
  const undoCommand = (id: string) => `profile-sync review${flags.bucket ? ` -p ${profile} --bucket ${flags.bucket}` : ''} --undo ${shellWord(id)}`;
  for (const a of [...answers]) {
    const inReport = report.candidates.some((c) => c.id === a.id) || report.differences.some((d) => d.id === a.id) || report.events.some((e) => e.id === a.id);
    const prior = decisions.decisions.find((d) => d.item === a.id);
    if (a.action === 'undo' && !prior) throw new ReviewError(`${a.id} is not decided in ${home.where(profile, 'decisions.json')}: nothing to undo`);
    if (a.action === 'undo' || inReport || !prior) continue;
    if (prior.action !== a.action) throw new ReviewError(`${a.id} was decided already: ${prior.action} at ${prior.at}; to change it: ${undoCommand(a.id)} (the next sync proposes it again)`);
    process.stdout.write(`${a.action} ${a.id}: already decided so at ${prior.at} (to take it back: ${undoCommand(a.id)})\n`);
    answers.splice(answers.indexOf(a), 1);
    if (answers.length === 0) return;
  }
  checkAnswers(report, answers); // usage errors before any prompt or write
  const pending = pendingItems(report, decisions);
  let interrupted = false;
  if (answers.length === 0 && process.stdin.isTTY && !flags.json && pending.length > 0) {
    process.stdout.write(`${pending.length} item(s) to review in report ${report.runId} (answers go to ${home.where(profile, 'decisions.json')})\n`);
    const got = await promptAnswers(pending, process.stdin, process.stdout);
    answers.push(...got.answers);
    interrupted = got.interrupted;
    if (interrupted) process.stdout.write(`\ninterrupted: ${answers.length === 0 ? 'no answers to record' : `recording the ${answers.length} answer(s) given so far`}\n`);
    if (answers.length === 0) {
      if (interrupted) setExit(EXIT.INTERRUPTED);
      return;
    }
  }
  if (answers.length === 0) {
    if (flags.json) process.stdout.write(`${JSON.stringify({ runId: report.runId, pending }, null, 2)}\n`);
    else {
      process.stdout.write(`${pending.length} item(s) pending in report ${report.runId}:\n`);
      for (const p of pending) process.stdout.write(`  ${p.id}\n    ${p.summary}\n    → ${p.actions.map((a) => `--${a} ${shellWord(p.id)}`).join(' | ')}\n`);
    }
    return;
  }
  const result = await recordAnswers(home, profile, report, answers, started, new Date().toISOString(), await readPreviousProfile(store, profile));
  for (const o of result.outcomes) {
    if (o.result === 'recorded') process.stdout.write(o.action === 'undo' ? `undid ${o.id} (${o.detail ?? 'decided before'}): pending again\n` : `${o.action} ${o.id}\n`);
    else if (o.result === 'already') process.stdout.write(`${o.action} ${o.id}: already recorded (${o.detail ?? 'by another session'})\n`);
    else process.stderr.write(`not recorded: ${o.action} ${o.id}: ${o.detail}\n`);
  }
  if (result.cvWritten) process.stdout.write(`updated ${home.where(profile, 'cv.json')}\n`);
  const recorded = result.outcomes.filter((o) => o.result === 'recorded').length;
  process.stdout.write(`recorded ${recorded} decision(s) in ${home.where(profile, 'decisions.json')}${result.attempts > 1 ? ' (merged with decisions another session recorded meanwhile)' : ''}\n`);
  const conflicts = result.outcomes.filter((o) => o.result === 'conflict').length;
  if (conflicts > 0) {
    process.stderr.write(`profile-sync review: ${conflicts} answer(s) conflict with what another session recorded; the others were recorded. Run review again to see the current state.\n`);
    setExit(EXIT.CONFLICT);
  }
  if (interrupted) setExit(EXIT.INTERRUPTED);
}

async function onlyProfile(home: CanonicalHome, flags: ReviewFlags): Promise<string> {
  const all = flags.bucket ? await home.profiles() : await listProfiles(flags.data);
  if (all.length !== 1) throw new ReviewError(`${all.length === 0 ? 'no profiles' : 'several profiles'} in ${home.description}: choose one with --profile`);
  return all[0]!;
}

/** The command that opens a file in the desktop's browser, when there is a desktop. */
export function openerFor(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] | undefined {
  if (platform === 'darwin') return ['open'];
  if (platform === 'win32') return ['cmd', '/c', 'start', '""'];
  return env['DISPLAY'] || env['WAYLAND_DISPLAY'] ? ['xdg-open'] : undefined;
}

async function openReport(store: Store, profile: string): Promise<void> {
  const pointer = await latestPointer(store, profile);
  const html = await store.get(pointer.report.html);
  if (!html) throw new ReviewError(`${pointer.report.html} is missing from ${store.description}`);
  const dir = join(tmpdir(), 'profile-sync', profile, pointer.runId);
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'diff.html');
  await writeFile(file, html.body);
  const opener = openerFor(process.platform, process.env);
  if (opener) {
    const opened = await new Promise<boolean>((resolve) => {
      const child = spawn(opener[0]!, [...opener.slice(1), file], { stdio: 'ignore', detached: true });
      child.on('error', () => resolve(false));
      child.on('spawn', () => {
        child.unref();
        resolve(true);
      });
    });
    if (opened) {
      process.stdout.write(`opened ${file} (report ${pointer.runId})\n`);
      return;
    }
  }
  process.stdout.write(`${file}\n`);
  process.stderr.write(`the report of run ${pointer.runId} is at the path above (no browser could be opened here)\n`);
}
