/**
 * Issue 14, items 7 and 8, the mistakes that need a process of their own: a store without credentials or with an
 * endpoint nobody answers (the AWS SDK reads its credentials from the process's environment, so the process gets a
 * bare one). Each is one clear line with the right exit code, never a stack trace. The rest of the command-line
 * mistakes: user-errors.test.ts; a broken cv.json or unknown profile at `cdk synth`: test/infra/synth-input-errors.test.ts.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.ts';
import { oneLine, runNode, type CliRun } from '../helpers/cli-output.ts';

/** The bin as a process, with its own environment. */
const processRun = (args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> => runNode([BIN, ...args], { env, timeout: 60_000 });

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('stores that cannot be used (exit 1, one line saying what to do)', () => {
  // Real processes: the AWS SDK reads its credentials from the environment; nothing leaves 127.0.0.1.
  const bare = (): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: mkdtempSync(join(tmpdir(), 'ps-home-')), AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_REGION: 'us-east-1' };
    return env;
  };

  it('--bucket without credentials', async () => {
    const port = await closedPort();
    const r = await processRun(['sync', '--offline', '--bucket', 'my-bucket', '--endpoint', `http://127.0.0.1:${port}`, '--path-style'], bare());
    expect(r.code).toBe(1);
    expect(oneLine(r)).toBe("profile-sync: no AWS credentials for the bucket (s3://my-bucket/): set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (the AWS SDK's default chain found none)");
  }, 60_000);

  it('an --endpoint nobody answers', async () => {
    const port = await closedPort();
    const r = await processRun(['sync', '--offline', '--bucket', 'my-bucket', '--endpoint', `http://127.0.0.1:${port}`, '--path-style'], { ...bare(), AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' });
    expect(r.code).toBe(1);
    expect(oneLine(r)).toBe(`profile-sync: cannot reach the store s3://my-bucket/ at 127.0.0.1:${port}: connection refused (ECONNREFUSED)`);
  }, 60_000);
});
