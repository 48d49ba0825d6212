/**
 * Records the owner's answers in the canonical records (decisions.json, and
 * cv.json for accept-theirs and accepted candidates), guarded so that no
 * decision is ever lost to a concurrent session (two laptops, one bucket):
 *
 * - every write is conditional on the version read (If-Match / If-None-Match);
 * - when another session wrote first, both files are read again and the answers
 *   re-applied on the fresh text (decisions are keyed by item; cv.json edits are
 *   idempotent: a value already accepted or a work already inserted is left);
 * - only a true conflict is refused: an item the other session decided
 *   differently since this session started, or a value it changed under a
 *   pending accept-theirs. The other answers are still recorded;
 * - a session's effects land together or not at all: cv.json is written first
 *   and decisions.json last (the commit); when the decisions write loses, the
 *   session retries after a random wait (many sessions at once get through in
 *   turn), and when it gives up it undoes its cv.json write (If-Match on the
 *   ETag it wrote). Only when another session has already built on that
 *   cv.json (so the edit cannot be taken back) does it keep trying past the
 *   limit, up to a hard one: an accepted work never stays without its decision.
 */
import { decisionsFile, NO_DECISIONS, type Decision, type Decisions } from '../canonical/decisions.ts';
import { guardFor, type CanonicalHome, type RecordText } from '../canonical/canonical-home.ts';
import { loadCv } from '../canonical/load.ts';
import { parseJsonDocument } from '../input/json-document.ts';
import { validateDocument } from '../input/validate.ts';
import type { Report } from '../model/report.ts';
import { PreconditionFailedError } from '../store/store.ts';
import { acceptTheirs, isAccepted, StaleRecordError } from './accept-theirs.ts';
import { insertCandidate, isInCv } from './accept-candidate.ts';
import { acceptedVersionOf, applyAcceptVersion, isVersionAccepted } from './accept-version.ts';
import type { PublishedProfile } from '../model/profile.ts';
import { withDecision, withoutDecision } from './decisions-text.ts';
import { undoWorkEdit, workEditBetween } from './work-edit.ts';
import { recordDecision, ReviewError, type Action } from './pending.ts';

export interface Answer {
  readonly id: string;
  /** An answer, or "undo": the item's decision and its cv.json edit are taken back (it is pending again). */
  readonly action: Action | 'undo';
}

/** What the session read when it started (the base its answers were given on). */
export interface SessionStart {
  readonly cv: RecordText;
  readonly decisions: RecordText | undefined;
}

export interface AnswerOutcome {
  readonly id: string;
  readonly action: Action | 'undo';
  /** recorded; already (another session gave the same answer); conflict (not recorded: `detail` says why). */
  readonly result: 'recorded' | 'already' | 'conflict';
  readonly detail?: string;
}

export interface RecordResult {
  readonly outcomes: readonly AnswerOutcome[];
  readonly cvWritten: boolean;
  readonly decisionsWritten: boolean;
  /** 1 when nobody else wrote in between. */
  readonly attempts: number;
}

export async function startSession(home: CanonicalHome, profile: string): Promise<SessionStart> {
  const cv = await home.read(profile, 'cv.json');
  if (!cv) throw new ReviewError(`no canonical records for ${profile} at ${home.where(profile, 'cv.json')}`);
  return { cv, decisions: await home.read(profile, 'decisions.json') };
}

function parseDecisions(home: CanonicalHome, profile: string, read: RecordText | undefined): Decisions {
  return read === undefined || read.text.trim() === '' ? NO_DECISIONS : validateDocument(parseJsonDocument(home.where(profile, 'decisions.json'), read.text), decisionsFile);
}

/** Usage errors, before anything is read or written: unknown items, answers that do not fit, two answers for one item. */
export function checkAnswers(report: Report, answers: readonly Answer[]): void {
  const conflicting = [...new Set(answers.filter((a) => answers.some((b) => b.id === a.id && b.action !== a.action)).map((a) => a.id))];
  if (conflicting.length > 0) throw new ReviewError(`conflicting decisions for ${conflicting.join(', ')}: give one answer per item (nothing was written)`);
  for (const a of answers) if (a.action !== 'undo') recordDecision(NO_DECISIONS, report, a.id, a.action, '');
}

