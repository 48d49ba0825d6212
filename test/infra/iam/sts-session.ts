/**
 * A role session as IAM sees it in later requests: its principal
 * (arn:aws:sts::<account>:assumed-role/<role>/<session>; aws:PrincipalArn is
 * the role's ARN) and its tags, aws:PrincipalTag/<key>, from the role's IAM
 * tags and the session tags passed to AssumeRole.
 *
 * The rules, as AWS documents them (AWS STS API Reference, AssumeRole,
 * request parameter Tags.member.N,
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html;
 * IAM User Guide, Pass session tags in AWS STS,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html):
 * - the principal's tags are the session tags, the incoming transitive
 *   session tags, and the IAM tags attached to the assumed role;
 * - "You can pass a session tag with the same key as a tag that is already
 *   attached to the role. When you do, session tags override a role tag with
 *   the same key";
 * - tag keys are not case sensitive ("Department and department are not saved
 *   as separate tags, and the session tag passed in the request takes
 *   precedence over the role tag");
 * - "If you pass a session tag with the same key as an inherited tag, the
 *   operation fails."
 */
import { ACCOUNT } from './evaluate.ts';
import type { PolicyDocument } from './evaluate.ts';
import type { Caller } from './stack-access.ts';

export class AssumeRoleFailed extends Error {}

/** aws:PrincipalTag of a session: role tags, overridden (keys without case) by the session tags; a session tag may not restate an inherited transitive one. */
export function sessionPrincipalTags(roleTags: Readonly<Record<string, string>>, sessionTags: Readonly<Record<string, string>>, inheritedTransitive: Readonly<Record<string, string>> = {}): Record<string, string> {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  for (const key of Object.keys(sessionTags)) {
    const inherited = Object.keys(inheritedTransitive).find((k) => same(k, key));
    if (inherited !== undefined) throw new AssumeRoleFailed(`AssumeRole fails: session tag ${key} has the key of the inherited transitive tag ${inherited}`);
  }
  const tags: Record<string, string> = {};
  const put = (key: string, value: string) => {
    for (const k of Object.keys(tags)) if (same(k, key)) delete tags[k];
    tags[key] = value;
  };
  for (const [k, v] of Object.entries(roleTags)) put(k, v);
  for (const [k, v] of Object.entries(inheritedTransitive)) put(k, v);
  for (const [k, v] of Object.entries(sessionTags)) put(k, v);
  return tags;
}

/** The caller a session of `role` (its identity policies and IAM tags) is, assumed with `sessionTags`. */
export function roleSession(o: { role: string; session: string; identity: readonly PolicyDocument[]; roleTags?: Readonly<Record<string, string>>; sessionTags: Readonly<Record<string, string>> }): Caller {
  return {
    principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${o.role}/${o.session}`,
    principalArn: `arn:aws:iam::${ACCOUNT}:role/${o.role}`,
    identity: o.identity,
    tags: sessionPrincipalTags(o.roleTags ?? {}, o.sessionTags),
  };
}
