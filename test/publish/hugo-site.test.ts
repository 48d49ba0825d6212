/**
 * Issue 21 item 1, through the real consumer: Hugo (Debian's, installed by
 * scripts/ensure-test-tools.sh) builds a site from the published Hugo Blox
 * bundles, with a minimal layout of ours that reads the fields Hugo Blox reads
 * the way it reads them: the year from .Date, the list sorted by date (newest
 * first), title, publication and abstract through markdownify with raw HTML on
 * (Hugo Blox's Goldmark setting), the authors. Every paper shows its year, the
 * list runs newest first, Hugo prints no warning; a hostile bundle builds into
 * a page that runs nothing in chromium. The built page's screenshot is kept in
 * test-output/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishedProfile } from '../../src/model/profile.ts';
import { hugoBloxFiles } from '../../src/publish/site/hugo-blox.ts';
import { launchChromium } from '../helpers/browser.ts';
import { firstUserRun } from '../helpers/first-user-run.ts';
import { REPO } from '../helpers/paths.ts';

const CONFIG = `baseURL = "http://localhost/"
title = "Publications"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
  unsafe = true
`;

// What Hugo Blox's publication list reads: .Date (year, sort), title, authors, publication, abstract through markdownify.
const LIST = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<style>body{font:15px/1.45 sans-serif;max-width:60rem;margin:1rem auto}li{margin:.6em 0}.year{font-weight:700}</style></head>
<body><ol id="pubs">
{{ range .Pages.ByDate.Reverse }}<li class="pub" data-id="{{ .File.ContentBaseName }}">
<span class="year">{{ .Date.Format "2006" }}</span>{{ if not .Params.hide_date }} <span class="day">{{ .Date.Format "2 January 2006" }}</span>{{ end }}
<span class="title">{{ .Title | markdownify }}</span>.
<span class="authors">{{ delimit .Params.authors ", " }}</span>.
<span class="venue">{{ .Params.publication | markdownify }}</span>
{{ with .Params.abstract }}<div class="abstract">{{ . | markdownify }}</div>{{ end }}
</li>
{{ end }}</ol></body></html>
`;
const HOME = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>home</title></head><body></body></html>\n';
const SINGLE = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><h1>{{ .Title | markdownify }}</h1><p>{{ .Params.abstract | markdownify }}</p></body></html>\n';

function buildSite(profile: PublishedProfile): { out: string; stdout: string; stderr: string; status: number | null; page: string } {
  const site = mkdtempSync(join(tmpdir(), 'ps-hugo-'));
  const write = (path: string, body: string | Uint8Array) => {
    mkdirSync(dirname(join(site, path)), { recursive: true });
    writeFileSync(join(site, path), body);
  };
  write('config.toml', CONFIG);
  write('layouts/_default/list.html', LIST);
  write('layouts/_default/single.html', SINGLE);
  write('layouts/index.html', HOME);
  for (const f of hugoBloxFiles(profile)) write(join('content', f.path), f.body);
  const out = join(site, 'public');
  const r = spawnSync('hugo', ['--source', site, '--destination', out, '--printPathWarnings', '--printI18nWarnings'], { encoding: 'utf8', env: { ...process.env, HUGO_CACHEDIR: join(site, '.cache') } });
  if (r.error) throw new Error(`hugo could not run (${r.error.message}); run scripts/ensure-test-tools.sh`);
  let page = '';
  try {
    page = readFileSync(join(out, 'publications', 'index.html'), 'utf8');
  } catch {
    /* reported by the status */
  }
  return { out, stdout: r.stdout, stderr: r.stderr, status: r.status, page };
}

const { output } = await firstUserRun();
const profile = output.profile;
const built = buildSite(profile);

let browser: BrowserContext;
beforeAll(async () => {
  browser = await launchChromium(mkdtempSync(join(tmpdir(), 'ps-hugo-browser-')), { viewport: { width: 1000, height: 900 } });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe('a Hugo site built from the Hugo Blox bundles', () => {
  it('builds with no error and no warning', () => {
    expect(built.status, built.stderr).toBe(0);
    expect(`${built.stdout}\n${built.stderr}`).not.toMatch(/WARN|ERROR/);
  });

  it('shows every paper with its year, newest first, no day nobody gave', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`file://${join(built.out, 'publications', 'index.html')}`);
      const rows = (await page.evaluate(`[...document.querySelectorAll('li.pub')].map((li) => ({ id: li.dataset.id, year: li.querySelector('.year').textContent, day: li.querySelector('.day')?.textContent ?? null, title: li.querySelector('.title').textContent }))`)) as Array<{ id: string; year: string; day: string | null; title: string }>;
      expect(rows).toHaveLength(profile.publications.length);
      const yearOf = new Map(profile.publications.map((w) => [w.id, w.year]));
      for (const r of rows) expect(Number(r.year), r.id).toBe(yearOf.get(r.id));
      const years = rows.map((r) => Number(r.year));
      expect(years).toEqual([...years].sort((a, b) => b - a));
      expect(rows.filter((r) => r.day !== null)).toEqual([]);
      expect(rows.find((r) => r.id === 'iccv19-cutmix')?.title).toBe('CutMix: Regularization Strategy to Train Strong Classifiers with Localizable Features');
      mkdirSync(join(REPO, 'test-output'), { recursive: true });
      await page.screenshot({ path: join(REPO, 'test-output', 'hugo-blox-publications.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('a hostile title and abstract build into a page that runs nothing', async () => {
    const evil = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> [x](javascript:window.__pwned=3) {{< figure src="x" >}} {{ .Site.Title }}';
    const hostile = buildSite({ ...profile, publications: profile.publications.map((w) => (w.id === 'iccv19-cutmix' ? { ...w, title: `CutMix ${evil}`, abstract: `Abstract ${evil}\n\n<iframe src="javascript:window.__pwned=4"></iframe>` } : w)) });
    expect(hostile.status, hostile.stderr).toBe(0);
    const page = await browser.newPage();
    try {
      await page.goto(`file://${join(hostile.out, 'publications', 'index.html')}`);
      const state = (await page.evaluate(`({ pwned: globalThis.__pwned, bad: document.querySelectorAll('script, img, iframe, a[href^="javascript"]').length, text: document.querySelector('li.pub[data-id="iccv19-cutmix"] .title').textContent })`)) as { pwned: unknown; bad: number; text: string };
      expect(state.pwned).toBeUndefined();
      expect(state.bad).toBe(0);
      expect(state.text).toContain('<script>window.__pwned=1</script>');
    } finally {
      await page.close();
    }
  });
});
