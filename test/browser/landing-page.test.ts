/**
 * The landing pages (public/<profile>/papers/<work>.html) of the first user, as
 * published by a sync: each validates as HTML (html-validate, its recommended
 * rules), its Highwire citation_* meta tags read back by an HTML parser
 * (cheerio) say what the work is, its inline JSON-LD has a headline and links
 * the owner, and chromium shows title, authors, venue, links and the BibTeX
 * entry with no script run and no console error (screenshot in test-output/).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load as loadHtml } from 'cheerio';
import { HtmlValidate } from 'html-validate';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishedProfile } from '../../src/model/profile.ts';
import { runSync } from '../../src/pipeline/sync.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { launchChromium } from '../helpers/browser.ts';
import { DATA, FIRST_PROFILE as P, REPO } from '../helpers/paths.ts';

const root = mkdtempSync(join(tmpdir(), 'ps-landing-'));
const store = new FsStore(root);
await runSync({ dataDir: DATA, store, profiles: [P], runId: '20261128T030000Z', now: new Date('2026-11-28T03:00:00Z'), sources: { kind: 'replay' } });
const read = async (key: string) => Buffer.from((await store.get(key))!.body).toString('utf8');
const profile = JSON.parse(await read(`public/${P}/profile.json`)) as PublishedProfile;
const page = (id: string) => read(`public/${P}/papers/${id}.html`);

let browser: BrowserContext;
beforeAll(async () => {
  browser = await launchChromium(mkdtempSync(join(tmpdir(), 'ps-landing-browser-')), { viewport: { width: 900, height: 1000 } });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe('landing pages', () => {
  it('one per work, listed in the run\'s publish record (so a rollback restores them)', async () => {
    expect((await store.list(`public/${P}/papers/`)).sort()).toEqual(profile.publications.map((w) => `public/${P}/papers/${w.id}.html`).sort());
    const latest = JSON.parse(await read(`reports/${P}/latest.json`)) as { runId: string };
    const record = JSON.parse(await read(`reports/${P}/${latest.runId}/published.json`)) as { objects: Array<{ key: string; contentType: string }> };
    const pages = record.objects.filter((o) => o.key.startsWith(`public/${P}/papers/`));
    expect(pages).toHaveLength(profile.publications.length);
    expect(new Set(pages.map((o) => o.contentType))).toEqual(new Set(['text/html; charset=utf-8']));
  });

  it('every page validates as HTML (html-validate, recommended rules but long-title)', async () => {
    // long-title (an SEO advice: at most 70 characters) is off: the <title> is the paper's title, as written.
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } });
    for (const w of profile.publications) {
      const report = await validator.validateString(await page(w.id));
      expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line})`)), w.id).toEqual([]);
    }
  });

  it('Highwire citation_* tags, read back by an HTML parser, say what CutMix is', async () => {
    const $ = loadHtml(await page('iccv19-cutmix'));
    const meta = (name: string) => $(`meta[name="${name}"]`).toArray().map((e) => $(e).attr('content'));
    expect(meta('citation_title')).toEqual(['CutMix: Regularization Strategy to Train Strong Classifiers with Localizable Features']);
    expect(meta('citation_author')).toEqual(['Sangdoo Yun', 'Dongyoon Han', 'Seong Joon Oh', 'Sanghyuk Chun', 'Junseok Choi', 'Youngjoon Yoo']);
    expect(meta('citation_publication_date')).toEqual(['2019']);
    expect(meta('citation_conference_title')).toEqual(['IEEE/CVF International Conference on Computer Vision (ICCV)']);
    expect(meta('citation_journal_title')).toEqual([]);
    expect(meta('citation_pdf_url')).toEqual(['https://arxiv.org/pdf/1905.04899']);
    expect(meta('citation_arxiv_id')).toEqual(['1905.04899']);
    const ld = JSON.parse($('script[type="application/ld+json"]').text()) as { headline: string; author: Array<{ name: string; url?: string }> };
    expect(ld.headline).toBe('CutMix: Regularization Strategy to Train Strong Classifiers with Localizable Features');
    expect(ld.author.find((a) => a.name === 'Sanghyuk Chun')?.url).toBe(profile.person.homepage);
  });

  it('a preprint has no conference or journal title; a work with no identifier still has its title, authors and year', async () => {
    const $ = loadHtml(await page('arxiv20-adamp'));
    expect($('meta[name="citation_conference_title"], meta[name="citation_journal_title"]').length).toBe(0);
    expect($('meta[name="citation_arxiv_id"]').attr('content')).toBe('2006.08217');
    const bare = loadHtml(await page('bigdata17-push-notification'));
    expect(bare('meta[name="citation_title"]').length).toBe(1);
    expect(bare('meta[name="citation_publication_date"]').attr('content')).toBe('2017');
  });

  it('chromium shows it with no script run and no console error', async () => {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    tab.on('pageerror', (e) => errors.push(e.message));
    try {
      await tab.goto(`file://${join(root, 'public', P, 'papers', 'iccv19-wct2.html')}`);
      const shown = (await tab.evaluate(`({ h1: document.querySelector('h1').textContent, owner: document.querySelector('.authors strong').textContent, legend: document.querySelector('.legend')?.textContent, links: [...document.querySelectorAll('.links a')].map((a) => a.textContent), bib: document.querySelector('pre code').textContent })`)) as { h1: string; owner: string; legend?: string; links: string[]; bib: string };
      expect(shown.h1).toBe('Photorealistic Style Transfer via Wavelet Transforms');
      expect(shown.owner).toBe('Sanghyuk Chun*');
      expect(shown.legend).toBe('* Equal contribution');
      expect(shown.links).toEqual(['arXiv', 'PDF']);
      expect(shown.bib).toMatch(/^@inproceedings\{iccv19-wct2,/);
      expect(errors).toEqual([]);
      mkdirSync(join(REPO, 'test-output'), { recursive: true });
      await tab.screenshot({ path: join(REPO, 'test-output', 'landing-page-iccv19-wct2.png'), fullPage: true });
    } finally {
      await tab.close();
    }
  });
});
