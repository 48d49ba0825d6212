import { describe, expect, it } from 'vitest';
import { compareNames } from '../../src/text/name-similarity.ts';
import { normalizeTitle, titleSimilarity } from '../../src/text/normalize-title.ts';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { shellWord } from '../../src/text/shell-word.ts';

describe('title normalisation', () => {
  it('folds case, Unicode, LaTeX, HTML, punctuation, hyphens and the dblp trailing period', () => {
    expect(normalizeTitle('CutMix: Regularization Strategy to Train Strong Classifiers With Localizable Features.')).toBe(
      normalizeTitle('CutMix: Regularization Strategy to Train Strong Classifiers with Localizable Features'),
    );
    expect(normalizeTitle('Few-shot Font Generation')).toBe('few shot font generation');
    expect(normalizeTitle('On $\\sigma$-models &amp; <i>Wilson</i> loops')).toBe(normalizeTitle('On σ-models & Wilson loops'));
    expect(normalizeTitle('Ｆｕｌｌｗｉｄｔｈ Café')).toBe('fullwidth cafe');
    expect(normalizeTitle('Data-driven Harmonic Filters')).toBe(normalizeTitle('Data-Driven Harmonic Filters.'));
  });

  it('similarity separates near-identical titles from merely related ones', () => {
    const a = normalizeTitle('Few-shot Compositional Font Generation with Dual Memory');
    const b = normalizeTitle('Toward High-quality Few-shot Font Generation with Dual Memory');
    expect(titleSimilarity(a, a)).toBe(1);
    expect(titleSimilarity(a, b)).toBeLessThan(0.85);
    expect(titleSimilarity(normalizeTitle('Re-labeling ImageNet: from Single to Multi-Labels, from Global to Localized Labels'), normalizeTitle('Re-Labeling ImageNet: From Single to Multi-Labels, From Global to Localized Labels.'))).toBe(1);
    expect(titleSimilarity(normalizeTitle('Language-only Efficient Training of Zero-shot Composed Image Retrieval'), normalizeTitle('Language-only Training of Zero-shot Composed Image Retrieval'))).toBeGreaterThan(0.9);
  });
});

describe('name comparison', () => {
  it.each([
    ['Junseok Choi', 'Junsuk Choe', 'variant'],
    ['Seongho Lee', 'Seungho Lee', 'variant'],
    ['Byungkyu Kang', 'Byeongkyu Kang', 'variant'],
    ['Jung-woo Ha', 'Jung-Woo Ha', 'exact'],
    ['YoungJoon Yoo', 'Youngjoon Yoo', 'exact'],
    ['Seong Joon Oh', 'Seongjoon Oh', 'exact'],
    ['S. J. Oh', 'Seong Joon Oh', 'variant'],
    ['S. Chun', 'Sanghyuk Chun', 'variant'],
    ['Chun, Sanghyuk', 'Sanghyuk Chun', 'exact'],
    ['Sanghyuk Chun 0001', 'Sanghyuk Chun', 'exact'],
    ['Jihoon Kim', 'Ji-Hoon Kim', 'exact'],
    ['Junsuk Choe', 'Junbum Cha', 'different'],
    ['Sangdoo Yun', 'Sanghyuk Chun', 'different'],
    ['Seong Joon Oh', 'Seonghyeon Kim', 'different'],
    ['Minjae Park', 'Song Park', 'different'],
    ['Hwang', 'Jisung Hwang', 'different'],
  ])('%s vs %s: %s', (a, b, expected) => expect(compareNames(a, b)).toBe(expected));
});

describe('ids shown ready to paste into a shell', () => {
  const run = (line: string) => spawnSync('bash', ['-O', 'failglob', '-c', `printf %s ${line}`], { encoding: 'utf8', cwd: tmpdir() });
  it('a difference id with [ ] is quoted, and bash (failglob, as zsh does by default) gets it back whole; plain ids stay as they are', () => {
    const diff = 'diff:cvpr20-wsol-eval:authors[2].name:1eb1548462';
    expect(run(diff).status).not.toBe(0); // unquoted: "no match" for the pattern, as zsh says
    expect(shellWord(diff)).toBe(`'${diff}'`);
    expect(run(shellWord(diff))).toMatchObject({ status: 0, stdout: diff });
    for (const id of ['cand:arxiv-2410-18857', 'event:arxiv20-adamp:published:conf/iclr/HeoCOHYKUH21']) expect(shellWord(id)).toBe(id);
    const odd = "diff:w:title:it's";
    expect(run(shellWord(odd))).toMatchObject({ status: 0, stdout: odd });
  });
});
