/**
 * `profile-sync review --web`: the review page on 127.0.0.1 for one profile, the same page (and the same
 * recordAnswers) the deployed review Lambda serves. The first line of stdout is the one-time link; the
 * server stops on Ctrl+C / SIGTERM, or by itself after --idle minutes without a request.
 */
import type { CanonicalHome } from '../canonical/canonical-home.ts';
import { issueLink, linkUrl } from '../review/web/review-link.ts';
import { createReviewHandler } from '../review/web/review-handler.ts';
import type { Store } from '../store/store.ts';
import { spawn } from 'node:child_process';
import { keysFileOf, loadOrCreateKeys } from './review-keys.ts';
import { serveReview } from './review-web-server.ts';
import { UsageError } from './usage-error.ts';

export interface ReviewWebFlags {
  port: string;
  keys?: string;
  idle: string;
}

/** `opener`: the command that opens a URL in the desktop's browser (none: the link is only printed). */
export async function reviewWeb(flags: ReviewWebFlags, store: Store, home: CanonicalHome, profile: string, opener: string[] | undefined): Promise<void> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${JSON.stringify(flags.port)}: a port number (0: any free port)`);
  const idleMinutes = Number(flags.idle);
  if (!(idleMinutes > 0 && idleMinutes <= 24 * 60)) throw new UsageError(`--idle ${JSON.stringify(flags.idle)}: minutes, more than 0 and at most 1440`);
  const keys = await loadOrCreateKeys(keysFileOf(flags.keys));
  const handler = createReviewHandler({ store, home, keys: () => keys, now: () => Date.now(), secure: false, log: (line) => process.stderr.write(`${line}\n`) });
  const server = await serveReview(handler, { port, idleMs: idleMinutes * 60_000 });
  const link = linkUrl(server.baseUrl, issueLink(keys, [profile], Date.now()).token);
  process.stdout.write(`${link}\n`);
  process.stderr.write(`reviewing ${profile} at ${server.baseUrl}/ (the link above opens one session; Ctrl+C stops; stops by itself after ${idleMinutes} minute(s) without a request)\n`);
  if (opener) {
    const child = spawn(opener[0]!, [...opener.slice(1), link], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  }
  const reason = await server.stopped;
  process.stderr.write(`review page stopped (${reason})\n`);
}
