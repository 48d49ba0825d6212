/**
 * The owner's email is the report, in plain text: a pure function from the
 * latest report, the owner's decisions and what the owner was already told, to
 * a subject and a body, and the record of what this email tells. Nothing is
 * sent when every pending item was told before (unless a weekly reminder is
 * due). Limits are Amazon SNS's: a subject of ASCII, no line breaks, under 100
 * characters; a message of at most 256 KB (262,144 bytes) of UTF-8.
 */
import type { Decisions } from '../canonical/decisions.ts';
import type { Report } from '../model/report.ts';
import { candidateVenueLabel } from './accept-candidate.ts';
import { shellWord } from '../text/shell-word.ts';

/** SNS: "must be less than 100 characters long". */
export const MAX_SUBJECT = 99;
/** SNS accepts 262,144 bytes; an email is kept far below that, a readable size. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Lines shown per section; the rest is counted. */
export const MAX_LINES_PER_SECTION = 40;
const MAX_LINE = 400;
const WEEK_MS = 7 * 24 * 3600 * 1000;

/** notices/<profile>/notified.json: what the owner was told, by item id, and when. */
export interface NotifiedState {
  readonly schemaVersion: 1;
  readonly profile: string;
  /** Item id → when it was first emailed (ISO). Only items still pending are kept. */
  readonly told: Readonly<Record<string, string>>;
  readonly lastEmailAt?: string;
  readonly lastRunId?: string;
}

export interface NotificationOptions {
  readonly now: Date;
  /** How the owner's CLI reaches the store, e.g. "--bucket my-bucket" (put in the commands of the email). */
  readonly storeArgs: string;
  /** Where the HTML report is, for a person (e.g. "s3://bucket/reports/p/run/diff.html"). */
  readonly reportLocation: string;
  readonly weeklyReminder: boolean;
  /** A signed link to the review page (issue 20), when one is deployed: put first, where a cut email keeps it. */
  readonly reviewLink?: { readonly url: string; readonly expires: string };
}

export interface Notification {
  /** Undefined: nothing to send. */
  readonly message?: { readonly subject: string; readonly body: string };
  /** The state to record after a successful send (or after pruning, when nothing is sent). */
  readonly state: NotifiedState;
  readonly newItems: number;
  readonly pending: number;
  readonly reminder: boolean;
}

