/** URLs for the arXiv API (https://info.arxiv.org/help/api/user-manual.html). */
export const ARXIV_API = 'https://export.arxiv.org/api/query';

/** Most IDs per id_list request (keeps the URL short). */
export const ID_BATCH = 100;

export function idListUrl(base: string, ids: readonly string[]): string {
  return `${base}?id_list=${ids.map(encodeURIComponent).join(',')}&start=0&max_results=${ids.length}`;
}

/**
 * The author clause for a name as written ("Sanghyuk Chun", "Chun, Sanghyuk",
 * "Seong Joon Oh"): arXiv wants surname first, parts joined by "_" (au:Chun_Sanghyuk).
 */
export function authorTerm(name: string): string {
  const clean = name.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[^\p{L}\p{N}\s,'-]/gu, ' ').trim();
  let surname: string;
  let given: string[];
  if (clean.includes(',')) {
    const [last = '', first = ''] = clean.split(',', 2);
    surname = last.trim();
    given = first.trim().split(/\s+/).filter(Boolean);
  } else {
    const parts = clean.split(/\s+/).filter(Boolean);
    surname = parts.pop() ?? '';
    given = parts;
  }
  return `au:${[surname, ...given].join('_').replace(/\s+/g, '_')}`;
}

export function authorSearchQuery(names: readonly string[]): string {
  return [...new Set(names.map(authorTerm))].join(' OR ');
}

export function discoveryUrl(base: string, names: readonly string[], start: number, pageSize: number): string {
  const q = encodeURIComponent(authorSearchQuery(names)).replace(/%20/g, '+');
  return `${base}?search_query=${q}&sortBy=submittedDate&sortOrder=descending&start=${start}&max_results=${pageSize}`;
}
