/**
 * Messages to a profile's owner on the deployment's SNS topic. Each carries
 * the message attributes `profile` (the profile id) and `kind` ("report": the
 * nightly email; "profile-failed": a profile not published), so one topic
 * serves a whole department: an owner subscribed with the filter policy
 * {"profile": ["<id>"]} receives that profile's messages only (README, "The
 * owner's loop on AWS"). Run-level messages (a failed run, the alarms) carry
 * no profile and reach only subscriptions without a filter: the operator's.
 */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';

export const PROFILE_ATTRIBUTE = 'profile';
export const KIND_ATTRIBUTE = 'kind';
export type OwnerMessageKind = 'report' | 'profile-failed';

export interface SnsStringAttribute {
  readonly DataType: 'String';
  readonly StringValue: string;
}

/** The input of SNS Publish, as the SDK and Step Functions' sns:publish pass it. */
export interface OwnerMessage {
  readonly TopicArn: string;
  readonly Subject: string;
  readonly Message: string;
  readonly MessageAttributes: Readonly<Record<string, SnsStringAttribute>>;
}

export const ownerAttributes = (profile: string, kind: OwnerMessageKind): Record<string, SnsStringAttribute> => ({
  [PROFILE_ATTRIBUTE]: { DataType: 'String', StringValue: profile },
  [KIND_ATTRIBUTE]: { DataType: 'String', StringValue: kind },
});

/** SNS Publish as a port: the Lambda passes the SDK's; the workflow tests their SNS emulation. */
export type SnsPublish = (message: OwnerMessage) => Promise<{ readonly MessageId?: string }>;

export function snsPublish(client: SNSClient): SnsPublish {
  return async (m) => {
    const out = await client.send(new PublishCommand({ TopicArn: m.TopicArn, Subject: m.Subject, Message: m.Message, MessageAttributes: { ...m.MessageAttributes } }));
    return out.MessageId === undefined ? {} : { MessageId: out.MessageId };
  };
}
