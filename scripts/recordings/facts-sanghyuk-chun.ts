/**
 * Public facts about Sanghyuk Chun's papers, from which the offline recordings
 * are assembled (scripts/recordings/assemble.ts). Nothing here was captured
 * live: `profile-sync record` replaces the recordings with real responses.
 *
 * The rule: only values a public record shows are written, each with where it
 * was seen (`seen`). A value nobody supplied is left out, never assumed: no
 * abstracts, no submission dates or times, no arXiv version numbers, no
 * categories but the ones seen, no dblp mdates or co-author pids, and no dblp
 * record whose key was not seen (dblp keys are read, never derived). The
 * synthetic stand-ins at the end exist only to exercise the pipeline's guards
 * and are marked as such; none of them can reach a published file (a test
 * checks). Where "sources.md" is cited, it is the project's reference of the
 * first user's real records (shared reference, §3), which names its own sources.
 */
export interface PaperFact {
  /** arXiv base ID, when the paper is on arXiv. */
  readonly arxiv?: string;
  /** Title and authors of the latest arXiv version, as seen. */
  readonly arxivTitle?: string;
  readonly arxivAuthors?: ReadonlyArray<string | { readonly name: string; readonly affiliations: readonly string[] }>;
  /** arXiv categories, primary first, only where a record showed them. */
  readonly categories?: readonly string[];
  /** dblp records whose keys were seen. */
  readonly dblp?: readonly DblpFact[];
  /** Where each value above was seen. */
  readonly seen: readonly string[];
}

export interface DblpFact {
  readonly key: string;
  readonly type: 'inproceedings' | 'article';
  readonly publtype?: 'informal';
  readonly title: string;
  readonly authors: readonly string[];
  readonly booktitle?: string;
  readonly journal?: string;
  readonly volume?: string;
  readonly year: number;
  readonly ee?: ReadonlyArray<string | { readonly url: string; readonly type: string }>;
  readonly url?: string;
  readonly stream?: string;
}

const CHUN = 'Sanghyuk Chun';

/** A CoRR record as dblp writes every one (key, volume, url and stream follow the arXiv ID: sources.md §2.3). */
function corr(arxiv: string, title: string, authors: readonly string[], ee: string): DblpFact {
  const dash = arxiv.replace('.', '-');
  return {
    key: `journals/corr/abs-${dash}`,
    type: 'article',
    publtype: 'informal',
    title,
    authors,
    journal: 'CoRR',
    volume: `abs/${arxiv}`,
    year: 2000 + Number(arxiv.slice(0, 2)),
    ee: [{ type: 'oa', url: ee }],
    url: `db/journals/corr/corr${arxiv.slice(0, 4)}.html#abs-${dash}`,
    stream: 'streams/journals/corr',
  };
}

