/**
 * One rule for venue names. A venue has a full name (what a citation prints)
 * and a short label in the owner's style (what a badge prints, e.g. "ICLR'21").
 * Both are derived from the venue series: the owner's label ("CVPR WS'20") or a
 * dblp booktitle/journal ("ECCV (19)", "CVPR Workshops", "IEEE Trans. Pattern
 * Anal. Mach. Intell."), and the year. The table holds series whose names are
 * unambiguous; a series it does not know keeps the name it was written with.
 */

interface Series {
  readonly acronym: string;
  readonly type: 'conference' | 'journal';
  /** The series' full name in a given year (a few changed their names). */
  readonly name: (year: number) => string;
  /** Other spellings: dblp booktitles and journal abbreviations, lowercase. */
  readonly aliases?: readonly string[];
}

const fixed = (n: string) => () => n;
const since = (year: number, after: string, before: string) => (y: number) => (y >= year ? after : before);

const SERIES: readonly Series[] = [
  { acronym: 'AAAI', type: 'conference', name: fixed('AAAI Conference on Artificial Intelligence') },
  { acronym: 'ACCV', type: 'conference', name: fixed('Asian Conference on Computer Vision') },
  { acronym: 'ACL', type: 'conference', name: fixed('Annual Meeting of the Association for Computational Linguistics') },
  { acronym: 'BMVC', type: 'conference', name: fixed('British Machine Vision Conference') },
  // CVF co-sponsors CVPR and ICCV since 2019; the proceedings say "IEEE/CVF" from then on.
  { acronym: 'CVPR', type: 'conference', name: since(2019, 'IEEE/CVF Conference on Computer Vision and Pattern Recognition', 'IEEE Conference on Computer Vision and Pattern Recognition') },
  { acronym: 'ECCV', type: 'conference', name: fixed('European Conference on Computer Vision') },
  { acronym: 'EMNLP', type: 'conference', name: fixed('Conference on Empirical Methods in Natural Language Processing') },
  { acronym: 'ICASSP', type: 'conference', name: fixed('IEEE International Conference on Acoustics, Speech and Signal Processing') },
  { acronym: 'ICCV', type: 'conference', name: since(2019, 'IEEE/CVF International Conference on Computer Vision', 'IEEE International Conference on Computer Vision') },
  { acronym: 'ICLR', type: 'conference', name: fixed('International Conference on Learning Representations') },
  { acronym: 'ICML', type: 'conference', name: fixed('International Conference on Machine Learning') },
  { acronym: 'IJCAI', type: 'conference', name: fixed('International Joint Conference on Artificial Intelligence') },
  { acronym: 'Interspeech', type: 'conference', name: fixed('Interspeech') },
  { acronym: 'ISMIR', type: 'conference', name: fixed('International Society for Music Information Retrieval Conference') },
  { acronym: 'KDD', type: 'conference', name: fixed('ACM SIGKDD Conference on Knowledge Discovery and Data Mining') },
  { acronym: 'NAACL', type: 'conference', name: fixed('Annual Conference of the North American Chapter of the Association for Computational Linguistics') },
  // The proceedings of NeurIPS are "Advances in Neural Information Processing Systems"; the series was "NIPS" until 2018.
  { acronym: 'NeurIPS', type: 'conference', name: fixed('Advances in Neural Information Processing Systems'), aliases: ['nips'] },
  { acronym: 'WACV', type: 'conference', name: fixed('IEEE/CVF Winter Conference on Applications of Computer Vision') },
  { acronym: 'IJCV', type: 'journal', name: fixed('International Journal of Computer Vision'), aliases: ['int. j. comput. vis.'] },
  { acronym: 'TMLR', type: 'journal', name: fixed('Transactions on Machine Learning Research'), aliases: ['trans. mach. learn. res.'] },
  { acronym: 'TPAMI', type: 'journal', name: fixed('IEEE Transactions on Pattern Analysis and Machine Intelligence'), aliases: ['ieee trans. pattern anal. mach. intell.', 'pami'] },
];

const BY_NAME = new Map<string, Series>();
for (const s of SERIES) for (const n of [s.acronym.toLowerCase(), ...(s.aliases ?? [])]) BY_NAME.set(n, s);

/** What part of a venue the work appeared in. */
export type VenueTrack = 'main' | 'workshop' | 'demo';

export interface Venue {
  /** The series as written (acronym when the table knows it), e.g. "ICLR", "BigData". */
  readonly series: string;
  readonly track: VenueTrack;
  /** True when the table knows the series (its full name is then the real one). */
  readonly known: boolean;
  readonly type: 'conference' | 'journal' | 'preprint' | 'unknown';
}

const TRACK_TAGS: ReadonlyArray<[RegExp, VenueTrack]> = [
  [/\s+(?:WS|Workshops?|\(Workshops?\))$/i, 'workshop'],
  [/\s+(?:Late[- ]Break(?:ing)?[- ]Demos?|Demos?|LBD)$/i, 'demo'],
];

