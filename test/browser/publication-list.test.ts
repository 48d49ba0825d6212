/**
 * The web component in a real browser (Debian's chromium, headless, through
 * playwright-core), served from a loopback server in the published layout
 * (/_web/ beside /<profile>/profile.json): it renders the first user's profile
 * (screenshot kept in test-output/), says clearly when the JSON cannot be
 * fetched, and shows a <script> title as text without running it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishedProfile, PublishedWork } from '../../src/model/profile.ts';
import { stableJson } from '../../src/publish/json-schemas.ts';
import { firstUserRun } from '../helpers/first-user-run.ts';
import type { LoopbackServer } from '../helpers/loopback-server.ts';
import { jsonFile, startWebAssetSite, type WebAssetSite } from '../helpers/web-asset-site.ts';
import { REPO } from '../helpers/paths.ts';


const { output } = await firstUserRun();
// The owner marks two works as selected and gives CutMix a code link and an award (presentation fields).
const profile: PublishedProfile = {
  ...output.profile,
  publications: output.profile.publications.map((w): PublishedWork =>
    w.id === 'iccv19-cutmix' ? { ...w, selected: true, award: 'Oral presentation', links: { ...w.links, code: 'https://github.com/clovaai/CutMix-PyTorch' } } : w.id === 'arxiv20-adamp' ? { ...w, selected: true } : w,
  ),
};
const EVIL_TITLE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
const evil: PublishedProfile = {
  ...profile,
  publications: [{ ...profile.publications[0]!, title: EVIL_TITLE, venue: '<b>VENUE</b>', links: { pdf: 'javascript:window.__pwned=3', code: 'https://example.org/code' } }],
  talks: [],
};

let site: WebAssetSite;
let server: LoopbackServer;
let context: BrowserContext;

beforeAll(async () => {
  site = await startWebAssetSite({ '/sanghyuk-chun/profile.json': jsonFile(stableJson(profile)), '/evil/profile.json': jsonFile(stableJson(evil)) }, 'wc');
  ({ server, context } = site);
}, 60_000);

afterAll(async () => {
  await site?.close();
});

async function open(profileId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/_web/demo.html?profile=${profileId}`);
  return page;
}

describe('<publication-list> in headless chromium', () => {
  it('renders the first user\'s profile: years, the owner, marks and legend, venue badges, named links, talks; screenshot kept', async () => {
    const page = await open('sanghyuk-chun');
    const [selected, all] = [page.locator('publication-list').nth(0), page.locator('publication-list').nth(1)];
    await expect.poll(() => all.locator('li.work').count()).toBe(profile.publications.length);
    expect(await selected.locator('li.work').count()).toBe(2);
    expect(await selected.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual(['Selected publications']);
    expect(await all.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual(['2021', '2020', '2019', '2018', '2017']);
    expect(await all.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual(['Publications', 'Talks']);
    expect(await all.locator('li.talk').count()).toBe(profile.talks.length);
    // The owner is emphasised in every entry; equal-contribution marks come with their legend.
    expect(await all.locator('strong.owner').count()).toBe(profile.publications.length);
    expect(new Set(await all.locator('strong.owner').allInnerTexts())).toEqual(new Set(['Sanghyuk Chun']));
    const marks = profile.publications.flatMap((w) => w.authors).filter((a) => a.equalContribution).length;
    expect(await all.locator('.authors sup').count()).toBe(marks);
    expect(await all.locator('.legend').innerText()).toBe('* Equal contribution');
    const cutmix = all.locator('#pub-iccv19-cutmix');
    expect(await cutmix.locator('.venue').innerText()).toBe("ICCV'19");
    expect(await cutmix.locator('.award').innerText()).toBe('Oral presentation');
    const title = 'CutMix: Regularization Strategy to Train Strong Classifiers with Localizable Features';
    expect(await cutmix.getByRole('link', { name: `Code: ${title}` }).getAttribute('href')).toBe('https://github.com/clovaai/CutMix-PyTorch');
    expect(await cutmix.getByRole('link', { name: `PDF: ${title}` }).getAttribute('href')).toBe('https://arxiv.org/pdf/1905.04899');
    // The preprint is shown as the preprint: its badge, no link to the unaccepted ICLR version.
    const adamp = all.locator('#pub-arxiv20-adamp');
    expect(await adamp.locator('.venue').innerText()).toBe("arXiv'20");
    expect(await adamp.locator('a').allInnerTexts()).toEqual(['arXiv', 'PDF']);
    mkdirSync(join(REPO, 'test-output'), { recursive: true });
    await page.screenshot({ path: join(REPO, 'test-output', 'publication-list-sanghyuk-chun.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('says clearly when the JSON cannot be fetched', async () => {
    const page = await open('no-such-profile');
    const alerts = page.locator('publication-list').first().getByRole('alert');
    await expect.poll(() => alerts.count()).toBe(1);
    expect(await alerts.innerText()).toBe('The publications could not be loaded from ../no-such-profile/profile.json: the server answered HTTP 404.');
    await page.close();
  }, 60_000);

  it('shows a <script> title as text and never runs it; a javascript: link is not made', async () => {
    const page = await open('evil');
    const list = page.locator('publication-list').nth(1);
    await expect.poll(() => list.locator('li.work').count()).toBe(1);
    await page.waitForTimeout(200);
    expect(await list.locator('.title').first().textContent()).toBe(EVIL_TITLE);
    expect(await list.locator('.venue').first().textContent()).toBe('<b>VENUE</b>');
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await list.locator('img, script, b').count()).toBe(0);
    expect(await list.locator('a').allInnerTexts()).toEqual(['Code']);
    await page.close();
  }, 60_000);
});