export const PAPERS: readonly PaperFact[] = [
  // --- CV items (Dec 2020): sources.md §3.1 ---
  {
    arxiv: '2009.11042',
    arxivTitle: 'Few-shot Font Generation with Localized Style Representations and Factorization',
    arxivAuthors: ['Song Park', CHUN, 'Junbum Cha', 'Bado Lee', 'Hyunjung Shim'],
    categories: ['cs.CV'],
    seen: ['sources.md §3.1 (clovaai/lffont README; "on arXiv by 2020-09-25 (cs.CV)")'],
  },
  {
    arxiv: '2005.10510',
    arxivTitle: 'Few-shot Compositional Font Generation with Dual Memory',
    arxivAuthors: ['Junbum Cha', CHUN, 'Gayoung Lee', 'Bado Lee', 'Seonghyeon Kim', 'Hwalsuk Lee'],
    seen: ['sources.md §3.1 (clovaai/dmfont README)'],
  },
  {
    arxiv: '1910.02806',
    arxivTitle: 'Learning De-biased Representations with Biased Representations',
    arxivAuthors: ['Hyojin Bahng', CHUN, 'Sangdoo Yun', 'Jaegul Choo', 'Seong Joon Oh'],
    seen: ['sources.md §3.1 (clovaai/rebias README; coallaoh publications.js @4d8b27a)'],
  },
  {
    arxiv: '2001.07437',
    arxivTitle: 'Evaluating Weakly Supervised Object Localization Methods Right',
    arxivAuthors: ['Junsuk Choe', 'Seong Joon Oh', 'Seungho Lee', CHUN, 'Zeynep Akata', 'Hyunjung Shim'],
    seen: ['sources.md §3.1 (clovaai/wsolevaluation README)'],
  },
  {
    arxiv: '1905.04899',
    arxivTitle: 'CutMix: Regularization Strategy to Train Strong Classifiers with Localizable Features',
    arxivAuthors: ['Sangdoo Yun', 'Dongyoon Han', 'Seong Joon Oh', CHUN, 'Junsuk Choe', 'Youngjoon Yoo'],
    dblp: [
      corr(
        '1905.04899',
        'CutMix: Regularization Strategy to Train Strong Classifiers with Localizable Features',
        ['Sangdoo Yun', 'Dongyoon Han', 'Seong Joon Oh', CHUN, 'Junsuk Choe', 'Youngjoon Yoo'],
        'http://arxiv.org/abs/1905.04899',
      ),
    ],
    seen: ['sources.md §3.1 (the CoRR BibTeX DBLP:journals/corr/abs-1905-04899 with url http://arxiv.org/abs/1905.04899; also in a public .bib file found by the code search)'],
  },
  {
    arxiv: '1903.09760',
    arxivTitle: 'Photorealistic Style Transfer via Wavelet Transforms',
    arxivAuthors: ['Jaejun Yoo', 'Youngjung Uh', CHUN, 'Byeongkyu Kang', 'Jung-Woo Ha'],
    seen: ['sources.md §3.1 (clovaai/WCT2 README BibTeX; an arXiv-derived record)'],
  },
  {
    arxiv: '1911.04385',
    arxivTitle: 'Visualizing and Understanding Self-attention based Music Tagging',
    arxivAuthors: ['Minz Won', CHUN, 'Xavier Serra'],
    categories: ['cs.SD', 'eess.AS'],
    seen: ['sources.md §3.1 (arxivlens.com page for 1911.04385: cs.SD/eess.AS)'],
  },
  {
    arxiv: '2003.03879',
    arxivTitle: 'An Empirical Evaluation on Robustness and Uncertainty of Regularization Methods',
    arxivAuthors: [CHUN, 'Seong Joon Oh', 'Sangdoo Yun', 'Dongyoon Han', 'Junsuk Choe', 'Youngjoon Yoo'],
    seen: ['sources.md §3.1 (coallaoh publications.js chun2019icmlw)'],
  },
  {
    arxiv: '2007.04178',
    arxivTitle: 'Evaluation for Weakly Supervised Object Localization: Protocol, Metrics, and Datasets',
    arxivAuthors: ['Junsuk Choe', 'Seong Joon Oh', CHUN, 'Zeynep Akata', 'Hyunjung Shim'],
    seen: ['sources.md §3.1 (clovaai/wsolevaluation README BibTeX, 5 authors)'],
  },
  {
    // AdamP: arXiv's later title; its author list is the ICLR record's (same title), which adds Gyuwan Kim.
    arxiv: '2006.08217',
    arxivTitle: 'AdamP: Slowing Down the Slowdown for Momentum Optimizers on Scale-invariant Weights',
    arxivAuthors: ['Byeongho Heo', CHUN, 'Seong Joon Oh', 'Dongyoon Han', 'Sangdoo Yun', 'Gyuwan Kim', 'Youngjung Uh', 'Jung-Woo Ha'],
    dblp: [
      // dblp lists every cs.* arXiv paper as a CoRR record in the state it had when dblp indexed it
      // (sources.md §2.3; dblp FAQ "arXiv and published versions are never merged"): AdamP's v1, the CV's title
      // and 7 authors. Its key and volume follow the CoRR rule; its ee link form is not known and is left out.
      { ...corr('2006.08217', 'Slowing Down the Weight Norm Increase in Momentum-based Optimizers', ['Byeongho Heo', CHUN, 'Seong Joon Oh', 'Dongyoon Han', 'Sangdoo Yun', 'Youngjung Uh', 'Jung-Woo Ha'], ''), ee: [] },
      {
        key: 'conf/iclr/HeoCOHYKUH21',
        type: 'inproceedings',
        title: 'AdamP: Slowing Down the Slowdown for Momentum Optimizers on Scale-invariant Weights',
        authors: ['Byeongho Heo', CHUN, 'Seong Joon Oh', 'Dongyoon Han', 'Sangdoo Yun', 'Gyuwan Kim', 'Youngjung Uh', 'Jung-Woo Ha'],
        // dblp's XML writes the short booktitle (sources.md §2.3); its BibTeX expands it to the proceedings' name.
        booktitle: 'ICLR',
        year: 2021,
        ee: ['https://openreview.net/forum?id=Iz3zU3M316D'],
      },
    ],
    seen: ['sources.md §3.1 (arXiv v1 and later titles; v1 authors from clovaai/AdamP README arXiv\'20 BibTeX; dblp key conf/iclr/HeoCOHYKUH21, its authors, ICLR 2021 and url https://openreview.net/forum?id=Iz3zU3M316D, from the DBLP BibTeX)'],
  },
  {
    arxiv: '1906.04972',
    arxivTitle: 'Toward Interpretable Music Tagging with Self-Attention',
    arxivAuthors: ['Minz Won', CHUN, 'Xavier Serra'],
    seen: ['sources.md §3.1 (a copy of the PDF; deepai.org)'],
  },
  // --- after the CV (Dec 2020): sources.md §3.2; a 2026 sync must propose these ---
  {
    arxiv: '2101.05068',
    arxivTitle: 'Probabilistic Embeddings for Cross-Modal Retrieval',
    arxivAuthors: [CHUN, 'Seong Joon Oh', 'Rafael Sampaio de Rezende', 'Yannis Kalantidis', 'Diane Larlus'],
    seen: ['sources.md §3.2 (openaccess.thecvf.com page; coallaoh publications.js)'],
  },
  {
    arxiv: '2101.05022',
    arxivTitle: 'Re-labeling ImageNet: from Single to Multi-Labels, from Global to Localized Labels',
    arxivAuthors: ['Sangdoo Yun', 'Seong Joon Oh', 'Byeongho Heo', 'Dongyoon Han', 'Junsuk Choe', CHUN],
    seen: ['sources.md §3.2 (coallaoh publications.js)'],
  },
  {
    arxiv: '2103.16302',
    arxivTitle: 'Rethinking Spatial Dimensions of Vision Transformers',
    arxivAuthors: ['Byeongho Heo', 'Sangdoo Yun', 'Dongyoon Han', CHUN, 'Junsuk Choe', 'Seong Joon Oh'],
    seen: ['sources.md §3.2 (coallaoh publications.js)'],
  },
  {
    arxiv: '2104.00887',
    arxivTitle: 'Multiple Heads are Better than One: Few-shot Font Generation with Multiple Localized Experts',
    arxivAuthors: ['Song Park', CHUN, 'Junbum Cha', 'Bado Lee', 'Hyunjung Shim'],
    seen: ['sources.md §3.2 (clovaai/mxfont BibTeX)'],
  },
  {
    arxiv: '2106.04165',
    arxivTitle: 'Neural Hybrid Automata: Learning Dynamics with Multiple Modes and Stochastic Transitions',
    arxivAuthors: ['Michael Poli', 'Stefano Massaroli', 'Luca Scimeca', 'Seong Joon Oh', CHUN, 'Atsushi Yamashita', 'Hajime Asama', 'Jinkyoo Park', 'Animesh Garg'],
    seen: ['sources.md §3.2 (coallaoh publications.js; repository BibTeX)'],
  },
  {
    arxiv: '2110.03095',
    arxivTitle: 'Which Shortcut Cues Will DNNs Choose? A Study from the Parameter-Space Perspective',
    arxivAuthors: ['Luca Scimeca', 'Seong Joon Oh', CHUN, 'Michael Poli', 'Sangdoo Yun'],
    seen: ['sources.md §3.2 (coallaoh publications.js)'],
  },
  {
    arxiv: '2204.03359',
    arxivTitle: 'ECCV Caption: Correcting False Negatives by Collecting Machine-and-Human-verified Image-Caption Associations for MS-COCO',
    arxivAuthors: [CHUN, 'Wonjae Kim', 'Song Park', 'Minsuk Chang', 'Seong Joon Oh'],
    seen: ['sources.md §3.2 (coallaoh publications.js; ProLIP README)'],
  },
  {
    arxiv: '2305.18171',
    arxivTitle: 'Improved Probabilistic Image-Text Representations',
    arxivAuthors: [CHUN],
    seen: ['sources.md §3.2 (naver-ai/pcmepp README: sole author)'],
  },
  {
    arxiv: '2312.01998',
    arxivTitle: 'Language-only Efficient Training of Zero-shot Composed Image Retrieval',
    arxivAuthors: ['Geonmo Gu', CHUN, 'Wonjae Kim', 'Yoohoon Kang', 'Sangdoo Yun'],
    seen: ['sources.md §3.2 (README BibTeX)'],
  },
  {
    arxiv: '2410.18857',
    arxivTitle: 'Probabilistic Language-Image Pre-Training',
    arxivAuthors: [CHUN, 'Wonjae Kim', 'Song Park', 'Sangdoo Yun'],
    seen: ['sources.md §3.2 (ProLIP README)'],
  },
  {
    // The given names of the first two authors are not in the material: surnames only, as seen.
    arxiv: '2602.16704',
    arxivTitle: 'Reinforced Fast Weights with Next-Sequence Prediction',
    arxivAuthors: ['Hwang', 'Wu', { name: CHUN, affiliations: ['Princeton University'] }, 'Olga Russakovsky'],
    seen: ['sources.md §3 identity and §3.2 (repository README BibTeX; the PDF lists him at Princeton University)'],
  },
];

