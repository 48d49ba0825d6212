/**
 * diff.html in a real browser: Debian's chromium driven by playwright-core,
 * headless, no network (file:// page, DNS disabled). The sections are there,
 * an injected <script> title shows as text and never runs; a screenshot is
 * kept under test-output/.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../helpers/browser.ts';
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import { renderHtml } from '../../src/publish/report/render-html.ts';
import { firstUserRun } from '../helpers/first-user-run.ts';
import { REPO } from '../helpers/paths.ts';
import { arxiv, cvWith, input, OWNER, pub } from '../helpers/reconcile-builders.ts';


async function open(html: string, name: string) {
  const dir = mkdtempSync(join(tmpdir(), 'ps-browser-'));
  const file = join(dir, `${name}.html`);
  writeFileSync(file, html);
  const context = await launchChromium(join(dir, 'profile'));
  const page = await context.newPage();
  await page.goto(`file://${file}`);
  return { context, page };
}

describe('diff.html in headless chromium', () => {
  it('shows every section of the first user\'s report; screenshot saved', async () => {
    const { output } = await firstUserRun();
    const { context, page } = await open(renderHtml(output.report), 'sanghyuk-chun');
    try {
      for (const id of ['summary', 'sources', 'candidates', 'differences', 'events', 'conflicts', 'not-found', 'changes']) {
        expect(await page.locator(`section#${id} h2`).isVisible(), id).toBe(true);
      }
      expect(await page.locator('#candidates .card').count()).toBe(output.report.candidates.length);
      expect(await page.locator('#differences tr').count()).toBe(output.report.differences.length + 1);
      expect(await page.locator('#summary').innerText()).toMatch(/20 items to review/);
      mkdirSync(join(REPO, 'test-output'), { recursive: true });
      await page.screenshot({ path: join(REPO, 'test-output', 'diff-sanghyuk-chun.png'), fullPage: true });
    } finally {
      await context.close();
    }
  }, 60_000);

  it('an injected <script> title is text and never runs', async () => {
    const evil = '<script>window.__pwned = 1; document.title = "pwned"</script><img src=x onerror="window.__pwned = 2">';
    const out = reconcile(input(cvWith([pub('w1', 'Known', [OWNER, 'Bea Coauthor'])]), [arxiv('2302.00002', evil, [OWNER, 'Bea Coauthor'])], []));
    const { context, page } = await open(renderHtml(out.report), 'evil');
    try {
      await page.waitForTimeout(200);
      expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.title()).not.toBe('pwned');
      expect(await page.locator('#candidates .title').first().textContent()).toBe(evil);
      expect(await page.locator('#candidates img').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 60_000);
});