interface Item {
  readonly id: string;
  readonly section: 'candidate' | 'difference' | 'event' | 'health';
  readonly line: string;
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Every item the owner still has to decide, and each degraded source, as one line each. */
function pendingOf(report: Report, decisions: Decisions): Item[] {
  const decided = new Set(decisions.decisions.map((d) => d.item));
  const items: Item[] = [];
  for (const c of report.candidates) {
    if (c.decision || decided.has(c.id)) continue;
    items.push({ id: c.id, section: 'candidate', line: `${oneLine(c.title)} (${c.year === undefined ? 'year unknown' : candidateVenueLabel(c)}) [${c.confidence}: ${oneLine(c.reason)}]${c.synthetic ? ' [SYNTHETIC test record, not a real paper]' : ''} ${shellWord(c.id)}` });
  }
  for (const d of report.differences) {
    if (d.decision || decided.has(d.id)) continue;
    const theirs = d.field.startsWith('authors') && d.note && !d.note.startsWith('same') ? `${cut(oneLine(d.source), 160)} (${oneLine(d.note)})` : cut(oneLine(d.source), 160);
    items.push({ id: d.id, section: 'difference', line: `${cut(oneLine(d.workTitle), 70)}, ${d.field}: ${cut(oneLine(d.canonical), 160)} → ${theirs} [${d.from.join('; ')}] ${shellWord(d.id)}` });
  }
  for (const e of report.events) {
    if (decided.has(e.id)) continue;
    items.push({ id: e.id, section: 'event', line: `${cut(oneLine(e.workTitle), 70)}: ${oneLine(e.detail)} ${shellWord(e.id)}` });
  }
  for (const h of report.sources) {
    if (h.status !== 'degraded') continue;
    const snapshot = h.usedSnapshot ? `; using the snapshot of run ${h.usedSnapshot.runId} (${Math.round(h.usedSnapshot.ageHours)} h old)` : '; nothing from it this run';
    // The reconcile stage's own "using the last good snapshot from run …" is said once, by the snapshot clause.
    const reasons = h.reasons.filter((r) => !(h.usedSnapshot && r === `using the last good snapshot from run ${h.usedSnapshot.runId}`));
    items.push({ id: `health:${h.source}`, section: 'health', line: `${h.source}: degraded: ${oneLine(reasons.join('; ') || 'no reason given')}${snapshot}` });
  }
  return items;
}

function subjectFor(profile: string, items: readonly Item[], reminder: boolean, pendingTotal: number): string {
  const count = (s: Item['section']) => items.filter((i) => i.section === s).length;
  const parts = [
    count('candidate') ? plural(count('candidate'), 'new paper') : '',
    count('difference') ? plural(count('difference'), 'difference') : '',
    count('event') ? plural(count('event'), 'version event') : '',
  ].filter(Boolean);
  const degraded = items.filter((i) => i.section === 'health').map((i) => i.id.slice(7));
  let subject = reminder
    ? `${profile}: reminder, ${plural(pendingTotal, 'item')} still to review`
    : parts.length > 0
      ? `${profile}: ${parts.join(', ')} to review`
      : `${profile}: source problem`;
  if (degraded.length > 0) subject += `; ${degraded.join(' and ')} degraded`;
  // ASCII only, no control characters (SNS rejects others); profile ids are ASCII already.
  subject = subject.replace(/[^\x20-\x7e]/g, '?');
  return subject.length > MAX_SUBJECT ? `${subject.slice(0, MAX_SUBJECT - 3)}...` : subject;
}

const SECTIONS: ReadonlyArray<[Item['section'], string, string]> = [
  ['candidate', 'New papers that name you (accept or reject)', 'papers'],
  ['difference', 'Differences between your CV and the sources (yours → theirs; keep-mine or accept-theirs)', 'differences'],
  ['event', 'Version events (ack; a "now published" one can also be accepted)', 'events'],
  ['health', 'Sources that failed (the published profile kept their last good data)', 'sources'],
];

function bodyFor(report: Report, shown: readonly Item[], olderPending: number, o: NotificationOptions, reminder: boolean): string {
  const lines: string[] = [];
  const p = report.profile;
  lines.push(
    reminder
      ? `A weekly reminder: these items of ${p} are still waiting for your review (run ${report.runId}).`
      : `The nightly run ${report.runId} of ${p} found ${plural(shown.length, 'new item')} for you${olderPending > 0 ? ` (and ${olderPending} from earlier emails still pending)` : ''}.`,
  );
  if (o.reviewLink) lines.push('', `Review them in your browser (one click per answer; the link opens one session, until ${o.reviewLink.expires}; it is yours alone, do not forward it):`, `  ${o.reviewLink.url}`);
  for (const [section, title, noun] of SECTIONS) {
    const items = shown.filter((i) => i.section === section);
    if (items.length === 0) continue;
    lines.push('', `${title}: ${items.length}`);
    for (const i of items.slice(0, MAX_LINES_PER_SECTION)) lines.push(`- ${cut(i.line, MAX_LINE)}`);
    if (items.length > MAX_LINES_PER_SECTION) lines.push(`  … and ${items.length - MAX_LINES_PER_SECTION} more ${noun} (see the report)`);
  }
  lines.push(
    '',
    'Review them (one question per item; Ctrl+C keeps the answers given so far):',
    `  npx profile-sync review -p ${p} ${o.storeArgs}`,
    'The full report, with the evidence, in your browser:',
    `  npx profile-sync review -p ${p} ${o.storeArgs} --open`,
    'Or answer by id: --accept/--reject cand:…, --keep-mine/--accept-theirs diff:…, --ack/--accept event:…',
    '',
    `Report: ${o.reportLocation}`,
    'You get an email only when there is something new; decided items are never proposed again.',
  );
  let body = `${lines.join('\n')}\n`;
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) {
    const tail = `\n… cut here: the email reached ${MAX_BODY_BYTES / 1024} KB. See the report: ${o.reportLocation}\n`;
    body = Buffer.from(body).subarray(0, MAX_BODY_BYTES - Buffer.byteLength(tail)).toString('utf8').replace(/\uFFFD*$/, '').replace(/\n[^\n]*$/, '') + tail;
  }
  return body;
}

export function notificationFor(report: Report, decisions: Decisions, previous: NotifiedState | undefined, o: NotificationOptions): Notification {
  const pending = pendingOf(report, decisions);
  const told = previous?.told ?? {};
  const fresh = pending.filter((i) => told[i.id] === undefined);
  const lastEmail = previous?.lastEmailAt ? Date.parse(previous.lastEmailAt) : undefined;
  const reviewItems = pending.filter((i) => i.section !== 'health');
  const reminder = fresh.length === 0 && o.weeklyReminder && reviewItems.length > 0 && lastEmail !== undefined && o.now.getTime() - lastEmail >= WEEK_MS;
  // Only what is still pending is remembered: a source that recovers and fails again is news again.
  const kept = Object.fromEntries(pending.flatMap((i) => (told[i.id] !== undefined ? [[i.id, told[i.id]!]] : [])));
  const base = { schemaVersion: 1 as const, profile: report.profile };
  if (fresh.length === 0 && !reminder) {
    return {
      state: { ...base, told: kept, ...(previous?.lastEmailAt ? { lastEmailAt: previous.lastEmailAt } : {}), ...(previous?.lastRunId ? { lastRunId: previous.lastRunId } : {}) },
      newItems: 0,
      pending: reviewItems.length,
      reminder: false,
    };
  }
  const at = o.now.toISOString();
  const shown = reminder ? pending : fresh;
  const message = { subject: subjectFor(report.profile, shown, reminder, reviewItems.length), body: bodyFor(report, shown, reminder ? 0 : reviewItems.filter((i) => told[i.id] !== undefined).length, o, reminder) };
  return {
    message,
    state: { ...base, told: { ...kept, ...Object.fromEntries(fresh.map((i) => [i.id, at])) }, lastEmailAt: at, lastRunId: report.runId },
    newItems: fresh.length,
    pending: reviewItems.length,
    reminder,
  };
}
