/** Why a request finally failed, in words a person can act on. */
export interface AttemptRecord {
  /** HTTP status, or undefined when no response came (network error, timeout). */
  readonly status?: number;
  /** What went wrong with this attempt. */
  readonly problem: string;
  /** Virtual/real time the attempt started (ms since epoch). */
  readonly startedAt: number;
}

export class FetchFailure extends Error {
  constructor(
    readonly url: string,
    readonly attempts: readonly AttemptRecord[],
    /** Why the client gave up (the last problem, or why it stopped retrying). */
    readonly reason: string,
    readonly lastStatus: number | undefined,
    /** The start of the last body received, for the report ("<!DOCTYPE html>…"). */
    readonly bodySnippet: string | undefined,
  ) {
    const n = attempts.length;
    super(`${url}: ${reason} (${n} attempt${n === 1 ? '' : 's'})${bodySnippet ? `; body began: ${JSON.stringify(bodySnippet)}` : ''}`);
    this.name = 'FetchFailure';
  }
}

/** The start of a body, whitespace collapsed, for messages. */
export function snippet(body: Uint8Array, max = 120): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(body.subarray(0, max * 4));
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
