/**
 * A SecureString of SSM Parameter Store, decrypted (the review page's key ring on AWS). Only the text:
 * what it holds is parsed by its reader.
 */
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

export type ReadParameter = (name: string) => Promise<string>;

export function ssmParameter(client: SSMClient): ReadParameter {
  return async (name) => {
    const out = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    const value = out.Parameter?.Value;
    if (value === undefined) throw new Error(`SSM parameter ${name} has no value`);
    return value;
  };
}

/** A reader with a client of its own (the default credential chain; the region given, else AWS_REGION). */
export const ssmParameterIn = (region?: string): ReadParameter => ssmParameter(new SSMClient(region ? { region } : {}));