/**
 * Synthetic stand-ins (not real records) that exercise the pipeline's guards.
 * They are labelled in the recordings' manifest and in data/README.md; the
 * guards keep every one of them out of the published files.
 */
export const SYNTHETIC = {
  /** dblp person id of the owner in the assembled documents: his real pid is not known. */
  ownerPid: '000/0001',
  /** A homonym's dblp person page, listed among the owner's homonyms. */
  homonym: { f: 'c/Chun:Sanghyuk', key: 'homepages/000/0002', name: 'Sanghyuk Chun 0002', pid: '000/0002' },
  /** A paper by another "Sanghyuk Chun" in an unrelated field, no shared co-authors: a low-confidence candidate. */
  homonymArxiv: {
    arxiv: '2511.99999',
    arxivTitle: 'Thermal Transport in Layered Perovskite Thin Films at Cryogenic Temperatures',
    arxivAuthors: ['Minjae Park', CHUN, 'Ji-won Seo'],
    categories: ['cond-mat.mtrl-sci'],
    seen: ['synthetic'],
  } satisfies PaperFact,
  /** A record where the owner is only an editor: not his paper. */
  editorOnly: { key: 'conf/synthetic/2024w', title: 'Proceedings of the Synthetic Workshop on Reliable Machine Learning 2024', editors: [CHUN, 'Seong Joon Oh'], year: 2024, booktitle: 'Synthetic Workshop' },
  /** A homonym's paper misassigned to the page: no co-author in common, unrelated venue. */
  misassigned: { key: 'journals/synthetic/ParkCS23', title: 'Thermal Conductivity of Layered Perovskite Oxides', authors: ['Minjae Park', CHUN, 'Ji-won Seo'], journal: 'Synthetic J. Mater. Phys.', volume: '12', year: 2023 },
} as const;

export const OWNER = CHUN;