function venueOf(raw: string): Venue {
  let name = raw.trim().replace(/\s*\((?:\d+|Poster|Oral)\)$/i, '');
  let track: VenueTrack = 'main';
  for (const [tag, t] of TRACK_TAGS) {
    if (tag.test(name)) {
      name = name.replace(tag, '');
      track = t;
    }
  }
  name = name.replace(/^IEEE\s+(?=BigData$)/i, '');
  if (/^(?:arxiv|corr)$/i.test(name)) return { series: 'arXiv', track, known: true, type: 'preprint' };
  const s = BY_NAME.get(name.toLowerCase());
  return s ? { series: s.acronym, track, known: true, type: s.type } : { series: name, track, known: false, type: 'unknown' };
}

/** The venue an owner's label names: "CVPR WS'20" → CVPR, workshop; "ICLR 2021" → ICLR. */
export function venueFromLabel(label: string): Venue {
  return venueOf(label.replace(/\s*(?:'\d{2}|\d{4})$/, ''));
}

/**
 * al-folio's abbr, a badge and the key into its _data/venues.yml, with no year (the year is its own field):
 * the series' acronym ("ICCV'19" → "ICCV", "ICLR 2021" → "ICLR", "NIPS'17" → "NeurIPS": one key per
 * series); a workshop the acronym + "W" ("CVPR WS'20" → "CVPRW", "ICML WS'19" → "ICMLW", the convention
 * al-folio sites and the venues use); a late-breaking demo or another sub-venue the main acronym
 * ("ISMIR Late Break Demo'19" → "ISMIR"); a preprint "arXiv". A series the table does not know keeps
 * the name it was written with ("BigData'17" → "BigData"): nothing is guessed, so a long name the owner
 * wrote stays long.
 */
export function venueAbbr(label: string): string {
  const v = venueFromLabel(label);
  if (v.series === '') return label.trim();
  return v.track === 'workshop' ? `${v.series}W` : v.series;
}

/** The venue a dblp booktitle or journal names: "ECCV (19)" → ECCV; "CVPR Workshops" → CVPR, workshop. */
export function venueFromDblp(booktitleOrJournal: string): Venue {
  return venueOf(booktitleOrJournal);
}

/**
 * The full name a citation prints, e.g. "IEEE/CVF International Conference on
 * Computer Vision (ICCV)" or "Workshops of the International Conference on
 * Machine Learning (ICML Workshops)". A series the table does not know keeps
 * its written name; a journal prints its name alone.
 */
export function fullVenueName(v: Venue, year: number): string {
  if (v.type === 'preprint') return 'arXiv';
  const s = BY_NAME.get(v.series.toLowerCase());
  if (!s) return v.track === 'workshop' ? `${v.series} Workshops` : v.track === 'demo' ? `${v.series} Demos` : v.series;
  const name = s.name(year);
  if (s.type === 'journal') return name;
  if (v.track === 'workshop') return `Workshops of the ${name} (${s.acronym} Workshops)`;
  if (v.track === 'demo') return `Late-Breaking Demos of the ${name} (${s.acronym})`;
  return `${name} (${s.acronym})`;
}

/** How an owner writes the year in labels: "ICCV'19" (apostrophe) or "ICCV 2019" (space, four digits). */
export type LabelStyle = 'apostrophe' | 'four-digit';

/** The style most of the owner's labels use (apostrophe when none says). */
export function labelStyleOf(labels: readonly string[]): LabelStyle {
  const four = labels.filter((l) => /\s\d{4}$/.test(l)).length;
  const apostrophe = labels.filter((l) => /'\d{2}$/.test(l)).length;
  return four > apostrophe ? 'four-digit' : 'apostrophe';
}

/** A short label in the owner's style, e.g. ("ICLR", 2021) → "ICLR'21"; a workshop → "CVPR WS'21". */
export function ownerStyleLabel(v: Venue, year: number, style: LabelStyle = 'apostrophe'): string {
  const name = v.track === 'workshop' ? `${v.series} WS` : v.track === 'demo' ? `${v.series} Demo` : v.series;
  return style === 'four-digit' ? `${name} ${year}` : `${name}'${String(year).slice(-2)}`;
}

/**
 * The label of a venue a source names, in the owner's style: dblp's "ECCV (8)" in 2022 → "ECCV'22",
 * "CVPR Workshops" 2020 → "CVPR WS'20"; a preprint (or no venue) → "arXiv'26". Used for found works
 * (candidates) and for what an accepted candidate or version writes into cv.json.
 */
export function sourceVenueLabel(venue: string | undefined, year: number | undefined, preprint: boolean, style: LabelStyle = 'apostrophe'): string {
  const v = preprint || venue === undefined ? venueFromDblp('arXiv') : venueFromDblp(venue);
  if (year === undefined) return v.track === 'workshop' ? `${v.series} WS` : v.series;
  return ownerStyleLabel(v, year, style);
}
