/** The arXiv IDs the published profile knows (what the arXiv fetcher adds to its id_list). */
import type { Store } from '../store/store.ts';

export async function previousArxivIds(store: Store, profile: string): Promise<string[]> {
  const obj = await store.get(`public/${profile}/profile.json`);
  if (!obj) return [];
  try {
    const doc = JSON.parse(new TextDecoder().decode(obj.body)) as { publications?: unknown };
    if (!Array.isArray(doc.publications)) return [];
    return doc.publications.flatMap((w: unknown) => {
      const id = (w as { ids?: { arxiv?: unknown } } | null)?.ids?.arxiv;
      return typeof id === 'string' ? [id] : [];
    });
  } catch {
    return []; // an unreadable profile only means no extra IDs; reconcile reports it
  }
}
