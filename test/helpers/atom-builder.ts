/**
 * Writes arXiv API responses in the Nov-2025 backend's exact layout, for test
 * servers and for assembling recordings from public facts.
 */
export interface AtomEntry {
  readonly id: string;
  readonly version?: number;
  readonly title: string;
  readonly authors: ReadonlyArray<string | { readonly name: string; readonly affiliations: readonly string[] }>;
  readonly published: string;
  readonly updated?: string;
  readonly summary?: string;
  readonly categories?: readonly string[];
  readonly comment?: string;
  readonly journalRef?: string;
  readonly doi?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function atomEntry(e: AtomEntry): string {
  const v = e.version ?? 1;
  const cats = e.categories ?? ['cs.CV'];
  const lines = [
    '  <entry>',
    `    <id>http://arxiv.org/abs/${e.id}v${v}</id>`,
    `    <title>${esc(e.title)}</title>`,
    `    <updated>${e.updated ?? e.published}</updated>`,
    `    <link href="https://arxiv.org/abs/${e.id}v${v}" rel="alternate" type="text/html"/>`,
    `    <link href="https://arxiv.org/pdf/${e.id}v${v}" rel="related" type="application/pdf" title="pdf"/>`,
    ...(e.doi ? [`    <link href="https://doi.org/${esc(e.doi)}" rel="related" title="doi"/>`] : []),
    `    <summary>${esc(e.summary ?? '')}</summary>`,
    ...cats.map((c) => `    <category term="${esc(c)}" scheme="http://arxiv.org/schemas/atom"/>`),
    `    <published>${e.published}</published>`,
    ...(e.comment ? [`    <arxiv:comment>${esc(e.comment)}</arxiv:comment>`] : []),
    ...(e.journalRef ? [`    <arxiv:journal_ref>${esc(e.journalRef)}</arxiv:journal_ref>`] : []),
    ...(e.doi ? [`    <arxiv:doi>${esc(e.doi)}</arxiv:doi>`] : []),
    `    <arxiv:primary_category term="${esc(cats[0] ?? 'cs.CV')}"/>`,
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
  readonly updated?: string;
}

export function atomFeed(entries: readonly AtomEntry[], o: FeedOptions): string {
  const updated = o.updated ?? '2026-11-28T03:00:00Z';
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    '<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">',
    '  <id>https://arxiv.org/api/assembled</id>',
    `  <title>arXiv Query: ${esc(o.query)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <link href="https://arxiv.org/api/query?${esc(o.query)}" type="application/atom+xml"/>`,
    `  <opensearch:itemsPerPage>${o.itemsPerPage ?? entries.length}</opensearch:itemsPerPage>`,
    `  <opensearch:totalResults>${o.totalResults}</opensearch:totalResults>`,
    `  <opensearch:startIndex>${o.startIndex ?? 0}</opensearch:startIndex>`,
    ...entries.map(atomEntry),
    '</feed>',
    '',
  ].join('\n');
}
