/**
 * Public facts about Sanghyuk Chun's papers (../shared/reference/sources.md §3),
 * from which the offline recordings are assembled. Nothing here was captured
 * live: `profile-sync record` replaces the recordings with real responses.
 * What is approximate or synthetic is marked, and data/README.md says so too.
 */
export interface PaperFact {
  /** arXiv base ID, when the paper is on arXiv. */
  readonly arxiv?: string;
  /** Latest arXiv version (assembled: 1 unless a later one is known). */
  readonly arxivVersion?: number;
  /** Title and authors of the latest arXiv version. */
  readonly arxivTitle?: string;
  readonly arxivAuthors?: ReadonlyArray<string | { readonly name: string; readonly affiliations: readonly string[] }>;
  /** v1 submission date (approximate: the ID fixes the month, the day is assumed). */
  readonly submitted?: string;
  readonly categories?: readonly string[];
  readonly arxivDoi?: string;
  readonly arxivComment?: string;
  /** dblp CoRR record as of dblp's monthly snapshot (v1 title and authors). */
  readonly corr?: { readonly title: string; readonly authors: readonly string[]; readonly mdate: string };
  /** dblp venue record. Keys follow dblp's pattern; only conf/iclr/HeoCOHYKUH21 was seen. */
  readonly venue?: {
    readonly key: string;
    readonly type: 'inproceedings' | 'article';
    readonly title: string;
    readonly authors: readonly string[];
    readonly booktitle?: string;
    readonly journal?: string;
    readonly year: number;
    readonly pages?: string;
    readonly ee?: readonly string[];
    readonly crossref?: string;
    readonly mdate: string;
  };
  /** Synthetic stand-in (not a real record). */
  readonly synthetic?: string;
}

const CHUN = 'Sanghyuk Chun';

