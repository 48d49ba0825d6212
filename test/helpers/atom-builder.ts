/**
 * Writes arXiv API responses in the Nov-2025 backend's exact layout, for test
 * servers and for assembling recordings from public facts.
 */
export interface AtomEntry {
  readonly id: string;
  /** Default 1; null writes the abstract URLs without a vN suffix (an assembled entry whose version is not known). */
  readonly version?: number | null;
  readonly title: string;
  readonly authors: ReadonlyArray<string | { readonly name: string; readonly affiliations: readonly string[] }>;
  /** Omitted (with <updated>) when not given: an assembled entry leaves out a date nobody supplied. */
  readonly published?: string;
  readonly updated?: string;
  /** Omitted when not given. */
  readonly summary?: string;
  /** Default ["cs.CV"]; [] writes no category and no primary category. */
  readonly categories?: readonly string[];
  readonly comment?: string;
  readonly journalRef?: string;
  readonly doi?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function atomEntry(e: AtomEntry): string {
  const v = e.version === null ? '' : `v${e.version ?? 1}`;
  const cats = e.categories ?? ['cs.CV'];
  const updated = e.updated ?? e.published;
  const lines = [
    '  <entry>',
    `    <id>http://arxiv.org/abs/${e.id}${v}</id>`,
    `    <title>${esc(e.title)}</title>`,
    ...(updated ? [`    <updated>${updated}</updated>`] : []),
    `    <link href="https://arxiv.org/abs/${e.id}${v}" rel="alternate" type="text/html"/>`,
    `    <link href="https://arxiv.org/pdf/${e.id}${v}" rel="related" type="application/pdf" title="pdf"/>`,
    ...(e.doi ? [`    <link href="https://doi.org/${esc(e.doi)}" rel="related" title="doi"/>`] : []),
    ...(e.summary !== undefined ? [`    <summary>${esc(e.summary)}</summary>`] : []),
    ...cats.map((c) => `    <category term="${esc(c)}" scheme="http://arxiv.org/schemas/atom"/>`),
    ...(e.published ? [`    <published>${e.published}</published>`] : []),
    ...(e.comment ? [`    <arxiv:comment>${esc(e.comment)}</arxiv:comment>`] : []),
    ...(e.journalRef ? [`    <arxiv:journal_ref>${esc(e.journalRef)}</arxiv:journal_ref>`] : []),
    ...(e.doi ? [`    <arxiv:doi>${esc(e.doi)}</arxiv:doi>`] : []),
    ...(cats[0] ? [`    <arxiv:primary_category term="${esc(cats[0])}"/>`] : []),
    ...e.authors.flatMap((a) => {
      const { name, affiliations } = typeof a === 'string' ? { name: a, affiliations: [] } : a;
      return ['    <author>', `      <name>${esc(name)}</name>`, ...affiliations.map((x) => `      <arxiv:affiliation>${esc(x)}</arxiv:affiliation>`), '    </author>'];
    }),
    '  </entry>',
  ];
  return lines.join('\n');
}

export interface FeedOptions {
  /** The canonicalised query shown in the feed title, e.g. "search_query=au:Chun_Sanghyuk&id_list=&start=0&max_results=100". */
  readonly query: string;
  readonly totalResults: number;
  readonly startIndex?: number;
  readonly itemsPerPage?: number;
  /** Feed time; default 2026-11-28T03:00:00Z; null leaves it out. */
  readonly updated?: string | null;
  /** Feed id; default an https://arxiv.org/api/ URL naming it assembled. */
  readonly id?: string;
}

export function atomFeed(entries: readonly AtomEntry[], o: FeedOptions): string {
  const updated = o.updated === null ? undefined : (o.updated ?? '2026-11-28T03:00:00Z');
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    '<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${esc(o.id ?? 'https://arxiv.org/api/assembled')}</id>`,
    `  <title>arXiv Query: ${esc(o.query)}</title>`,
    ...(updated ? [`  <updated>${updated}</updated>`] : []),
    `  <link href="https://arxiv.org/api/query?${esc(o.query)}" type="application/atom+xml"/>`,
    `  <opensearch:itemsPerPage>${o.itemsPerPage ?? entries.length}</opensearch:itemsPerPage>`,
    `  <opensearch:totalResults>${o.totalResults}</opensearch:totalResults>`,
    `  <opensearch:startIndex>${o.startIndex ?? 0}</opensearch:startIndex>`,
    ...entries.map(atomEntry),
    '</feed>',
    '',
  ].join('\n');
}
