/**
 * Debian's Chromium, headless, as the browser tests start it: no network but the loopback host the test names,
 * nothing of Chromium's own in the background. It runs with the real clock even when the tests run under
 * faketime (scripts/time-travel.sh): libfaketime is not passed on to it (Chromium does not start under it), and
 * what a browser test checks is how given files render, not dates.
 */
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export function chromiumArgs(loopbackHost: 'localhost' | '127.0.0.1' = 'localhost'): string[] {
  return ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', `--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE ${loopbackHost}`];
}

/** The environment without libfaketime's variables. */
function realTimeEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !/^(LD_PRELOAD|FAKETIME\w*|DONT_FAKE_MONOTONIC)$/.test(e[0])));
}

export function launchChromium(userDataDir: string, options: { loopbackHost?: 'localhost' | '127.0.0.1'; viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: chromiumArgs(options.loopbackHost),
    env: realTimeEnv(),
    ...(options.viewport ? { viewport: options.viewport } : {}),
    ...(options.javaScriptEnabled === false ? { javaScriptEnabled: false } : {}),
  });
}
