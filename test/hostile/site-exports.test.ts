/**
 * Issue 21, items 10–12: hostile text from a source and from the owner (script
 * tags, event handlers, Markdown javascript: links, Liquid {{ }} / {% %}, Hugo
 * shortcodes, YAML specials, XML noncharacters, control and bidi characters, a
 * javascript: link) through every export, each checked by the consumer that
 * renders it next:
 *   - every published file: no character XML 1.0 or YAML refuses, no hidden one;
 *   - Hugo Blox front matter: the `yaml` package in strict mode, and PyYAML's
 *     safe_load (Debian's python3-yaml) reading the same documents; the fields Hugo
 *     Blox renders through markdownify, rendered by marked with raw HTML passed
 *     through: no executable markup, no link that is not http(s); no shortcode;
 *   - publications.bib, al-folio/papers.bib, every cite.bib: BibTeX itself, no
 *     error and no warning;
 *   - al-folio: each field inserted into a page as al-folio prints it (unescaped,
 *     after jekyll-scholar's LaTeX decoding, and without it), opened in chromium:
 *     nothing runs; no "{{" or "{%" for Liquid; award and additional_info,
 *     which al-folio renders through markdownify, rendered by marked with raw
 *     HTML passed through: the text as written, no markup;
 *   - publications.jsonld inlined in a <script type="application/ld+json"> in
 *     chromium: nothing runs and the data block reads back as the same JSON;
 *   - the landing pages in chromium: nothing runs, no handler, no image, every
 *     link http(s).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load as loadHtml } from 'cheerio';
import { marked } from 'marked';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { PublishedProfile, PublishedWork } from '../../src/model/profile.ts';
import { publicObjects } from '../../src/publish/publish.ts';
import { launchChromium } from '../helpers/browser.ts';
import { runBibtex } from '../helpers/bibtex.ts';
import { firstUserRun } from '../helpers/first-user-run.ts';
import { FIRST_PROFILE as P } from '../helpers/paths.ts';

const XSS = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> [click](javascript:window.__pwned=3) <a href="javascript:window.__pwned=4">a</a>';
const TEMPLATES = '{{ site.title }} {% raw %}{{< shortcode >}}{{% md %}} {{7*7}}';
const YAML_SPECIALS = ': # &anchor *alias !!python/object:os.system --- ? - | > "quote\' @`';
const INVISIBLE = 'ESC\u001b[31m RLO\u202e C1\u009b\u0085 BEL\u0007 nonchar\ufffe\uffff\u{1fffe}\ufdd0 lone\ud800';
const HOSTILE = `${XSS} ${TEMPLATES} ${YAML_SPECIALS} ${INVISIBLE} </script><script>window.__pwned=5</script> &lt;b&gt; CutMix`;
const ABSTRACT = `First line ${HOSTILE}\n\n# heading\n- list item\n<iframe src="javascript:window.__pwned=6"></iframe>\n<svg onload="window.__pwned=7"></svg>`;

const { output } = await firstUserRun();
const hostileWork = (w: PublishedWork): PublishedWork => ({
  ...w,
  title: `${w.title} ${HOSTILE}`,
  abstract: ABSTRACT,
  authors: [...w.authors, { name: `Eve <img src=x onerror=window.__pwned=8> {{ Mallory }} ${INVISIBLE}`, isOwner: false, equalContribution: true }],
  hasEqualContribution: true,
  venue: `<b onmouseover="window.__pwned=9">V</b>{{x}}'19`,
  award: `Award ${HOSTILE}`,
  annotation: `Note ${HOSTILE}`,
  links: { ...w.links, code: 'javascript:window.__pwned=10', project: 'https://example.org/"><script>window.__pwned=11</script>' },
});
const doc: PublishedProfile = {
  ...output.profile,
  person: { ...output.profile.person, name: `${output.profile.person.name} ${INVISIBLE}` },
  publications: output.profile.publications.map((w) => (w.id === 'iccv19-cutmix' || w.id === 'arxiv20-adamp' ? hostileWork(w) : w)),
};
const objects = publicObjects(P, doc, undefined);
const text = (key: string) => {
  const o = objects.find((x) => x.key === `public/${P}/${key}`);
  if (!o) throw new Error(`not published: ${key}`);
  return typeof o.body === 'string' ? o.body : Buffer.from(o.body).toString('utf8');
};
const texts = objects.filter((o) => o.key.startsWith(`public/${P}/`) && !o.key.endsWith('.zip')).map((o) => [o.key, typeof o.body === 'string' ? o.body : Buffer.from(o.body).toString('utf8')] as const);

/** Anything XML 1.0 or YAML refuses, or that hides or reorders text. */
const UNPUBLISHABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\ud83f[\udffe\udfff]/;
const isWeb = (href: string) => /^https?:\/\//i.test(href);

