/**
 * SSM Parameter Store as AWS answers a caller its policies limit, for
 * GetParameter only (what `review-link --keys-parameter` calls): a loopback
 * endpoint speaking SSM's JSON protocol (X-Amz-Target AmazonSSM.GetParameter)
 * that evaluates ssm:GetParameter on the parameter's ARN for the current
 * caller (test/infra/iam/stack-access.ts) and answers AccessDeniedException
 * (HTTP 400, as SSM does) when not allowed, ParameterNotFound when there is
 * no such parameter. The CLI reaches it through AWS_ENDPOINT_URL_SSM.
 *
 * Decryption: the parameters are SecureStrings under the AWS managed key
 * aws/ssm, which "grants Decrypt permission to all IAM principals in the AWS
 * account" (Systems Manager User Guide, Restricting decryption of
 * SecureString parameter values,
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/ps-restrict-decryption.html):
 * no kms:Decrypt is evaluated here, so ssm:GetParameter is what decides.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { ACCOUNT, REGION } from './evaluate.ts';
import { CallerState, listenEnforcing, type EnforcingEndpoint } from './enforcing-endpoint.ts';
import type { RecordedCall } from './recorded-calls.ts';
import { evaluateCalls, type Caller, type StackResources } from './stack-access.ts';

export type EnforcingSsm = EnforcingEndpoint;

export const parameterArn = (name: string) => `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/${name.replace(/^\//, '')}`;

const body = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });

/** `parameters`: name → value (SecureStrings). */
export async function startEnforcingSsm(o: { parameters: Readonly<Record<string, string>>; callers: (caller: string) => Caller; resources: StackResources }): Promise<EnforcingSsm> {
  const state = new CallerState();
  const server = createServer((req, res) => {
    const answer = (status: number, json: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(json));
    };
    void body(req).then(async (text) => {
      const target = String(req.headers['x-amz-target'] ?? '');
      if (target !== 'AmazonSSM.GetParameter') return answer(400, { __type: 'UnsupportedOperation', message: `the SSM stand-in answers GetParameter only, not ${target}` });
      const { Name: name } = JSON.parse(text) as { Name: string };
      const arn = parameterArn(name);
      const recorded: RecordedCall = { caller: state.current, call: `GetParameter ${name}`, requests: [{ action: 'ssm:GetParameter', resource: arn }] };
      state.calls.push(recorded);
      const refused = await evaluateCalls([recorded], o.callers, o.resources);
      if (refused.length > 0) {
        state.denied.push(...refused);
        return answer(400, { __type: 'AccessDeniedException', message: `User: ${o.callers(state.current).principal} is not authorized to perform: ssm:GetParameter on resource: ${arn} because no identity-based policy allows the ssm:GetParameter action` });
      }
      const value = o.parameters[name];
      if (value === undefined) return answer(400, { __type: 'ParameterNotFound' });
      return answer(200, { Parameter: { Name: name, Type: 'SecureString', Value: value, Version: 1, ARN: arn, DataType: 'text' } });
    });
  });
  return listenEnforcing(server, state);
}
