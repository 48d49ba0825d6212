/**
 * After a run: email the owner what is new in the latest report, once. The
 * send is a port (`send(subject, body)`), so the Lambda is a thin adapter over
 * SNS Publish and the CLI or a test can print or capture the email.
 *
 * Order: read report, decisions, config and notices/<profile>/notified.json;
 * send; then record what was told (If-Match on the state read). A send that
 * fails records nothing, so the next attempt tells again; a retried step after
 * a recorded send finds nothing new and sends nothing (at most one duplicate,
 * if the record itself fails after the send).
 */
import { decisionsFile, NO_DECISIONS } from '../canonical/decisions.ts';
import { storeHome } from '../canonical/canonical-home.ts';
import { loadConfig } from '../canonical/load.ts';
import { parseJsonDocument } from '../input/json-document.ts';
import { validateDocument } from '../input/validate.ts';
import type { Store } from '../store/store.ts';
import { latestPointer, latestReport } from './latest-report.ts';
import { notificationFor, type NotifiedState } from './notification.ts';

export type Send = (subject: string, body: string) => Promise<void>;

export interface NotifyOptions {
  readonly store: Store;
  readonly profile: string;
  readonly send: Send;
  readonly now: Date;
  /** How the owner's CLI reaches this store, e.g. "--bucket my-bucket". */
  readonly storeArgs: string;
  /** A signed review-page link for the profile (issue 20), when a review page is deployed. */
  readonly reviewLink?: (profile: string) => { readonly url: string; readonly expires: string };
  /** Compute and send, but record nothing (a preview: `profile-sync email`). */
  readonly dryRun?: boolean;
}

export interface NotifyResult {
  readonly sent: boolean;
  readonly subject?: string;
  readonly newItems: number;
  readonly pending: number;
  readonly reminder: boolean;
}

/** What the owner was told: outside reports/, whose run copies expire after a year, so it never expires. */
export const notifiedKey = (profile: string) => `notices/${profile}/notified.json`;
/** Where it was kept before (reports/<profile>/): read when notices/ has none yet, and carried over by the next write. */
export const legacyNotifiedKey = (profile: string) => `reports/${profile}/notified.json`;

/** The one reader of notified.json; an unreadable state is treated as "nothing told yet" (an extra email, never a lost one). */
export function parseNotified(text: string | undefined, profile: string): NotifiedState | undefined {
  if (text === undefined) return undefined;
  try {
    const doc = JSON.parse(text) as Partial<NotifiedState>;
    if (doc.schemaVersion !== 1 || doc.profile !== profile || typeof doc.told !== 'object' || doc.told === null) return undefined;
    const told = Object.fromEntries(Object.entries(doc.told).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    return { schemaVersion: 1, profile, told, ...(typeof doc.lastEmailAt === 'string' ? { lastEmailAt: doc.lastEmailAt } : {}), ...(typeof doc.lastRunId === 'string' ? { lastRunId: doc.lastRunId } : {}) };
  } catch {
    return undefined;
  }
}

export async function notifyOwner(o: NotifyOptions): Promise<NotifyResult> {
  const report = await latestReport(o.store, o.profile);
  const pointer = await latestPointer(o.store, o.profile);
  const home = storeHome(o.store);
  const decisionsRead = await home.read(o.profile, 'decisions.json');
  const decisions = decisionsRead ? validateDocument(parseJsonDocument(home.where(o.profile, 'decisions.json'), decisionsRead.text), decisionsFile) : NO_DECISIONS;
  const configRead = await home.read(o.profile, 'config.json');
  const config = configRead ? loadConfig(home.where(o.profile, 'config.json'), configRead.text, o.profile) : undefined;
  const current = await o.store.get(notifiedKey(o.profile));
  const stateObj = current ?? (await o.store.get(legacyNotifiedKey(o.profile)));
  const previous = parseNotified(stateObj ? new TextDecoder().decode(stateObj.body) : undefined, o.profile);
  const n = notificationFor(report, decisions, previous, {
    now: o.now,
    storeArgs: o.storeArgs,
    reportLocation: `${o.store.description.replace(/\/?$/, '/')}${pointer.report.html}`,
    weeklyReminder: config?.notify?.weeklyReminder === true,
    ...(o.reviewLink ? { reviewLink: o.reviewLink(o.profile) } : {}),
  });
  if (n.message) await o.send(n.message.subject, n.message.body);
  if (o.dryRun) return { sent: false, ...(n.message ? { subject: n.message.subject } : {}), newItems: n.newItems, pending: n.pending, reminder: n.reminder };
  const text = `${JSON.stringify(n.state, null, 2)}\n`;
  if (!current || text !== new TextDecoder().decode(current.body)) {
    await o.store.put(notifiedKey(o.profile), text, { contentType: 'application/json; charset=utf-8', cacheControl: 'no-cache', ...(current ? { ifMatch: current.etag } : { ifNoneMatch: '*' as const }) });
  }
  return { sent: n.message !== undefined, ...(n.message ? { subject: n.message.subject } : {}), newItems: n.newItems, pending: n.pending, reminder: n.reminder };
}
