/**
 * Every recorded call evaluated as AWS evaluates it: the caller's principal
 * with the policies the synthesized template attaches to it, the resource's
 * own policy (the bucket policy, the topic policy, the key policy), and the
 * request context S3 and SNS give (TLS, the principal, its tags). Publishing
 * to the KMS-encrypted topic also needs kms:GenerateDataKey and kms:Decrypt
 * on its key, evaluated against the key policy.
 */
import { ACCOUNT, decide, type Decision, type IamRequest, type PolicyDocument } from './evaluate.ts';
import type { RecordedCall } from './recorded-calls.ts';
import type { TemplatePolicies } from './template-policies.ts';

export interface Caller {
  readonly principal: string;
  /** aws:PrincipalArn when it is not `principal` (a role session: the role's ARN). */
  readonly principalArn?: string;
  readonly identity: readonly PolicyDocument[];
  /** The principal's tags (aws:PrincipalTag/<key>). */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface Violation {
  readonly caller: string;
  readonly call: string;
  readonly action: string;
  readonly resource: string;
  readonly prefix?: string;
  readonly decision: Decision;
}

export interface StackResources {
  readonly policies: TemplatePolicies;
  readonly bucketId: string;
  readonly topicId: string;
  readonly keyId: string;
}

/** The resource policy AWS also evaluates for a request on `resource`. */
function resourcePolicyFor(resource: string, r: StackResources): PolicyDocument | undefined {
  if (resource.startsWith('arn:aws:s3:::')) return r.policies.bucketPolicy(r.bucketId);
  if (resource === r.policies.arn(r.topicId)) return r.policies.topicPolicy(r.topicId);
  if (resource === r.policies.arn(r.keyId)) return r.policies.keyPolicy(r.keyId);
  return undefined;
}

/** The requests AWS makes of one recorded request: publishing to the encrypted topic also uses its key. */
function expand(request: Omit<IamRequest, 'principal'>, r: StackResources): Array<Omit<IamRequest, 'principal'>> {
  if (request.action !== 'sns:Publish' || request.resource !== r.policies.arn(r.topicId)) return [request];
  const key = r.policies.arn(r.keyId);
  return [request, { action: 'kms:GenerateDataKey', resource: key, context: { 'kms:ViaService': 'sns.us-east-1.amazonaws.com' } }, { action: 'kms:Decrypt', resource: key, context: { 'kms:ViaService': 'sns.us-east-1.amazonaws.com' } }];
}

export async function evaluateCalls(calls: readonly RecordedCall[], callerOf: (caller: string) => Caller, r: StackResources): Promise<Violation[]> {
  const violations: Violation[] = [];
  for (const c of calls) {
    const who = callerOf(c.caller);
    for (const req of c.requests.flatMap((q) => expand(q, r))) {
      const context = {
        'aws:SecureTransport': 'true',
        'aws:PrincipalArn': who.principalArn ?? who.principal,
        'aws:PrincipalAccount': ACCOUNT,
        ...Object.fromEntries(Object.entries(who.tags ?? {}).map(([k, v]) => [`aws:PrincipalTag/${k}`, v])),
        ...req.context,
      };
      const resource = resourcePolicyFor(req.resource, r);
      const decision = await decide({ principal: who.principal, action: req.action, resource: req.resource, context }, { identity: who.identity, ...(resource ? { resource } : {}) });
      if (decision !== 'Allowed') {
        const prefix = req.context?.['s3:prefix'];
        violations.push({ caller: c.caller, call: c.call, action: req.action, resource: req.resource, ...(typeof prefix === 'string' ? { prefix } : {}), decision });
      }
    }
  }
  return violations;
}

/** One line per violation: caller, action, key (or prefix), decision. */
export const describeViolation = (v: Violation) => `${v.caller}: ${v.action} ${v.resource.replace(/^arn:aws:s3:::[^/]+(\/|$)/, (_, slash: string) => (slash ? '' : 'the bucket'))}${v.prefix !== undefined ? ` (s3:prefix ${v.prefix})` : ''} → ${v.decision} [${v.call}]`;

/** Unique violations (a call repeated per profile or run, once). */
export function distinct(violations: readonly Violation[]): Violation[] {
  const seen = new Map<string, Violation>();
  for (const v of violations) seen.set(`${v.caller} ${v.action} ${v.resource} ${v.prefix ?? ''}`, v);
  return [...seen.values()];
}

/** Caller × action → the key shapes it touched (the table the test writes to test-output/). */
export function accessTable(calls: readonly RecordedCall[], shape: (resourceOrPrefix: string) => string): string {
  const rows = new Map<string, Set<string>>();
  for (const c of calls) {
    for (const q of c.requests) {
      const where = q.action === 's3:ListBucket' ? `prefix ${shape(String(q.context?.['s3:prefix'] ?? ''))}` : q.resource.startsWith('arn:aws:s3:::') ? shape(q.resource) : q.resource.replace(/^arn:aws:[a-z]+:[^:]*:\d+:/, '');
      const row = `| ${c.caller} | ${q.action} |`;
      if (!rows.has(row)) rows.set(row, new Set());
      rows.get(row)!.add(where);
    }
  }
  return ['| caller | action | keys / prefixes |', '| --- | --- | --- |', ...[...rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([row, set]) => `${row} ${[...set].sort().join(', ')} |`)].join('\n');
}
