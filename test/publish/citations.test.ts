/** CSL-JSON checked by a CSL processor (citation-js), BibTeX parsed back, JSON-LD shape. */
// @ts-expect-error citation-js ships no type declarations
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import { describe, expect, it } from 'vitest';
import { bibEscape, toBibtex, toCslJson, toJsonLd } from '../../src/publish/render-citations.ts';
import { firstUserRun } from '../helpers/first-user-run.ts';

interface CslItem {
  id: string;
  type: string;
  title: string;
  author: Array<{ given: string; family: string }>;
  issued: { 'date-parts': number[][] };
  DOI?: string;
  note?: string;
  'container-title'?: string;
}

describe('citation formats of the first user\'s profile', async () => {
  const { output } = await firstUserRun();
  const profile = output.profile;

  it('CSL-JSON: a CSL processor reads every item and formats a bibliography', () => {
    const csl = toCslJson(profile) as unknown as CslItem[];
    const cite = new Cite(csl);
    const items = cite.data as CslItem[];
    expect(items).toHaveLength(profile.publications.length);
    const lf = items.find((i) => i.id === 'aaai21-lf-font')!;
    expect(lf).toMatchObject({ type: 'paper-conference', title: 'Few-shot Font Generation with Localized Style Representations and Factorization', 'container-title': 'AAAI', DOI: '10.1609/aaai.v35i3.16340', note: 'Equal contribution: Song Park, Sanghyuk Chun' });
    expect(lf.author[1]).toEqual({ given: 'Sanghyuk', family: 'Chun' });
    const bibliography = cite.format('bibliography', { format: 'text', template: 'apa', lang: 'en-US' }) as string;
    expect(bibliography).toContain('Park, S., Chun, S., Cha, J., Lee, B., & Shim, H. (2021). Few-shot Font Generation');
  });

  it('BibTeX: parses back with every entry, author, DOI, arXiv ID and the owner\'s venue label', () => {
    const bib = toBibtex(profile);
    const back = new Cite(bib).data as CslItem[];
    expect(back).toHaveLength(profile.publications.length);
    const adamp = back.find((i) => i.id === 'arxiv20-adamp')!;
    expect(adamp.title).toBe('Slowing Down the Weight Norm Increase in Momentum-based Optimizers');
    expect(adamp.author.map((a) => `${a.given} ${a.family}`)).toEqual(['Byeongho Heo', 'Sanghyuk Chun', 'Seong Joon Oh', 'Dongyoon Han', 'Sangdoo Yun', 'Youngjung Uh', 'Jung-Woo Ha']);
    expect(bib).toMatch(/@misc\{arxiv20-adamp,[\s\S]*?eprint = \{2006\.08217\}[\s\S]*?note = \{arXiv'20\. Equal contribution: Byeongho Heo, Sanghyuk Chun\}/);
    expect(bib).toMatch(/@inproceedings\{iccv19-cutmix,[\s\S]*?doi = \{10\.1109\/ICCV\.2019\.00612\}/);
  });

  it('BibTeX escapes specials so titles cannot break the file', () => {
    expect(bibEscape('50% of {x} & y_z #1 $5 \\o/ ~^')).toBe('50\\% of \\{x\\} \\& y\\_z \\#1 \\$5 \\textbackslash{}o/ \\textasciitilde{}\\textasciicircum{}');
  });

  it('JSON-LD: one ScholarlyArticle per publication', () => {
    const ld = toJsonLd(profile) as { '@context': string; '@graph': Array<Record<string, unknown>> };
    expect(ld['@context']).toBe('https://schema.org');
    expect(ld['@graph']).toHaveLength(profile.publications.length);
    expect(ld['@graph'].find((x) => x['@id'] === '#iccv19-cutmix')).toMatchObject({ '@type': 'ScholarlyArticle', identifier: { propertyID: 'DOI', value: '10.1109/ICCV.2019.00612' } });
  });
});
