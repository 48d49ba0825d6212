/**
 * Issue 21 items 7 and 8: the web component on a light and on a dark host page,
 * checked by axe-core (injected into the page in chromium; it reads shadow DOM):
 * no WCAG 2.1 A/AA violation, colour contrast included, because every colour
 * follows the host's text colour (links take --pl-link when the host sets it).
 * With nothing selected, a `selected` list hides itself and the demo says why.
 * Screenshot of the dark page kept in test-output/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishedProfile, PublishedWork } from '../../src/model/profile.ts';
import { stableJson } from '../../src/publish/json-schemas.ts';
import { firstUserRun } from '../helpers/first-user-run.ts';
import type { LoopbackServer } from '../helpers/loopback-server.ts';
import { htmlFile, jsonFile, startWebAssetSite, type WebAssetSite } from '../helpers/web-asset-site.ts';
import { REPO } from '../helpers/paths.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const { output } = await firstUserRun();
const profile: PublishedProfile = {
  ...output.profile,
  publications: output.profile.publications.map((w): PublishedWork =>
    w.id === 'iccv19-cutmix' ? { ...w, selected: true, award: 'Oral presentation', annotation: 'Also known as CutMix', links: { ...w.links, code: 'https://github.com/clovaai/CutMix-PyTorch' } } : w,
  ),
};
const noneSelected: PublishedProfile = { ...output.profile, publications: output.profile.publications.map(({ selected: _s, ...w }) => w) };

const host = (name: string, style: string) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${name} page</title>
<style>${style}</style>
<script type="module" src="/_web/publication-list.js"></script></head>
<body><main><h1>Publications</h1>
<publication-list src="/sanghyuk-chun/profile.json" selected></publication-list>
<publication-list src="/sanghyuk-chun/profile.json"></publication-list>
</main></body></html>`;
const PAGES: Record<string, string> = {
  '/light.html': host('light', 'body{background:#fff;color:#1f1f1f;font:16px/1.5 sans-serif;max-width:50rem;margin:1rem auto}'),
  '/dark.html': host('dark', 'body{background:#121212;color:#e6e6e6;font:16px/1.5 sans-serif;max-width:50rem;margin:1rem auto}a{color:#8ab4f8}publication-list{--pl-link:#8ab4f8}'),
};

let site: WebAssetSite;
let server: LoopbackServer;
let context: BrowserContext;

beforeAll(async () => {
  site = await startWebAssetSite(
    {
      ...Object.fromEntries(Object.entries(PAGES).map(([path, body]) => [path, htmlFile(body)])),
      '/sanghyuk-chun/profile.json': jsonFile(stableJson(profile)),
      '/none-selected/profile.json': jsonFile(stableJson(noneSelected)),
    },
    'axe',
  );
  ({ server, context } = site);
}, 60_000);

afterAll(async () => {
  await site?.close();
});

async function rendered(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}${path}`);
  await expect.poll(() => page.locator('publication-list').nth(1).locator('li.work').count()).toBe(profile.publications.length);
  return page;
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations.map((v) => ({ id: v.id, nodes: v.nodes.length, first: v.nodes.slice(0, 2).map((n) => n.failureSummary) })))`)) as Array<{ id: string; nodes: number; first: string[] }>;
  return violations.map((v) => `${v.id} (${v.nodes} nodes): ${v.first.join(' | ')}`);
}

describe('<publication-list> under axe-core', () => {
  it.each(['light', 'dark'])('on a %s page: no WCAG 2.1 A/AA violation (colour contrast included)', async (name) => {
    const page = await rendered(`/${name}.html`);
    try {
      expect(await axeViolations(page)).toEqual([]);
      if (name === 'dark') {
        mkdirSync(join(REPO, 'test-output'), { recursive: true });
        await page.screenshot({ path: join(REPO, 'test-output', 'publication-list-dark.png'), fullPage: true });
      }
    } finally {
      await page.close();
    }
  }, 60_000);

  it('links inherit the host: the text colour by default, --pl-link when the host sets it', async () => {
    const light = await rendered('/light.html');
    const dark = await rendered('/dark.html');
    try {
      const color = (p: Page) => p.locator('publication-list').nth(1).locator('#pub-iccv19-cutmix a').first().evaluate((a) => (globalThis as unknown as { getComputedStyle: (e: unknown) => { color: string } }).getComputedStyle(a).color);
      expect(await color(light)).toBe('rgb(31, 31, 31)');
      expect(await color(dark)).toBe('rgb(138, 180, 248)');
    } finally {
      await light.close();
      await dark.close();
    }
  }, 60_000);

  it('nothing selected: the selected list hides itself (no empty box) and the demo tells the owner why', async () => {
    const page = await context.newPage();
    try {
      await page.goto(`${server.baseUrl}/_web/demo.html?profile=none-selected`);
      const [selected, all] = [page.locator('publication-list').nth(0), page.locator('publication-list').nth(1)];
      await expect.poll(() => all.locator('li.work').count()).toBe(profile.publications.length);
      await expect.poll(() => page.locator('.hint').count()).toBe(1);
      expect(await selected.isHidden()).toBe(true);
      expect(await selected.locator('h2').count()).toBe(0);
      expect(await page.locator('.hint').innerText()).toMatch(/^No work is marked selected/);
      expect(await page.getByRole('heading', { name: 'Selected publications' }).count()).toBe(0);
    } finally {
      await page.close();
    }
  }, 60_000);
});
