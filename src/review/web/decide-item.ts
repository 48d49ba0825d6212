/**
 * One answer from the page, recorded exactly as the CLI records it (recordAnswers: the same decisions.json
 * entry, the same minimal cv.json edit, the same conditional writes), after one more check the CLI needs not:
 * the page the answer was given on must still show the item as it is. When another session decided it (or
 * took its decision back) since that page was rendered, nothing is written and the owner is told.
 */
import type { CanonicalHome } from '../../canonical/canonical-home.ts';
import { decisionsFile, NO_DECISIONS, type Decisions } from '../../canonical/decisions.ts';
import { parseJsonDocument } from '../../input/json-document.ts';
import { validateDocument } from '../../input/validate.ts';
import { readPreviousProfile } from '../../model/read-profile.ts';
import type { Report } from '../../model/report.ts';
import type { Store } from '../../store/store.ts';
import { recordAnswers, startSession, type SessionStart } from '../record-answers.ts';
import { ACTION_LABELS, itemTitle, seenOf, type PageAction, type PageMessage } from './review-page.ts';

export const PAGE_ACTIONS = Object.keys(ACTION_LABELS) as PageAction[];
export const isPageAction = (a: string | null): a is PageAction => a !== null && (PAGE_ACTIONS as string[]).includes(a);

export function decisionsOf(home: CanonicalHome, profile: string, started: SessionStart): Decisions {
  return started.decisions && started.decisions.text.trim() !== '' ? validateDocument(parseJsonDocument(home.where(profile, 'decisions.json'), started.decisions.text), decisionsFile) : NO_DECISIONS;
}

export interface DecideResult {
  readonly status: 200 | 409;
  readonly message: PageMessage;
}

export async function decideItem(store: Store, home: CanonicalHome, profile: string, report: Report, item: string, action: PageAction, seen: string, now: number): Promise<DecideResult> {
  const started = await startSession(home, profile);
  const current = decisionsOf(home, profile, started).decisions.find((d) => d.item === item);
  const title = itemTitle(report, item);
  if (seenOf(current) !== seen) {
    if (current && seen === '' && current.action === action) return { status: 200, message: { kind: 'ok', text: `“${title}” was already answered “${ACTION_LABELS[action]}” by another session (at ${current.at}).` } };
    const what = current ? `another session answered “${ACTION_LABELS[current.action]}” at ${current.at}` : 'another session took its decision back';
    return { status: 409, message: { kind: 'conflict', text: `Not recorded: “${title}” changed since this page was shown: ${what}. Nothing was overwritten; the page below shows the current state.` } };
  }
  const result = await recordAnswers(home, profile, report, [{ id: item, action }], started, new Date(now).toISOString(), await readPreviousProfile(store, profile));
  const o = result.outcomes[0]!;
  if (o.result === 'conflict') return { status: 409, message: { kind: 'conflict', text: `Not recorded: “${title}”: ${o.detail ?? 'another session decided it'}. Nothing was overwritten.` } };
  if (o.result === 'already') return { status: 200, message: { kind: 'ok', text: `“${title}” was already answered so${o.detail ? ` (${o.detail})` : ''}.` } };
  if (action === 'undo') return { status: 200, message: { kind: 'ok', text: `Undone: “${title}” is pending again.` } };
  return { status: 200, message: { kind: 'ok', text: `Recorded “${ACTION_LABELS[action]}” for “${title}”.` } };
}
