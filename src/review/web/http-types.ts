/** The review site's requests and answers, whatever serves them (a local node:http server, a Lambda Function URL). */
export interface WebRequest {
  readonly method: string;
  /** Path and query, as the request line gives them: "/p/ada?x=1". */
  readonly url: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

export interface WebResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The largest request body read (a form holds an item id, an action and two tokens). */
export const MAX_BODY_BYTES = 16 * 1024;

export function cookiesOf(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}
