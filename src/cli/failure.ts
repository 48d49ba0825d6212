/**
 * Every way a command can fail, as one clear line (or one line per input
 * problem) and its exit code: never a stack trace for something a person can
 * fix. An error nobody foresaw is one line too, saying how to get its stack
 * trace (PROFILE_SYNC_DEBUG=1).
 */
import { CommanderError } from 'commander';
import { InputError, formatIssue } from '../input/input-error.ts';
import { StoreLinkError } from '../store/fs-store.ts';
import { PreconditionFailedError } from '../store/store.ts';
import { EXIT } from './exit-codes.ts';
import { UsageError } from './usage-error.ts';

export interface Failure {
  readonly code: number;
  /** Lines for stderr (without the "profile-sync: " prefix). */
  readonly lines: readonly string[];
}

const ERRNO_WORDS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'the disk is full',
  EFBIG: 'file too large for this file system or limit',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EMFILE: 'too many open files',
  EEXIST: 'already exists',
  ELOOP: 'too many symbolic links',
};

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'no such host (DNS)',
  EAI_AGAIN: 'temporary DNS failure',
};

interface ErrnoLike {
  code?: string;
  path?: string;
  syscall?: string;
  address?: string;
  port?: number;
  hostname?: string;
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  Code?: string;
  cause?: unknown;
}

/** The innermost error carrying a system error code (the AWS SDK wraps socket errors). */
function systemCause(e: unknown): ErrnoLike | undefined {
  for (let x: unknown = e, depth = 0; x && typeof x === 'object' && depth < 5; x = (x as ErrnoLike).cause, depth++) {
    const code = (x as ErrnoLike).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return x as ErrnoLike;
  }
  return undefined;
}

function awsFailure(e: ErrnoLike, store: string | undefined): string | undefined {
  const where = store ? ` (${store})` : '';
  if (e.name === 'CredentialsProviderError' || /Could not load credentials/i.test(e.message ?? '')) {
    return `no AWS credentials for the bucket${where}: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (the AWS SDK's default chain found none)`;
  }
  const status = e.$metadata?.httpStatusCode;
  if (e.name === 'NoSuchBucket') return `the bucket does not exist${where}`;
  if (e.name === 'AccessDenied' || status === 403) return `access denied by S3${where}: check the credentials' permissions for this bucket and prefix`;
  if (e.name === 'InvalidAccessKeyId' || e.name === 'SignatureDoesNotMatch') return `S3 refused the credentials${where} (${e.name})`;
  if (status !== undefined) return `S3 answered HTTP ${status} ${e.name ?? ''}${where}: ${(e.message ?? '').split('\n')[0]}`.replace(/\s+:/, ':');
  return undefined;
}

export function describeFailure(e: unknown): Failure {
  const store = (e as { profileSyncStore?: unknown } | undefined)?.profileSyncStore;
  const context = { store: typeof store === 'string' ? store : undefined };
  if (e instanceof UsageError) return { code: EXIT.USAGE, lines: [e.message] };
  if (e instanceof CommanderError) return { code: e.exitCode === 0 ? EXIT.OK : EXIT.USAGE, lines: [] };
  if (e instanceof InputError) return { code: EXIT.INVALID_INPUT, lines: [...e.issues.map(formatIssue), 'nothing was published'] };
  if (e instanceof PreconditionFailedError) return { code: EXIT.CONFLICT, lines: [`${e.message}. Nothing was overwritten; run again to build on the newer state.`] };
  if (e instanceof StoreLinkError) return { code: EXIT.FAILURE, lines: [e.message] };
  const err = (e ?? {}) as ErrnoLike;
  const aws = awsFailure(err, context.store);
  if (aws) return { code: EXIT.FAILURE, lines: [aws] };
  const sys = systemCause(e);
  if (sys?.code && NETWORK_WORDS[sys.code]) {
    const target = sys.address ? `${sys.address}${sys.port ? `:${sys.port}` : ''}` : (sys.hostname ?? 'the endpoint');
    return { code: EXIT.FAILURE, lines: [`cannot reach ${context.store ? `the store ${context.store} at ` : ''}${target}: ${NETWORK_WORDS[sys.code]} (${sys.code})`] };
  }
  if (sys?.code && ERRNO_WORDS[sys.code]) {
    return { code: EXIT.FAILURE, lines: [`${sys.path ?? 'a file'}: ${ERRNO_WORDS[sys.code]} (${sys.code}${sys.syscall ? `, ${sys.syscall}` : ''})`] };
  }
  const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
  return { code: EXIT.FAILURE, lines: [`unexpected failure: ${message} (PROFILE_SYNC_DEBUG=1 prints the stack trace; please report it)`] };
}
