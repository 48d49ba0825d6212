/**
 * Issue 21 item 1, through the real consumer: Hugo (Debian's, installed by
 * scripts/ensure-test-tools.sh) builds a site from the published Hugo Blox
 * bundles, with a minimal layout of ours that reads the fields Hugo Blox reads
 * the way it reads them: the year from .Date, the list sorted by date (newest
 * first), title, publication and abstract through markdownify with raw HTML on
 * (Hugo Blox's Goldmark setting), the authors as Hugo Blox prints them (an
 * authors taxonomy, each term's .LinkTitle escaped by Go's html/template, the
 * notes in a title attribute). Every paper shows its year and its authors, the
 * list runs newest first, Hugo prints no warning; a hostile bundle (markup, YAML
 * specials and control characters in its title and in an author's name) builds
 * into a page that runs nothing in chromium and shows them as text. The built page's screenshot is kept in
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

// Hugo Blox's site: authors is a taxonomy (each name a term page; "me" the owner's, titled by content/authors/me/_index.md).
const CONFIG = `baseURL = "http://localhost/"
title = "Publications"
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
[taxonomies]
  author = "authors"
[markup.goldmark.renderer]
  unsafe = true
`;

// What Hugo Blox's publication list reads: .Date (year, sort), title, publication, abstract through markdownify; the
// authors as Hugo Blox's page_metadata_authors.html prints them: each term's .LinkTitle (escaped by Go's html/template)
// in a link to its page, author_notes in a title attribute.
const LIST = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<style>body{font:15px/1.45 sans-serif;max-width:60rem;margin:1rem auto}li{margin:.6em 0}.year{font-weight:700}</style></head>
<body><ol id="pubs">
{{ range .Pages.ByDate.Reverse }}{{ $page := . }}<li class="pub" data-id="{{ .File.ContentBaseName }}">
<span class="year">{{ .Date.Format "2006" }}</span>{{ if not .Params.hide_date }} <span class="day">{{ .Date.Format "2 January 2006" }}</span>{{ end }}
<span class="title">{{ .Title | markdownify }}</span>.
<span class="authors">{{ range $index, $value := ($page.GetTerms "authors") }}{{ if gt $index 0 }}, {{ end }}<span class="author">{{ if .RelPermalink }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ else }}{{ .LinkTitle }}{{ end }}</span>{{ with $page.Params.author_notes }}{{ with (index . $index) }}<i class="author-notes" title="{{ . }}"></i>{{ end }}{{ end }}{{ end }}</span>.
<span class="venue">{{ .Params.publication | markdownify }}</span>
{{ with .Params.abstract }}<div class="abstract">{{ . | markdownify }}</div>{{ end }}
</li>
{{ end }}</ol></body></html>
`;
const TERMS = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1></body></html>\n';
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
  write('layouts/_default/taxonomy.html', TERMS);
  write('layouts/_default/term.html', TERMS);
  write('content/authors/me/_index.md', `---\ntitle: ${JSON.stringify(profile.person.name)}\n---\n`);
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
      const rows = (await page.evaluate(`[...document.querySelectorAll('li.pub')].map((li) => ({ id: li.dataset.id, year: li.querySelector('.year').textContent, day: li.querySelector('.day')?.textContent ?? null, title: li.querySelector('.title').textContent, authors: [...li.querySelectorAll('.author')].map((a) => a.textContent), notes: [...li.querySelectorAll('.author-notes')].map((n) => n.title) }))`)) as Array<{ id: string; year: string; day: string | null; title: string; authors: string[]; notes: string[] }>;
      expect(rows).toHaveLength(profile.publications.length);
      const yearOf = new Map(profile.publications.map((w) => [w.id, w.year]));
      for (const r of rows) expect(Number(r.year), r.id).toBe(yearOf.get(r.id));
      const years = rows.map((r) => Number(r.year));
      expect(years).toEqual([...years].sort((a, b) => b - a));
      expect(rows.filter((r) => r.day !== null)).toEqual([]);
      expect(rows.find((r) => r.id === 'iccv19-cutmix')?.title).toBe('CutMix: Regularization Strategy to Train Strong Classifiers with Localizable Features');
      // The authors in the CV's order, the owner by the name of the "me" author page; equal contribution noted.
      for (const w of profile.publications) expect(rows.find((r) => r.id === w.id)?.authors, w.id).toEqual(w.authors.map((a) => a.name));
      expect(rows.find((r) => r.id === 'aaai21-lf-font')?.notes).toEqual(['Equal contribution', 'Equal contribution']);
      mkdirSync(join(REPO, 'test-output'), { recursive: true });
      await page.screenshot({ path: join(REPO, 'test-output', 'hugo-blox-publications.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('a hostile title, abstract and author (markup, YAML specials, control characters) build into a page that runs nothing and shows them as text', async () => {
    const evil = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> [x](javascript:window.__pwned=3) {{< figure src="x" >}} {{ .Site.Title }}';
    const yamlSpecials = ': # &anchor *alias !!python/object:os.system --- ? - | > "quote\' @`';
    const controls = 'ESC\u001b[31m RLO\u202e NEL\u0085 BEL\u0007 nonchar\ufffe';
    const eve = `Eve <img src=x onerror="window.__pwned=5"><script>window.__pwned=6</script> {{ .Site.Title }} ${yamlSpecials} ${controls}`;
    const hostile = buildSite({
      ...profile,
      publications: profile.publications.map((w) =>
        w.id === 'iccv19-cutmix'
          ? { ...w, title: `CutMix ${evil} ${yamlSpecials} ${controls}`, abstract: `Abstract ${evil}\n\n<iframe src="javascript:window.__pwned=4"></iframe>`, authors: [...w.authors, { name: eve, isOwner: false, equalContribution: true }], hasEqualContribution: true }
          : w,
      ),
    });
    expect(hostile.status, hostile.stderr).toBe(0);
    expect(`${hostile.stdout}\n${hostile.stderr}`).not.toMatch(/WARN|ERROR/);
    const page = await browser.newPage();
    try {
      await page.goto(`file://${join(hostile.out, 'publications', 'index.html')}`);
      const state = (await page.evaluate(`({ pwned: globalThis.__pwned, bad: document.querySelectorAll('script, img, iframe, svg, [onerror], a[href^="javascript"]').length, text: document.querySelector('li.pub[data-id="iccv19-cutmix"] .title').textContent, authors: [...document.querySelectorAll('li.pub[data-id="iccv19-cutmix"] .author')].map((a) => a.textContent), notes: [...document.querySelectorAll('li.pub[data-id="iccv19-cutmix"] .author-notes')].map((n) => n.title) })`)) as { pwned: unknown; bad: number; text: string; authors: string[]; notes: string[] };
      expect(state.pwned).toBeUndefined();
      expect(state.bad).toBe(0);
      expect(state.text).toContain('<script>window.__pwned=1</script>');
      // (markdownify's typographer makes the quotes curly and "---" a dash: Hugo's rendering, not ours)
      expect(state.text).toContain(': # &anchor *alias !!python/object:os.system');
      expect(state.text).toMatch(/ @` ESC\[31m RLO NEL BEL nonchar$/);
      // The name as written, its markup shown as text; the characters no published file may hold left out.
      expect(state.authors.at(-1)).toBe(`Eve <img src=x onerror="window.__pwned=5"><script>window.__pwned=6</script> {{ .Site.Title }} ${yamlSpecials} ESC[31m RLO NEL BEL nonchar`);
      expect(state.notes).toEqual(['Equal contribution']);
    } finally {
      await page.close();
    }
  });
});
