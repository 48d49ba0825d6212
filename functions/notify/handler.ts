/**
 * Step Functions task, after a profile is published: emails its owner what
 * is new in the latest report, once (src/review/notify-owner.ts): new papers,
 * differences, version events and degraded sources with their cause, and the
 * command that reviews them. The email goes to the SNS topic with the message
 * attributes profile=<id> and kind=report; what was told is recorded in
 * notices/<profile>/notified.json after the send, so a retried step sends
 * nothing twice and a failed send is told again next time.
 */
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { ssmParameter } from '../../src/adapters/ssm-parameter.ts';
import type { KeyRing } from '../../src/review/web/key-ring.ts';
import { reviewLinkFor } from '../../src/review/web/review-link.ts';
import { cachedKeyRing } from '../shared/review-keys.ts';
import { ownerAttributes, snsPublish, type SnsPublish } from '../../src/adapters/sns-owner-message.ts';
import { notifyOwner } from '../../src/review/notify-owner.ts';
import { cliStoreArgs, env, lambdaRuntime, parseStep, type StepRuntime } from '../shared/runtime.ts';

export interface NotifyRuntime extends StepRuntime {
  readonly publish: SnsPublish;
  readonly topicArn: string;
  /** How the owner's CLI reaches the store, put in the email's commands: "--bucket <name>". */
  readonly storeArgs: string;
  /** The review page and its key ring, when deployed: the email carries a one-session link to it. */
  readonly review?: { readonly url: string; readonly keys: () => Promise<KeyRing> };
}

export interface NotifyStepResult {
  /** sent: an email went out; not-needed: nothing the owner was not told before. */
  readonly status: 'sent' | 'not-needed';
  readonly messageId?: string;
  readonly subject?: string;
  readonly newItems: number;
  readonly pending: number;
  readonly reminder: boolean;
}

export async function notifyStep(rt: NotifyRuntime, event: unknown): Promise<NotifyStepResult> {
  const { profile, startTime, runId } = parseStep(event);
  let messageId: string | undefined;
  // No key ring (the parameter not made yet, or unreadable): the email goes without its link, never not at all.
  // The link is issued when the email is sent (not at the run's start): a revoke-links during a long run does not
  // revoke the link this email carries.
  let ring: KeyRing | undefined;
  try {
    ring = rt.review ? await rt.review.keys() : undefined;
  } catch (e) {
    rt.log('review link left out: the key ring could not be read', { profile, error: e instanceof Error ? e.message : String(e) });
  }
  const r = await notifyOwner({
    store: rt.store,
    profile,
    now: new Date(startTime),
    storeArgs: rt.storeArgs,
    ...(rt.review && ring ? { reviewLink: (p: string) => reviewLinkFor(ring, rt.review!.url, p, rt.clock.now()) } : {}),
    send: async (subject, body) => {
      messageId = (await rt.publish({ TopicArn: rt.topicArn, Subject: subject, Message: body, MessageAttributes: ownerAttributes(profile, 'report') })).MessageId;
    },
  });
  rt.log('notified', { profile, runId, sent: r.sent, newItems: r.newItems, pending: r.pending, reminder: r.reminder });
  return {
    status: r.sent ? 'sent' : 'not-needed',
    ...(messageId ? { messageId } : {}),
    ...(r.subject ? { subject: r.subject } : {}),
    newItems: r.newItems,
    pending: r.pending,
    reminder: r.reminder,
  };
}

let notifyRuntime: NotifyRuntime | undefined;

/** The deployed function's runtime: the bucket, the SNS client and the topic from its environment. */
function lambdaNotifyRuntime(): NotifyRuntime {
  const reviewUrl = process.env['REVIEW_URL'];
  const review = reviewUrl ? { url: reviewUrl, keys: cachedKeyRing(ssmParameter(new SSMClient({})), env('REVIEW_KEYS_PARAMETER'), () => Date.now()) } : undefined;
  notifyRuntime ??= { ...lambdaRuntime(), publish: snsPublish(new SNSClient({})), topicArn: env('TOPIC_ARN'), storeArgs: cliStoreArgs(), ...(review ? { review } : {}) };
  return notifyRuntime;
}

export const handler = (event: unknown) => notifyStep(lambdaNotifyRuntime(), event);