/** The elements and attributes of rendered HTML (as an HTML parser reads it) that could run or load anything, or link. */
function markupIn(html: string): string[] {
  const $ = loadHtml(html);
  const found = $('script, img, iframe, svg, object, embed, style, link, meta, a, form, video, audio').toArray().map((e) => `<${e.tagName}>`);
  for (const e of $('*').toArray() as Array<{ tagName: string; attribs: Record<string, string> }>) for (const name of Object.keys(e.attribs)) if (/^on/i.test(name) || /^(?:href|src)$/i.test(name)) found.push(`${e.tagName} ${name}`);
  return found;
}

/** The fields of a .bib as written, one per line ([name, value between its delimiters]). */
const fieldsOf = (bib: string) => [...bib.matchAll(/^ {2}(\w+) *= [{"](.*)[}"],?$/gm)].map((m) => [m[1]!, m[2]!] as const);
/** LaTeX::Decode as jekyll-scholar applies it: escaped specials and \text… commands to characters, then braces stripped. */
const decode = (v: string) =>
  v
    .replace(/\\textbraceleft\{\}/g, '{')
    .replace(/\\textbraceright\{\}/g, '}')
    .replace(/\\textbackslash\{\}/g, '\\')
    .replace(/\\textasciitilde\{\}/g, '~')
    .replace(/\\textasciicircum\{\}/g, '^')
    .replace(/\\([%#&$_])/g, '$1')
    .replace(/(?<!\\)[{}]/g, '');

/** The python3 of the PyYAML check: Debian's, where scripts/ensure-test-tools.sh installs python3-yaml, or PYTHON3_PATH. */
const PYTHON3 = process.env['PYTHON3_PATH'] ?? '/usr/bin/python3';
const SAFE_LOAD = `
import json, sys, yaml
out = []
for text in json.loads(sys.stdin.buffer.read().decode("utf-8")):
    try:
        out.append({"ok": True, "data": yaml.safe_load(text)})
    except yaml.YAMLError as e:
        out.append({"ok": False, "error": str(e)})
sys.stdout.write(json.dumps(out, ensure_ascii=True, default=str))
`;

/** Each text through PyYAML's yaml.safe_load (one python3 for all): the document, or PyYAML's error. */
function pyYamlSafeLoad(yamlTexts: readonly string[]): Array<{ ok: boolean; data?: unknown; error?: string }> {
  const r = spawnSync(PYTHON3, ['-c', SAFE_LOAD], { input: JSON.stringify(yamlTexts), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error || r.status !== 0) throw new Error(`python3 failed: ${r.error?.message ?? r.stderr}`);
  return JSON.parse(r.stdout) as Array<{ ok: boolean; data?: unknown; error?: string }>;
}

let browser: BrowserContext;
beforeAll(async () => {
  browser = await launchChromium(mkdtempSync(join(tmpdir(), 'ps-hostile-exports-')));
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

interface PageState {
  pwned: unknown;
  scripts: string[];
  images: number;
  frames: number;
  hrefs: string[];
  handlers: string[];
  dialogs: string[];
}

/** Opens HTML in chromium (scripts allowed by the browser): what ran, what the DOM holds. */
async function openHtml(html: string): Promise<PageState> {
  const page = await browser.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    void d.dismiss();
  });
  try {
    await page.setContent(html, { waitUntil: 'load' });
    await page.waitForTimeout(50);
    const state = (await page.evaluate(`({
      pwned: globalThis.__pwned,
      scripts: [...document.scripts].map((s) => s.type || 'classic'),
      images: document.images.length,
      frames: document.querySelectorAll('iframe, object, embed, svg').length,
      hrefs: [...document.querySelectorAll('[href], [src]')].map((a) => a.getAttribute('href') ?? a.getAttribute('src') ?? ''),
      handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => el.tagName + ' ' + a.name)),
    })`)) as Omit<PageState, 'dialogs'>;
    return { ...state, dialogs };
  } finally {
    await page.close();
  }
}

describe('hostile text through every export', () => {
  it('reaches the exports (the test is not vacuous)', () => {
    expect(text('al-folio/papers.bib')).toContain('window.\\_\\_pwned');
    expect(text('hugo-blox/publications/iccv19-cutmix/index.md')).toContain('window.\\\\_\\\\_pwned');
    expect(text('publications.jsonld')).toContain('window.__pwned');
    expect(text('papers/iccv19-cutmix.html')).toContain('window.__pwned');
  });

  it('no published file holds a character XML 1.0 or YAML refuses, or one that hides text', () => {
    expect(texts.length).toBeGreaterThan(40);
    for (const [key, body] of texts) expect(UNPUBLISHABLE.exec(body)?.[0], key).toBeUndefined();
  });

  it('Hugo Blox: every front matter parses as strict YAML; what markdownify renders holds no executable markup and no shortcode', () => {
    for (const [key, body] of texts.filter(([k]) => k.endsWith('/index.md'))) {
      const [, fm, rest] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(body)!;
      const data = parseYaml(fm!, { strict: true, uniqueKeys: true, prettyErrors: true }) as Record<string, unknown>;
      for (const field of ['title', 'publication', 'publication_short', 'abstract'] as const) {
        if (typeof data[field] !== 'string') continue;
        const html = marked.parse(data[field] as string, { async: false });
        expect(markupIn(html), `${key} ${field}: ${html}`).toEqual([]);
      }
      const bodyHtml = marked.parse(rest!, { async: false });
      expect(markupIn(bodyHtml), `${key} body`).toEqual([]);
      expect(rest, key).not.toMatch(/\{\{[<%]/);
      for (const l of (data['links'] ?? []) as Array<{ url: string }>) expect(isWeb(l.url), `${key} ${l.url}`).toBe(true);
    }
  });

  it('Hugo Blox: PyYAML\'s safe_load accepts every front matter and reads the same document (title, authors, every field) as the npm parser', (ctx) => {
    const probe = spawnSync(PYTHON3, ['-c', 'import yaml'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
      const why = `PyYAML is not importable by ${PYTHON3} (${probe.error?.message ?? probe.stderr.trim()}): run scripts/ensure-test-tools.sh (Debian's python3-yaml), or set PYTHON3_PATH to a python3 with PyYAML`;
      if (process.env['CI'] === 'true') throw new Error(why);
      ctx.skip(why);
    }
    const bundles = texts.filter(([k]) => k.endsWith('/index.md')).map(([key, body]) => [key, /^---\n([\s\S]*?)\n---\n/.exec(body)![1]!] as const);
    expect(bundles.length).toBeGreaterThan(10);
    // A live check: PyYAML refuses what YAML forbids (a raw U+FFFE), so an acceptance below means something.
    const refused = 'title: "x\ufffe"';
    const read = pyYamlSafeLoad([...bundles.map(([, fm]) => fm), refused]);
    expect(read.at(-1), 'PyYAML accepted a raw U+FFFE').toMatchObject({ ok: false });
    for (const [i, [key, fm]] of bundles.entries()) {
      const py = read[i]!;
      expect(py, `${key}: ${py.error}`).toMatchObject({ ok: true });
      const npm = parseYaml(fm, { strict: true, uniqueKeys: true }) as Record<string, unknown>;
      const data = py.data as Record<string, unknown>;
      expect({ title: data['title'], authors: data['authors'] }, key).toEqual({ title: npm['title'], authors: npm['authors'] });
      expect(data, key).toEqual(npm);
    }
    // The hostile bundles are among them: a title and an author holding YAML specials and markup.
    const cutmix = read[bundles.findIndex(([k]) => k.endsWith('/iccv19-cutmix/index.md'))]!.data as { title: string; authors: string[] };
    expect(cutmix.title).toContain('python/object:os.system --- ? - \\| \\> "quote\' @');
    expect(cutmix.authors.at(-1)).toMatch(/^Eve <img src=x onerror=window\.__pwned=8> \{\{ Mallory \}\}/);
  });

  it('BibTeX reads publications.bib, al-folio/papers.bib and the cite.bib files with no error and no warning', () => {
    const cites = texts.filter(([k]) => k.endsWith('/cite.bib')).map(([, b]) => b).join('\n');
    for (const [name, bib] of [['publications.bib', text('publications.bib')], ['papers.bib', text('al-folio/papers.bib')], ['cite.bib', cites]] as const) {
      const r = runBibtex(bib);
      expect(r.errors, `${name}: ${r.log}`).toEqual([]);
      expect(r.warnings, `${name}: ${r.log}`).toEqual([]);
    }
  });

  it('al-folio: fields printed unescaped into a page (with and without jekyll-scholar\'s LaTeX decoding) run nothing; nothing for Liquid', async () => {
    const bib = text('al-folio/papers.bib');
    expect(bib).not.toMatch(/\{\{|\{%/);
    const values = fieldsOf(bib).map(([, v]) => v);
    const html = `<!DOCTYPE html><html><body>${values.map((v) => `<p>${decode(v)}</p><p>${v}</p>`).join('\n')}</body></html>`;
    const state = await openHtml(html);
    expect(state.pwned).toBeUndefined();
    expect(state.dialogs).toEqual([]);
    expect(state.scripts).toEqual([]);
    expect(state.images + state.frames).toBe(0);
    expect(state.handlers).toEqual([]);
  });

  it('al-folio: award and additional_info, rendered through markdownify as its bib layout does (Markdown, raw HTML on), show the text as written and no markup', () => {
    // _layouts/bib.liquid: <p>{{ entry.award | markdownify }}</p> (kramdown; here marked, raw HTML passed through as kramdown does).
    const published = JSON.parse(text('profile.json')) as PublishedProfile;
    const bib = text('al-folio/papers.bib');
    const infos = fieldsOf(bib).filter(([k]) => k === 'additional_info');
    expect(infos.length).toBeGreaterThan(0);
    for (const [, info] of infos) expect(loadHtml(marked.parse(decode(info), { async: false })).root().text().trim()).toMatch(/^arXiv:\d{4}\.\d{4,5}$/);
    for (const id of ['iccv19-cutmix', 'arxiv20-adamp']) {
      const entry = new RegExp(`@\\w+\\{${id},[\\s\\S]*?\\n\\}`).exec(bib)![0];
      const award = fieldsOf(entry).find(([k]) => k === 'award')![1];
      const written = published.publications.find((w) => w.id === id)!.award!.replace(/\s+/g, ' ').trim();
      expect(written).toContain('[click](javascript:window.__pwned=3)');
      for (const [how, value] of [['LaTeX-decoded', decode(award)], ['raw', award]] as const) {
        const html = marked.parse(value, { async: false });
        expect(markupIn(html), `${id} ${how}: ${html}`).toEqual([]);
        expect(html, `${id} ${how}`).not.toMatch(/<(?!\/?p>)/);
        if (how === 'LaTeX-decoded') expect(loadHtml(html).root().text().trim(), id).toBe(written);
      }
    }
  });

  it('publications.jsonld inlined in a page runs nothing and reads back as the same JSON', async () => {
    const ld = text('publications.jsonld');
    const page = await browser.newPage();
    try {
      await page.setContent(`<!DOCTYPE html><html><head><script type="application/ld+json">${ld}</script></head><body><p>after</p></body></html>`);
      const state = (await page.evaluate(`({ pwned: globalThis.__pwned, scripts: document.scripts.length, data: document.scripts[0].textContent, after: document.body.textContent })`)) as { pwned: unknown; scripts: number; data: string; after: string };
      expect(state.pwned).toBeUndefined();
      expect(state.scripts).toBe(1);
      expect(state.after).toBe('after');
      expect(JSON.parse(state.data)).toEqual(JSON.parse(ld));
      expect(JSON.stringify(JSON.parse(ld))).toContain('</script><script>window.__pwned=5');
    } finally {
      await page.close();
    }
  });

  it('the landing pages run nothing: no injected script, handler, image or frame; every link http(s)', async () => {
    for (const id of ['iccv19-cutmix', 'arxiv20-adamp']) {
      const state = await openHtml(text(`papers/${id}.html`));
      expect(state.pwned, id).toBeUndefined();
      expect(state.dialogs, id).toEqual([]);
      expect(state.scripts, id).toEqual(['application/ld+json']);
      expect(state.images + state.frames, id).toBe(0);
      expect(state.handlers, id).toEqual([]);
      for (const href of state.hrefs) expect(isWeb(href), `${id}: ${href}`).toBe(true);
    }
  }, 30_000);
});
