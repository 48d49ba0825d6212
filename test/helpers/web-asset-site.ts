/**
 * A loopback site for the <publication-list> browser tests: the published web assets under /_web/ (as the
 * website serves them), plus the pages and profiles a test gives, path by path; anything else 404. And a
 * headless Chromium on it (127.0.0.1 only).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { WEB_ASSETS } from '../../src/publish/web-assets.ts';
import { launchChromium } from './browser.ts';
import { startLoopback, type LoopbackServer } from './loopback-server.ts';

export interface SiteFile {
  readonly contentType: string;
  readonly body: string;
}

export interface WebAssetSite {
  readonly server: LoopbackServer;
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function startWebAssetSite(files: Readonly<Record<string, SiteFile>>, name: string): Promise<WebAssetSite> {
  const assets = new Map(WEB_ASSETS.map((a) => [`/_web/${a.file}`, a]));
  const server = await startLoopback((req) => {
    const path = req.url.split('?')[0]!;
    const file = assets.get(path) ?? files[path];
    if (file) return { status: 200, headers: { 'Content-Type': file.contentType }, body: file.body };
    return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'not found' };
  });
  const context = await launchChromium(join(mkdtempSync(join(tmpdir(), `ps-${name}-`)), 'profile'), { loopbackHost: '127.0.0.1', viewport: { width: 900, height: 900 } });
  return {
    server,
    context,
    close: async () => {
      await context.close();
      await server.close();
    },
  };
}

export const jsonFile = (body: string): SiteFile => ({ contentType: 'application/json', body });
export const htmlFile = (body: string): SiteFile => ({ contentType: 'text/html; charset=utf-8', body });