/** Attempts before a session gives up (undoing its cv.json write). */
const MAX_ATTEMPTS = 12;
/** Attempts while this session's cv.json edit is under another session's and cannot be undone. */
const MAX_ATTEMPTS_COMMITTED = 40;

/** Before attempt n ≥ 2: a random wait of up to 20 ms · 2^(n−2), at most 1 s, so that sessions that lost together do not collide again. */
const backoff = (attempt: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.random() * Math.min(1000, 20 * 2 ** (attempt - 2))));

/** A session that gave up: `detail` says what of it is in the records (nothing, or an edit carried by another session's cv.json). */
export class ReviewNotRecordedError extends PreconditionFailedError {
  constructor(
    key: string,
    readonly detail: string,
  ) {
    super(key, 'If-Match');
    this.message = `${key}: ${detail}`;
    this.name = 'ReviewNotRecordedError';
  }
}

/**
 * `published` is the profile currently published: an accepted "now published" event takes the
 * published version's facts (venue, year, IDs) from its linked versions.
 */
export async function recordAnswers(home: CanonicalHome, profile: string, report: Report, answers: readonly Answer[], started: SessionStart, now: string, published?: PublishedProfile): Promise<RecordResult> {
  checkAnswers(report, answers);
  const seen = new Map(parseDecisions(home, profile, started.decisions).decisions.map((d) => [d.item, d]));
  const cvWhere = home.where(profile, 'cv.json');
  /** This session's cv.json write not yet followed by its decisions: what to undo on giving up (the text before, the ETag written). */
  let written: { readonly before: string; readonly etag: string } | undefined;
  /** Whether another session's cv.json carries this session's edit (it wrote over this session's write). */
  let carried = false;
  const decisionsWhere = home.where(profile, 'decisions.json');
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) await backoff(attempt);
    const cvRead = attempt === 1 ? started.cv : await home.read(profile, 'cv.json');
    if (!cvRead) throw new ReviewError(`${cvWhere} was removed while reviewing; nothing was written`);
    const decRead = attempt === 1 ? started.decisions : await home.read(profile, 'decisions.json');
    const fresh = parseDecisions(home, profile, decRead);
    const current = new Map(fresh.decisions.map((d) => [d.item, d]));
    let cvText = cvRead.text;
    let cv = loadCv(cvWhere, cvText, profile);
    let decisions = fresh;
    let decText = decRead?.text;
    const outcomes: AnswerOutcome[] = [];
    for (const { id, action } of answers) {
      const theirs = current.get(id);
      const mine = seen.get(id);
      if (theirs && (!mine || theirs.action !== mine.action || theirs.at !== mine.at)) {
        // Decided by another session since this one started.
        outcomes.push(theirs.action === action ? { id, action, result: 'already' } : { id, action, result: 'conflict', detail: `decided "${theirs.action}" at ${theirs.at} by another session` });
        continue;
      }
      const prior = decisions.decisions.find((d) => d.item === id);
      if (action === 'undo') {
        if (!prior) {
          outcomes.push({ id, action, result: 'conflict', detail: 'it is not decided (nothing to undo)' });
          continue;
        }
        try {
          if (prior.edit) cvText = undoWorkEdit(cvText, prior.edit, id);
          cv = loadCv(cvWhere, cvText, profile);
        } catch (e) {
          if (!(e instanceof StaleRecordError)) throw e;
          outcomes.push({ id, action, result: 'conflict', detail: e.message });
          continue;
        }
        decisions = { ...decisions, decisions: decisions.decisions.filter((d) => d.item !== id) };
        decText = withoutDecision(decText, id);
        outcomes.push({ id, action, result: 'recorded', detail: `was ${prior.action} at ${prior.at}` });
        continue;
      }
      if (prior && prior.action === action) {
        outcomes.push({ id, action, result: 'already', detail: `decided "${prior.action}" at ${prior.at}` });
        continue;
      }
      const cvBefore = cvText;
      try {
        // A changed decision first takes the earlier one's cv.json edit back (the same minimal edit, reversed).
        if (prior?.edit) {
          cvText = undoWorkEdit(cvText, prior.edit, id);
          cv = loadCv(cvWhere, cvText, profile);
        }
        if (action === 'accept-theirs') {
          const diff = report.differences.find((d) => d.id === id)!;
          if (!isAccepted(cv, diff)) cvText = acceptTheirs(cvText, cv, diff);
        } else if (action === 'accept') {
          const candidate = report.candidates.find((c) => c.id === id);
          const event = report.events.find((e) => e.id === id);
          if (candidate && !isInCv(cv, candidate)) cvText = insertCandidate(cvText, cv, candidate);
          else if (event && !isVersionAccepted(cv, event)) cvText = applyAcceptVersion(cvText, cv, event, acceptedVersionOf(event, published));
        }
        cv = loadCv(cvWhere, cvText, profile); // every edit must leave valid records before it replaces the truth
      } catch (e) {
        if (!(e instanceof StaleRecordError)) throw e;
        outcomes.push({ id, action, result: 'conflict', detail: e.message });
        continue;
      }
      const edit = workEditBetween(prior?.edit ? undoWorkEdit(cvBefore, prior.edit, id) : cvBefore, cvText);
      decisions = recordDecision(decisions, report, id, action, now, { ...(edit ? { edit } : {}), ...(prior ? { replaces: { action: prior.action, at: prior.at } } : {}) });
      decText = withDecision(decText, decisions.decisions[decisions.decisions.length - 1] as Decision);
      outcomes.push({ id, action, result: 'recorded' });
    }
    if (decText !== undefined) validateDocument(parseJsonDocument(home.where(profile, 'decisions.json'), decText), decisionsFile);
    // This session's cv.json write, overwritten since by another session: that text carries the edit, which is no longer this session's to take back.
    if (written && cvRead.etag !== written.etag) {
      written = undefined;
      carried = true;
    }
    try {
      // cv.json first, decisions.json last: the decisions write is the commit.
      const cvWritten = cvText !== cvRead.text;
      if (cvWritten) written = { before: cvRead.text, etag: await home.write(profile, 'cv.json', cvText, guardFor(cvRead)) };
      const decisionsWritten = decText !== undefined && decText !== decRead?.text;
      if (decText !== undefined && decisionsWritten) await home.write(profile, 'decisions.json', decText, guardFor(decRead));
      return { outcomes, cvWritten: cvWritten || written !== undefined || carried, decisionsWritten, attempts: attempt };
    } catch (e) {
      if (!(e instanceof PreconditionFailedError)) {
        if (written) await undoCv(home, profile, written);
        throw e;
      }
      if (attempt < MAX_ATTEMPTS) continue;
      if (written) {
        if (await undoCv(home, profile, written)) throw new ReviewNotRecordedError(decisionsWhere, `other sessions kept writing first (${attempt} attempts); nothing of this session was recorded (its ${cvWhere} edit was taken back)`);
        written = undefined;
        carried = true;
      }
      if (!carried) throw new ReviewNotRecordedError(decisionsWhere, `other sessions kept writing first (${attempt} attempts); nothing of this session was recorded`);
      if (attempt >= MAX_ATTEMPTS_COMMITTED) throw new ReviewNotRecordedError(decisionsWhere, `other sessions kept writing first (${attempt} attempts); ${cvWhere} holds this session's edit under another session's, but its decision is not recorded: run review again to record it`);
    }
  }
}

/** Takes this session's cv.json write back, if nobody wrote over it since; whether it did. */
async function undoCv(home: CanonicalHome, profile: string, written: { readonly before: string; readonly etag: string }): Promise<boolean> {
  try {
    await home.write(profile, 'cv.json', written.before, { ifMatch: written.etag });
    return true;
  } catch (e) {
    if (e instanceof PreconditionFailedError) return false;
    throw e;
  }
}
