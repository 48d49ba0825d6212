/**
 * From one pass over the dump, the person pages of the fleet's people. A record
 * belongs to a person when one of its <author>/<editor> names is one of the
 * person's name forms (dblp makes each form unique with its homonym suffix).
 * Person records can come after the records that name them, so while streaming
 * the records kept are those naming anyone whose name without suffix is a
 * candidate (the fleet's names, and the forms the last dump gave each pid);
 * after the pass each page takes its person's exact forms. A person whose forms
 * tonight include a name that was no candidate (a new alias) is `unanticipated`
 * (its page could miss records: the caller reads its person page instead), and
 * a pid with no person record in the dump is `missing` (new since the dump).
 */
import { normalizeName } from '../../text/normalize-name.ts';
import type { EntityTable } from './dblp-dump-entities.ts';
import { pageRecordOf, renderPersonPage, type PageRecord, type PersonPageInput } from './dblp-dump-person-page.ts';
import { streamDblpDump, type DumpPerson, type DumpStats } from './dblp-dump-stream.ts';

/** The name the candidate set holds for a form: suffix removed, accents, case, punctuation and spacing folded (generous: the exact forms decide after the pass). */
export const candidateName = (form: string) => normalizeName(form);

export interface DumpExtractInput {
  readonly pids: readonly string[];
  /** candidateName() of every name the fleet's people may be written as. */
  readonly candidates: ReadonlySet<string>;
}

export interface DumpExtract {
  /** pid → the person page's text, written when asked (a fleet's pages are not all held at once). */
  readonly pages: { get(pid: string): string | undefined; readonly size: number };
  /** pid → the person's name forms in the dump. */
  readonly forms: ReadonlyMap<string, readonly string[]>;
  readonly missing: readonly string[];
  readonly unanticipated: readonly string[];
  readonly stats: DumpStats & { readonly keptRecords: number; readonly nameForms: number };
}

/**
 * The last word of a name as candidateName folds it, computed cheaply: most
 * names in the dump are not the fleet's, and the full fold (NFKD and five
 * expressions) on each of ~26 M author names costs more than the parse. A name
 * whose surname key is no candidate's cannot be a candidate.
 */
export function surnameKey(name: string): string {
  const t = name.trimEnd();
  const bare = /\d$/.test(t) ? t.replace(/\s+\d{4}$/, '') : t;
  const last = bare.slice(bare.lastIndexOf(' ') + 1);
  if (/^[A-Za-z]+$/.test(last)) return last.toLowerCase();
  let key = folds.get(last);
  if (key === undefined) {
    const folded = normalizeName(last);
    key = folded === '' ? (normalizeName(bare).split(' ').pop() ?? '') : folded.split(' ').pop()!;
    if (folded !== '') {
      if (folds.size >= MAX_FOLDS) folds.clear();
      folds.set(last, key);
    }
  }
  return key;
}

/** Folded surnames met lately (a surname's fold never changes; bounded). */
const folds = new Map<string, string>();
const MAX_FOLDS = 200_000;

const lean = (p: DumpPerson): DumpPerson => ({ pid: p.pid, key: p.key, forms: p.forms, element: { name: 'www', attrs: [], children: [] }, ...(p.mdate ? { mdate: p.mdate } : {}), ...(p.publtype ? { publtype: p.publtype } : {}) });

export async function extractPersonPages(gz: AsyncIterable<Uint8Array>, entities: EntityTable, input: DumpExtractInput, document = 'dblp.xml.gz'): Promise<DumpExtract> {
  const wanted = new Set(input.pids);
  const pidOfForm = new Map<string, string>();
  const fleetPersons = new Map<string, DumpPerson>();
  const namesakes: DumpPerson[] = [];
  const byForm = new Map<string, PageRecord[]>();
  let keptRecords = 0;
  const surnames = new Set([...input.candidates].map((c) => c.split(' ').pop() ?? ''));
  const isCandidate = (name: string) => surnames.has(surnameKey(name)) && input.candidates.has(candidateName(name));
  const stats = await streamDblpDump(
    gz,
    entities,
    {
      person(p) {
        for (const f of p.forms) pidOfForm.set(f, p.pid);
        if (wanted.has(p.pid)) fleetPersons.set(p.pid, p);
        if (p.forms.some(isCandidate)) namesakes.push(lean(p));
      },
      record(el, names) {
        let kept: PageRecord | undefined;
        for (const n of names) {
          if (!isCandidate(n)) continue;
          kept ??= pageRecordOf(el);
          const list = byForm.get(n);
          if (list) {
            if (list[list.length - 1] !== kept) list.push(kept);
          } else byForm.set(n, [kept]);
        }
        if (kept) keptRecords++;
      },
    },
    document,
  );
  const inputs = new Map<string, PersonPageInput>();
  const forms = new Map<string, readonly string[]>();
  const missing: string[] = [];
  const unanticipated: string[] = [];
  const pidOf = (name: string) => pidOfForm.get(name);
  const byPrimary = new Map<string, DumpPerson[]>();
  for (const h of namesakes) {
    if (h.forms.length === 0) continue;
    const k = candidateName(h.forms[0]!);
    const list = byPrimary.get(k);
    if (list) list.push(h);
    else byPrimary.set(k, [h]);
  }
  for (const list of byPrimary.values()) list.sort((a, b) => (a.pid < b.pid ? -1 : a.pid > b.pid ? 1 : 0));
  for (const pid of input.pids) {
    const person = fleetPersons.get(pid);
    if (!person) {
      missing.push(pid);
      continue;
    }
    forms.set(pid, person.forms);
    if (person.forms.some((f) => !input.candidates.has(candidateName(f)))) {
      unanticipated.push(pid);
      continue;
    }
    const records = [...new Set(person.forms.flatMap((f) => byForm.get(f) ?? []))];
    const homonyms = (byPrimary.get(candidateName(person.forms[0] ?? '')) ?? []).filter((h) => h.pid !== pid);
    inputs.set(pid, { person, records, homonyms, pidOf });
  }
  const pages = {
    get: (pid: string) => {
      const i = inputs.get(pid);
      return i ? renderPersonPage(i) : undefined;
    },
    size: inputs.size,
  };
  return { pages, forms, missing, unanticipated, stats: { ...stats, keptRecords, nameForms: pidOfForm.size } };
}
