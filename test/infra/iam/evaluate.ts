/**
 * AWS's policy evaluation, for the tests: one request (principal, action,
 * resource, request context) against the identity policies of the caller and
 * the resource's policy, decided by @cloud-copilot/iam-simulate (strict mode:
 * a condition key the request does not carry does not match). Same account
 * only (this stack's callers and resources share one). Results are cached by
 * request, since a run makes the same calls many times.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

/** An IAM policy document (JSON as the template holds it, intrinsics resolved). */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: ReadonlyArray<Record<string, unknown>>;
}

export interface IamRequest {
  /** The calling principal's ARN, or a service principal ("events.amazonaws.com"). */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** Request context: condition keys the request carries (s3:prefix, aws:PrincipalTag/…, aws:SecureTransport, …). */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

export interface Policies {
  readonly identity: readonly PolicyDocument[];
  readonly resource?: PolicyDocument;
}

export type Decision = 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied';

const cache = new Map<string, Promise<Decision>>();

export function decide(request: IamRequest, policies: Policies): Promise<Decision> {
  const key = JSON.stringify([request, policies]);
  let found = cache.get(key);
  if (!found) cache.set(key, (found = simulate(request, policies)));
  return found;
}

async function simulate(request: IamRequest, policies: Policies): Promise<Decision> {
  const result = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: ACCOUNT },
        contextVariables: Object.fromEntries(Object.entries(request.context ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : [...v]])),
      },
      identityPolicies: policies.identity.map((policy, i) => ({ name: `policy-${i}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(policies.resource ? { resourcePolicy: policies.resource } : {}),
    },
    { simulationMode: 'Strict' },
  );
  if (result.resultType === 'error') throw new Error(`iam-simulate refused ${request.action} on ${request.resource}: ${result.errors.message} ${JSON.stringify(result.errors)}`);
  const overall = result.overallResult;
  if (overall !== 'Allowed' && overall !== 'ImplicitlyDenied' && overall !== 'ExplicitlyDenied') throw new Error(`iam-simulate: ${request.action} on ${request.resource} gave ${String(overall)}`);
  return overall;
}
