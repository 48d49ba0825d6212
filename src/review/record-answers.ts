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
 *   pending accept-theirs. The other answers are still recorded.
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
import { withDecision } from './decisions-text.ts';
import { recordDecision, ReviewError, type Action } from './pending.ts';

export interface Answer {
  readonly id: string;
  readonly action: Action;
}

/** What the session read when it started (the base its answers were given on). */
export interface SessionStart {
  readonly cv: RecordText;
  readonly decisions: RecordText | undefined;
}

export interface AnswerOutcome {
  readonly id: string;
  readonly action: Action;
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
  for (const a of answers) recordDecision(NO_DECISIONS, report, a.id, a.action, '');
}

const MAX_ATTEMPTS = 5;

/**
 * `published` is the profile currently published: an accepted "now published" event takes the
 * published version's facts (venue, year, IDs) from its linked versions.
 */
export async function recordAnswers(home: CanonicalHome, profile: string, report: Report, answers: readonly Answer[], started: SessionStart, now: string, published?: PublishedProfile): Promise<RecordResult> {
  checkAnswers(report, answers);
  const seen = new Map(parseDecisions(home, profile, started.decisions).decisions.map((d) => [d.item, d]));
  const cvWhere = home.where(profile, 'cv.json');
  for (let attempt = 1; ; attempt++) {
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
      try {
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
      decisions = recordDecision(decisions, report, id, action, now);
      decText = withDecision(decText, decisions.decisions[decisions.decisions.length - 1] as Decision);
      outcomes.push({ id, action, result: 'recorded' });
    }
    if (decText !== undefined) validateDocument(parseJsonDocument(home.where(profile, 'decisions.json'), decText), decisionsFile);
    try {
      // cv.json first: if the decisions write then loses, the next attempt finds the edit made and leaves it.
      const cvWritten = cvText !== cvRead.text;
      if (cvWritten) await home.write(profile, 'cv.json', cvText, guardFor(cvRead));
      const decisionsWritten = decText !== undefined && decText !== decRead?.text;
      if (decText !== undefined && decisionsWritten) await home.write(profile, 'decisions.json', decText, guardFor(decRead));
      return { outcomes, cvWritten, decisionsWritten, attempts: attempt };
    } catch (e) {
      if (!(e instanceof PreconditionFailedError) || attempt >= MAX_ATTEMPTS) throw e;
    }
  }
}
