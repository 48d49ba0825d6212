/**
 * The review page on AWS: a Lambda Function URL (behind CloudFront, under /review/) answering with the same
 * handler as `profile-sync review --web` (src/review/web/review-handler.ts). This file only translates: a
 * Function URL event into a request, the answer into a Function URL result (Set-Cookie into `cookies`), and
 * the key ring from an SSM SecureString (REVIEW_KEYS_PARAMETER), re-read at most every five minutes so a
 * rotation reaches running instances. Logs carry the method, the path and the status, never a token.
 */
import { SSMClient } from '@aws-sdk/client-ssm';
import { storeHome } from '../../src/canonical/canonical-home.ts';
import { ssmParameter } from '../../src/adapters/ssm-parameter.ts';
import type { WebRequest, WebResponse } from '../../src/review/web/http-types.ts';
import type { KeyRing } from '../../src/review/web/key-ring.ts';
import { createReviewHandler, type ReviewHandler } from '../../src/review/web/review-handler.ts';
import type { Store } from '../../src/store/store.ts';
import { cachedKeyRing } from '../shared/review-keys.ts';
import { env, lambdaRuntime } from '../shared/runtime.ts';

/** The part of a Function URL event (payload format 2.0) the page reads. */
export interface FunctionUrlEvent {
  readonly rawPath: string;
  readonly rawQueryString?: string;
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly cookies?: readonly string[];
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly requestContext: { readonly http: { readonly method: string } };
}

export interface FunctionUrlResult {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly cookies?: string[];
  readonly body: string;
}

export function toWebRequest(event: FunctionUrlEvent): WebRequest {
  const headers: Record<string, string | undefined> = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  // Payload 2.0 moves the Cookie header into `cookies`.
  if (event.cookies?.length) headers['cookie'] = [headers['cookie'], ...event.cookies].filter(Boolean).join('; ');
  const body = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  return { method: event.requestContext.http.method, url: `${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`, headers, body };
}

export function toFunctionUrlResult(res: WebResponse): FunctionUrlResult {
  const { 'Set-Cookie': setCookie, ...headers } = res.headers;
  return { statusCode: res.status, headers, ...(setCookie ? { cookies: [setCookie] } : {}), body: res.body };
}

export interface ReviewWebRuntime {
  readonly store: Store;
  readonly keys: () => Promise<KeyRing>;
  readonly now: () => number;
  readonly log: (line: string) => void;
}

export function reviewWebHandler(rt: ReviewWebRuntime): (event: FunctionUrlEvent) => Promise<FunctionUrlResult> {
  const handle: ReviewHandler = createReviewHandler({
    store: rt.store,
    home: storeHome(rt.store),
    keys: rt.keys,
    now: rt.now,
    secure: true,
    basePath: '/review',
    // The website's own address: the page and the published profiles share the distribution.
    profileUrl: (p) => `/${p}/profile.json`,
    log: rt.log,
  });
  return async (event) => toFunctionUrlResult(await handle(toWebRequest(event)));
}

let deployed: ((event: FunctionUrlEvent) => Promise<FunctionUrlResult>) | undefined;

export const handler = (event: FunctionUrlEvent) => {
  if (!deployed) {
    const rt = lambdaRuntime();
    deployed = reviewWebHandler({
      store: rt.store,
      keys: cachedKeyRing(ssmParameter(new SSMClient({})), env('REVIEW_KEYS_PARAMETER'), () => Date.now()),
      now: () => Date.now(),
      log: (line) => rt.log(line, {}),
    });
  }
  return deployed(event);
};