export const PAPERS: readonly PaperFact[] = [
  // --- CV items (Dec 2020) ---
  {
    arxiv: '2009.11042', submitted: '2020-09-23T12:00:00Z',
    arxivTitle: 'Few-shot Font Generation with Localized Style Representations and Factorization',
    arxivAuthors: ['Song Park', CHUN, 'Junbum Cha', 'Bado Lee', 'Hyunjung Shim'],
    corr: { title: 'Few-shot Font Generation with Localized Style Representations and Factorization', authors: ['Song Park', CHUN, 'Junbum Cha', 'Bado Lee', 'Hyunjung Shim'], mdate: '2020-09-28' },
    venue: { key: 'conf/aaai/ParkCCLS21', type: 'inproceedings', title: 'Few-shot Font Generation with Localized Style Representations and Factorization', authors: ['Song Park', CHUN, 'Junbum Cha', 'Bado Lee', 'Hyunjung Shim'], booktitle: 'AAAI', year: 2021, pages: '2393-2402', ee: ['https://doi.org/10.1609/aaai.v35i3.16340'], crossref: 'conf/aaai/2021', mdate: '2022-09-28' },
  },
  {
    arxiv: '2005.10510', submitted: '2020-05-21T12:00:00Z',
    arxivTitle: 'Few-shot Compositional Font Generation with Dual Memory',
    arxivAuthors: ['Junbum Cha', CHUN, 'Gayoung Lee', 'Bado Lee', 'Seonghyeon Kim', 'Hwalsuk Lee'],
    corr: { title: 'Few-shot Compositional Font Generation with Dual Memory', authors: ['Junbum Cha', CHUN, 'Gayoung Lee', 'Bado Lee', 'Seonghyeon Kim', 'Hwalsuk Lee'], mdate: '2020-05-27' },
    venue: { key: 'conf/eccv/ChaCLLKL20', type: 'inproceedings', title: 'Few-Shot Compositional Font Generation with Dual Memory', authors: ['Junbum Cha', CHUN, 'Gayoung Lee', 'Bado Lee', 'Seonghyeon Kim', 'Hwalsuk Lee'], booktitle: 'ECCV (19)', year: 2020, pages: '735-751', ee: ['https://doi.org/10.1007/978-3-030-58529-7_43'], crossref: 'conf/eccv/2020-19', mdate: '2020-11-03' },
  },
  {
    arxiv: '1910.02806', submitted: '2019-10-07T12:00:00Z',
    arxivTitle: 'Learning De-biased Representations with Biased Representations',
    arxivAuthors: ['Hyojin Bahng', CHUN, 'Sangdoo Yun', 'Jaegul Choo', 'Seong Joon Oh'],
    corr: { title: 'Learning De-biased Representations with Biased Representations', authors: ['Hyojin Bahng', CHUN, 'Sangdoo Yun', 'Jaegul Choo', 'Seong Joon Oh'], mdate: '2019-10-10' },
    venue: { key: 'conf/icml/BahngCYCO20', type: 'inproceedings', title: 'Learning De-biased Representations with Biased Representations', authors: ['Hyojin Bahng', CHUN, 'Sangdoo Yun', 'Jaegul Choo', 'Seong Joon Oh'], booktitle: 'ICML', year: 2020, pages: '528-539', ee: ['http://proceedings.mlr.press/v119/bahng20a.html'], crossref: 'conf/icml/2020', mdate: '2020-12-01' },
  },
  {
    arxiv: '2001.07437', submitted: '2020-01-21T12:00:00Z',
    arxivTitle: 'Evaluating Weakly Supervised Object Localization Methods Right',
    arxivAuthors: ['Junsuk Choe', 'Seong Joon Oh', 'Seungho Lee', CHUN, 'Zeynep Akata', 'Hyunjung Shim'],
    corr: { title: 'Evaluating Weakly Supervised Object Localization Methods Right', authors: ['Junsuk Choe', 'Seong Joon Oh', 'Seungho Lee', CHUN, 'Zeynep Akata', 'Hyunjung Shim'], mdate: '2020-01-28' },
    venue: { key: 'conf/cvpr/ChoeOLCAS20', type: 'inproceedings', title: 'Evaluating Weakly Supervised Object Localization Methods Right', authors: ['Junsuk Choe', 'Seong Joon Oh', 'Seungho Lee', CHUN, 'Zeynep Akata', 'Hyunjung Shim'], booktitle: 'CVPR', year: 2020, pages: '3130-3139', ee: ['https://openaccess.thecvf.com/content_CVPR_2020/html/Choe_Evaluating_Weakly_Supervised_Object_Localization_Methods_Right_CVPR_2020_paper.html'], crossref: 'conf/cvpr/2020', mdate: '2020-08-05' },
  },
  {
    arxiv: '1905.04899', arxivVersion: 2, submitted: '2019-05-13T09:40:59Z', arxivDoi: '10.1109/ICCV.2019.00612', arxivComment: 'Accepted at ICCV 2019 (oral talk)',
    arxivTitle: 'CutMix: Regularization Strategy to Train Strong Classifiers with Localizable Features',
    arxivAuthors: ['Sangdoo Yun', 'Dongyoon Han', 'Seong Joon Oh', CHUN, 'Junsuk Choe', 'Youngjoon Yoo'],
    corr: { title: 'CutMix: Regularization Strategy to Train Strong Classifiers with Localizable Features', authors: ['Sangdoo Yun', 'Dongyoon Han', 'Seong Joon Oh', CHUN, 'Junsuk Choe', 'Youngjoon Yoo'], mdate: '2019-05-28' },
    // IEEE/DBLP order differs from arXiv: Chun before Oh, Yoo before Choe.
    venue: { key: 'conf/iccv/YunHCOYC19', type: 'inproceedings', title: 'CutMix: Regularization Strategy to Train Strong Classifiers With Localizable Features', authors: ['Sangdoo Yun', 'Dongyoon Han', CHUN, 'Seong Joon Oh', 'Youngjoon Yoo', 'Junsuk Choe'], booktitle: 'ICCV', year: 2019, pages: '6022-6031', ee: ['https://doi.org/10.1109/ICCV.2019.00612'], crossref: 'conf/iccv/2019', mdate: '2020-03-04' },
  },
  {
    arxiv: '1903.09760', submitted: '2019-03-23T12:00:00Z',
    arxivTitle: 'Photorealistic Style Transfer via Wavelet Transforms',
    arxivAuthors: ['Jaejun Yoo', 'Youngjung Uh', CHUN, 'Byeongkyu Kang', 'Jung-Woo Ha'],
    corr: { title: 'Photorealistic Style Transfer via Wavelet Transforms', authors: ['Jaejun Yoo', 'Youngjung Uh', CHUN, 'Byeongkyu Kang', 'Jung-Woo Ha'], mdate: '2019-03-28' },
    venue: { key: 'conf/iccv/YooUCKH19', type: 'inproceedings', title: 'Photorealistic Style Transfer via Wavelet Transforms', authors: ['Jaejun Yoo', 'Youngjung Uh', CHUN, 'Byeongkyu Kang', 'Jung-Woo Ha'], booktitle: 'ICCV', year: 2019, pages: '9035-9044', crossref: 'conf/iccv/2019', mdate: '2020-04-01' },
  },
  {
    venue: { key: 'conf/icassp/WonCNS20', type: 'inproceedings', title: 'Data-Driven Harmonic Filters for Audio Representation Learning', authors: ['Minz Won', CHUN, 'Oriol Nieto', 'Xavier Serra'], booktitle: 'ICASSP', year: 2020, pages: '536-540', ee: ['https://doi.org/10.1109/ICASSP40776.2020.9053669'], crossref: 'conf/icassp/2020', mdate: '2020-05-26' },
  },
  {
    arxiv: '1911.04385', submitted: '2019-11-12T12:00:00Z', categories: ['cs.SD', 'eess.AS'],
    arxivTitle: 'Visualizing and Understanding Self-attention based Music Tagging',
    arxivAuthors: ['Minz Won', CHUN, 'Xavier Serra'],
    corr: { title: 'Visualizing and Understanding Self-attention based Music Tagging', authors: ['Minz Won', CHUN, 'Xavier Serra'], mdate: '2019-11-19' },
  },
  {
    arxiv: '2003.03879', submitted: '2020-03-09T12:00:00Z', categories: ['cs.LG', 'stat.ML'],
    arxivTitle: 'An Empirical Evaluation on Robustness and Uncertainty of Regularization Methods',
    arxivAuthors: [CHUN, 'Seong Joon Oh', 'Sangdoo Yun', 'Dongyoon Han', 'Junsuk Choe', 'Youngjoon Yoo'],
    corr: { title: 'An Empirical Evaluation on Robustness and Uncertainty of Regularization Methods', authors: [CHUN, 'Seong Joon Oh', 'Sangdoo Yun', 'Dongyoon Han', 'Junsuk Choe', 'Youngjoon Yoo'], mdate: '2020-03-16' },
  },
  {
    arxiv: '2007.04178', submitted: '2020-07-08T12:00:00Z',
    arxivTitle: 'Evaluation for Weakly Supervised Object Localization: Protocol, Metrics, and Datasets',
    arxivAuthors: ['Junsuk Choe', 'Seong Joon Oh', CHUN, 'Zeynep Akata', 'Hyunjung Shim'],
    corr: { title: 'Evaluation for Weakly Supervised Object Localization: Protocol, Metrics, and Datasets', authors: ['Junsuk Choe', 'Seong Joon Oh', CHUN, 'Zeynep Akata', 'Hyunjung Shim'], mdate: '2020-07-14' },
  },
  {
    // AdamP: the arXiv title changed and Gyuwan Kim was added for ICLR 2021; dblp's CoRR record keeps v1.
    arxiv: '2006.08217', arxivVersion: 3, submitted: '2020-06-15T08:35:15Z', categories: ['cs.LG', 'cs.CV', 'stat.ML'],
    arxivTitle: 'AdamP: Slowing Down the Slowdown for Momentum Optimizers on Scale-invariant Weights',
    arxivAuthors: ['Byeongho Heo', CHUN, 'Seong Joon Oh', 'Dongyoon Han', 'Sangdoo Yun', 'Gyuwan Kim', 'Youngjung Uh', 'Jung-Woo Ha'],
    corr: { title: 'Slowing Down the Weight Norm Increase in Momentum-based Optimizers', authors: ['Byeongho Heo', CHUN, 'Seong Joon Oh', 'Dongyoon Han', 'Sangdoo Yun', 'Youngjung Uh', 'Jung-Woo Ha'], mdate: '2020-06-18' },
    venue: { key: 'conf/iclr/HeoCOHYKUH21', type: 'inproceedings', title: 'AdamP: Slowing Down the Slowdown for Momentum Optimizers on Scale-invariant Weights', authors: ['Byeongho Heo', CHUN, 'Seong Joon Oh', 'Dongyoon Han', 'Sangdoo Yun', 'Gyuwan Kim', 'Youngjung Uh', 'Jung-Woo Ha'], booktitle: 'ICLR', year: 2021, ee: ['https://openreview.net/forum?id=Iz3zU3M316D'], crossref: 'conf/iclr/2021', mdate: '2021-06-28' },
  },
  {
    arxiv: '1906.04972', submitted: '2019-06-12T12:00:00Z', categories: ['cs.SD', 'eess.AS'],
    arxivTitle: 'Toward Interpretable Music Tagging with Self-Attention',
    arxivAuthors: ['Minz Won', CHUN, 'Xavier Serra'],
    corr: { title: 'Toward Interpretable Music Tagging with Self-Attention', authors: ['Minz Won', CHUN, 'Xavier Serra'], mdate: '2019-06-18' },
  },
  // --- after the CV (Dec 2020): a 2026 sync must propose these ---
  {
    arxiv: '2101.05068', submitted: '2021-01-13T12:00:00Z',
    arxivTitle: 'Probabilistic Embeddings for Cross-Modal Retrieval',
    arxivAuthors: [CHUN, 'Seong Joon Oh', 'Rafael Sampaio de Rezende', 'Yannis Kalantidis', 'Diane Larlus'],
    corr: { title: 'Probabilistic Embeddings for Cross-Modal Retrieval', authors: [CHUN, 'Seong Joon Oh', 'Rafael Sampaio de Rezende', 'Yannis Kalantidis', 'Diane Larlus'], mdate: '2021-01-20' },
    venue: { key: 'conf/cvpr/ChunORKL21', type: 'inproceedings', title: 'Probabilistic Embeddings for Cross-Modal Retrieval', authors: [CHUN, 'Seong Joon Oh', 'Rafael Sampaio de Rezende', 'Yannis Kalantidis', 'Diane Larlus'], booktitle: 'CVPR', year: 2021, pages: '8415-8424', crossref: 'conf/cvpr/2021', mdate: '2021-11-15' },
  },
  {
    arxiv: '2101.05022', submitted: '2021-01-13T12:00:00Z',
    arxivTitle: 'Re-labeling ImageNet: from Single to Multi-Labels, from Global to Localized Labels',
    arxivAuthors: ['Sangdoo Yun', 'Seong Joon Oh', 'Byeongho Heo', 'Dongyoon Han', 'Junsuk Choe', CHUN],
    venue: { key: 'conf/cvpr/YunOHHCC21', type: 'inproceedings', title: 'Re-Labeling ImageNet: From Single to Multi-Labels, From Global to Localized Labels', authors: ['Sangdoo Yun', 'Seong Joon Oh', 'Byeongho Heo', 'Dongyoon Han', 'Junsuk Choe', CHUN], booktitle: 'CVPR', year: 2021, crossref: 'conf/cvpr/2021', mdate: '2021-11-15' },
  },
  {
    arxiv: '2103.16302', submitted: '2021-03-30T12:00:00Z',
    arxivTitle: 'Rethinking Spatial Dimensions of Vision Transformers',
    arxivAuthors: ['Byeongho Heo', 'Sangdoo Yun', 'Dongyoon Han', CHUN, 'Junsuk Choe', 'Seong Joon Oh'],
    venue: { key: 'conf/iccv/HeoYHCCO21', type: 'inproceedings', title: 'Rethinking Spatial Dimensions of Vision Transformers', authors: ['Byeongho Heo', 'Sangdoo Yun', 'Dongyoon Han', CHUN, 'Junsuk Choe', 'Seong Joon Oh'], booktitle: 'ICCV', year: 2021, crossref: 'conf/iccv/2021', mdate: '2022-03-01' },
  },
  {
    arxiv: '2104.00887', submitted: '2021-04-02T12:00:00Z',
    arxivTitle: 'Multiple Heads are Better than One: Few-shot Font Generation with Multiple Localized Experts',
    arxivAuthors: ['Song Park', CHUN, 'Junbum Cha', 'Bado Lee', 'Hyunjung Shim'],
    venue: { key: 'conf/iccv/ParkCCLS21', type: 'inproceedings', title: 'Multiple Heads are Better than One: Few-shot Font Generation with Multiple Localized Experts', authors: ['Song Park', CHUN, 'Junbum Cha', 'Bado Lee', 'Hyunjung Shim'], booktitle: 'ICCV', year: 2021, crossref: 'conf/iccv/2021', mdate: '2022-03-01' },
  },
  {
    arxiv: '2106.04165', submitted: '2021-06-08T12:00:00Z', categories: ['cs.LG'],
    arxivTitle: 'Neural Hybrid Automata: Learning Dynamics with Multiple Modes and Stochastic Transitions',
    arxivAuthors: ['Michael Poli', 'Stefano Massaroli', 'Luca Scimeca', 'Seong Joon Oh', CHUN, 'Atsushi Yamashita', 'Hajime Asama', 'Jinkyoo Park', 'Animesh Garg'],
    venue: { key: 'conf/nips/PoliMSOCYAPG21', type: 'inproceedings', title: 'Neural Hybrid Automata: Learning Dynamics with Multiple Modes and Stochastic Transitions', authors: ['Michael Poli', 'Stefano Massaroli', 'Luca Scimeca', 'Seong Joon Oh', CHUN, 'Atsushi Yamashita', 'Hajime Asama', 'Jinkyoo Park', 'Animesh Garg'], booktitle: 'NeurIPS', year: 2021, crossref: 'conf/nips/2021', mdate: '2022-01-20' },
  },
  {
    arxiv: '2110.03095', submitted: '2021-10-06T12:00:00Z', categories: ['cs.LG'],
    arxivTitle: 'Which Shortcut Cues Will DNNs Choose? A Study from the Parameter-Space Perspective',
    arxivAuthors: ['Luca Scimeca', 'Seong Joon Oh', CHUN, 'Michael Poli', 'Sangdoo Yun'],
    venue: { key: 'conf/iclr/ScimecaOCPY22', type: 'inproceedings', title: 'Which Shortcut Cues Will DNNs Choose? A Study from the Parameter-Space Perspective', authors: ['Luca Scimeca', 'Seong Joon Oh', CHUN, 'Michael Poli', 'Sangdoo Yun'], booktitle: 'ICLR', year: 2022, crossref: 'conf/iclr/2022', mdate: '2022-08-01' },
  },
  {
    arxiv: '2204.03359', submitted: '2022-04-07T12:00:00Z',
    arxivTitle: 'ECCV Caption: Correcting False Negatives by Collecting Machine-and-Human-verified Image-Caption Associations for MS-COCO',
    arxivAuthors: [CHUN, 'Wonjae Kim', 'Song Park', 'Minsuk Chang', 'Seong Joon Oh'],
    venue: { key: 'conf/eccv/ChunKPCO22', type: 'inproceedings', title: 'ECCV Caption: Correcting False Negatives by Collecting Machine-and-Human-verified Image-Caption Associations for MS-COCO', authors: [CHUN, 'Wonjae Kim', 'Song Park', 'Minsuk Chang', 'Seong Joon Oh'], booktitle: 'ECCV (8)', year: 2022, crossref: 'conf/eccv/2022-8', mdate: '2022-11-01' },
  },
  {
    arxiv: '2305.18171', submitted: '2023-05-29T12:00:00Z', categories: ['cs.CV', 'cs.LG'],
    arxivTitle: 'Improved Probabilistic Image-Text Representations',
    arxivAuthors: [CHUN],
    venue: { key: 'conf/iclr/Chun24', type: 'inproceedings', title: 'Improved Probabilistic Image-Text Representations', authors: [CHUN], booktitle: 'ICLR', year: 2024, crossref: 'conf/iclr/2024', mdate: '2024-08-07' },
  },
  {
    arxiv: '2312.01998', submitted: '2023-12-04T12:00:00Z',
    arxivTitle: 'Language-only Efficient Training of Zero-shot Composed Image Retrieval',
    arxivAuthors: ['Geonmo Gu', CHUN, 'Wonjae Kim', 'Yoohoon Kang', 'Sangdoo Yun'],
    venue: { key: 'conf/cvpr/GuCKKY24', type: 'inproceedings', title: 'Language-only Training of Zero-shot Composed Image Retrieval', authors: ['Geonmo Gu', CHUN, 'Wonjae Kim', 'Yoohoon Kang', 'Sangdoo Yun'], booktitle: 'CVPR', year: 2024, crossref: 'conf/cvpr/2024', mdate: '2024-09-20' },
  },
  {
    arxiv: '2410.18857', submitted: '2024-10-24T12:00:00Z',
    arxivTitle: 'Probabilistic Language-Image Pre-Training',
    arxivAuthors: [CHUN, 'Wonjae Kim', 'Song Park', 'Sangdoo Yun'],
    venue: { key: 'conf/iclr/ChunKPY25', type: 'inproceedings', title: 'Probabilistic Language-Image Pre-Training', authors: [CHUN, 'Wonjae Kim', 'Song Park', 'Sangdoo Yun'], booktitle: 'ICLR', year: 2025, crossref: 'conf/iclr/2025', mdate: '2025-05-01' },
  },
  {
    // Given names of the first two authors are not in the public material used: surnames only.
    arxiv: '2602.16704', submitted: '2026-02-18T12:00:00Z', categories: ['cs.LG', 'cs.CL'],
    arxivTitle: 'Reinforced Fast Weights with Next-Sequence Prediction',
    arxivAuthors: [{ name: 'Hwang', affiliations: ['Princeton University'] }, { name: 'Wu', affiliations: ['Princeton University'] }, { name: CHUN, affiliations: ['Princeton University'] }, { name: 'Olga Russakovsky', affiliations: ['Princeton University'] }],
    corr: { title: 'Reinforced Fast Weights with Next-Sequence Prediction', authors: ['Hwang', 'Wu', CHUN, 'Olga Russakovsky'], mdate: '2026-03-05' },
  },
  // --- synthetic stand-ins that exercise the pipeline's guards (not real records) ---
  {
    synthetic: 'homonym: a paper by another "Sanghyuk Chun" in an unrelated field, no shared co-authors',
    arxiv: '2511.99999', submitted: '2025-11-20T12:00:00Z', categories: ['cond-mat.mtrl-sci'],
    arxivTitle: 'Thermal Transport in Layered Perovskite Thin Films at Cryogenic Temperatures',
    arxivAuthors: ['Minjae Park', CHUN, 'Ji-won Seo'],
  },
];

/** dblp-only synthetic records for the person document. */
export const DBLP_EXTRAS = {
  /** A record where the owner is only an editor: not his paper. */
  editorOnly: {
    key: 'conf/synthetic/2024w',
    title: 'Proceedings of the Synthetic Workshop on Reliable Machine Learning 2024',
    editors: [CHUN, 'Seong Joon Oh'],
    year: 2024,
  },
  /** A homonym's paper misassigned to the page: no co-author in common, unrelated venue. */
  misassigned: {
    key: 'journals/synthetic/ParkCS23',
    title: 'Thermal Conductivity of Layered Perovskite Oxides.',
    authors: ['Minjae Park', CHUN, 'Ji-won Seo'],
    journal: 'Synthetic J. Mater. Phys.',
    year: 2023,
  },
};

/** dblp person id used in the assembled recordings: synthetic, the real one is not known. */
export const SYNTHETIC_PID = '000/0001';
export const OWNER = CHUN;
