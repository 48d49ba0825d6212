/**
 * What a published store must still be after any input, checked by the
 * strictest real consumer of each file: profile.json by its JSON Schema, the
 * .bib by BibTeX itself, CSL-JSON by citation-js, diff.md by marked (no link
 * that is not http(s), no raw HTML), diff.html by headless Chromium (no script
 * runs, no link that is not http(s)). Each check returns its problems.
 */
import { isUri } from '../../src/ids/uri.ts';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
// @ts-expect-error citation-js ships no type declarations
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import Ajv2020 from 'ajv/dist/2020.js';
import { marked } from 'marked';
import { parse as parseYaml } from 'yaml';
import type { BrowserContext } from 'playwright-core';
import { runBibtex } from '../helpers/bibtex.ts';
import { REPO } from '../helpers/paths.ts';

/** Characters that must never reach a published file: C0 (but tab and newline), DEL, C1, bidi embeddings, overrides and isolates. */
export const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\\u00[01][0-9a-fA-F]|\\u007[fF]|\\u00[89][0-9a-fA-F]|\\u202[a-eA-E]|\\u206[6-9]/;

/** What XML 1.0 and YAML refuse beyond HIDDEN: noncharacters and lone surrogates. */
export const UNPUBLISHABLE = /[\ufdd0-\ufdef\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A Hugo Blox index.md: its front matter parses as strict YAML (the yaml package; PyYAML and go-yaml refuse less). */
export function checkFrontMatter(key: string, text: string): string[] {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!m) return [`${key} has no front matter`];
  try {
    parseYaml(m[1]!, { strict: true, uniqueKeys: true });
    return [];
  } catch (e) {
    return [`${key}: front matter is not strict YAML: ${(e as Error).message}`];
  }
}

const isWeb = (href: string) => /^https?:\/\//i.test(href);

/** path (relative to root) → sha256 of every file under root. */
export function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(root, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(root);
  return files;
}

const ajv = new Ajv2020.default({ strict: true, allErrors: true });
const validateProfile = ajv.compile(JSON.parse(readFileSync(join(REPO, 'schemas', 'profile.schema.json'), 'utf8')));

interface Work {
  id: string;
  year: number;
  links: Record<string, string>;
  versions: Array<{ url?: string; year?: number }>;
}

export function checkProfile(text: string, now = new Date()): string[] {
  const problems: string[] = [];
  const profile = JSON.parse(text) as { publications: Work[] };
  if (!validateProfile(profile)) problems.push(`profile.json does not match its schema: ${ajv.errorsText(validateProfile.errors)}`);
  const ids = profile.publications.map((w) => w.id);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length > 0) problems.push(`profile.json has works sharing an id: ${[...new Set(repeated)].join(', ')}`);
  const latest = now.getUTCFullYear() + 1;
  for (const w of profile.publications) {
    for (const y of [w.year, ...w.versions.map((v) => v.year)]) if (y !== undefined && (y < 1900 || y > latest)) problems.push(`profile.json: ${w.id} carries the year ${y}`);
    for (const href of [...Object.values(w.links), ...w.versions.flatMap((v) => (v.url ? [v.url] : []))]) if (!isWeb(href)) problems.push(`profile.json: ${w.id} links to ${href}`);
    else if (!isUri(href)) problems.push(`profile.json: ${w.id} links to ${href}, which is not an RFC 3986 URI`);
  }
  return problems;
}

export function checkBibtex(bib: string): string[] {
  const r = runBibtex(bib);
  return r.errors.length > 0 || r.status > 1 ? [`BibTeX (status ${r.status}): ${r.errors.join(' || ') || r.log.slice(-400)}`] : [];
}

/**
 * Every item is read by citation-js; the items that differ from `baseline`
 * (the clean run's CSL-JSON: where hostile values can be) are also formatted
 * as an APA bibliography (formatting all of them costs a second a run).
 */
export function checkCsl(text: string, baseline = '[]'): string[] {
  try {
    const items = JSON.parse(text) as unknown[];
    const cite = new Cite(items);
    if ((cite.data as unknown[]).length !== items.length) return [`citation-js read ${(cite.data as unknown[]).length} of ${items.length} CSL items`];
    const known = new Set((JSON.parse(baseline) as unknown[]).map((i) => JSON.stringify(i)));
    const changed = items.filter((i) => !known.has(JSON.stringify(i)));
    if (changed.length > 0) new Cite(changed).format('bibliography', { format: 'text', template: 'apa', lang: 'en-US' });
    return [];
  } catch (e) {
    return [`citation-js: ${(e as Error).message}`];
  }
}

export function checkMarkdown(md: string): string[] {
  const html = marked.parse(md, { async: false });
  const problems: string[] = [];
  for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) if (!isWeb(m[1]!)) problems.push(`diff.md renders a link to ${m[1]}`);
  const raw = /<(?:script|img|iframe|object|embed|svg|style|link|meta)\b|<[a-z][^>]*\son[a-z]+=/i.exec(html);
  if (raw) problems.push(`diff.md renders raw HTML: ${html.slice(Math.max(0, raw.index - 40), raw.index + 60)}`);
  return problems;
}

/** Opens diff.html (file://) in a page of the shared browser; no script may run, every link is http(s). */
export async function checkHtml(context: BrowserContext, file: string): Promise<string[]> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('dialog', (d) => {
    problems.push(`diff.html opened a ${d.type()} dialog`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`diff.html ran a script that failed: ${e.message}`));
  try {
    await page.goto(`file://${file}`);
    // Evaluated in the page (a string: this file is type-checked without the DOM library).
    const state = (await page.evaluate(`({
      pwned: globalThis.__pwned,
      scripts: document.scripts.length,
      images: document.images.length,
      hrefs: [...document.querySelectorAll('[href]')].map((a) => a.getAttribute('href') ?? ''),
      handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => el.tagName + ' ' + a.name)),
    })`)) as { pwned: unknown; scripts: number; images: number; hrefs: string[]; handlers: string[] };
    if (state.pwned !== undefined) problems.push(`diff.html ran injected script (__pwned = ${String(state.pwned)})`);
    if (state.scripts > 0) problems.push(`diff.html holds ${state.scripts} script element(s)`);
    if (state.images > 0) problems.push(`diff.html holds ${state.images} image(s)`);
    if (state.handlers.length > 0) problems.push(`diff.html has event handlers: ${state.handlers.join(', ')}`);
    for (const href of state.hrefs) if (!isWeb(href)) problems.push(`diff.html links to ${href}`);
  } finally {
    await page.close();
  }
  return problems;
}
