/**
 * A small dataset in dblp's shapes for the dump tests: a person with an
 * accented name and an alias, two homonyms ("Di Xu 0001", "Di Xu 0002"), an
 * editor-only record, a CoRR record, names written with dblp.dtd's entities.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FetchPlan } from '../../src/harvest/fetch-plan.ts';
import type { DblpRecordSpec } from './dblp-builder.ts';
import type { Dataset, DatasetPerson } from './dblp-dump-builder.ts';
import { REPO } from './paths.ts';

export const DTD_EXCERPT = readFileSync(join(REPO, 'test', 'fixtures', 'dblp-dump', 'dblp-excerpt.dtd'), 'latin1');

export const PERSONS: readonly DatasetPerson[] = [
  { pid: '12/3456', forms: ['Jürgen Müller', 'J. Müller'], mdate: '2025-02-01', affiliation: 'Universität Trier, Germany' },
  { pid: '01/1001-1', forms: ['Di Xu 0001'], mdate: '2025-03-01', affiliation: 'Zhejiang University, China' },
  { pid: '01/1001-2', forms: ['Di Xu 0002'], mdate: '2024-05-01' },
  { pid: '99/999', forms: ['Ana Núñez'], mdate: '2023-01-01' },
];

const ref = (pid: string, form = 0) => {
  const p = PERSONS.find((x) => x.pid === pid)!;
  return { name: p.forms[form]!, pid };
};

export const RECORDS: readonly DblpRecordSpec[] = [
  { type: 'inproceedings', key: 'conf/icde/MullerX24', mdate: '2024-06-01', authors: [ref('12/3456'), ref('01/1001-1')], titleXml: '&#220;ber Graphen und Str&#246;me.', pages: '1-12', year: 2024, booktitle: 'ICDE', ee: ['https://doi.org/10.1109/ICDE.2024.00001'], crossref: 'conf/icde/2024', url: 'db/conf/icde/icde2024.html#MullerX24' },
  { type: 'article', key: 'journals/corr/abs-2301-01234', mdate: '2023-01-10', publtype: 'informal', authors: [ref('12/3456', 1), ref('99/999')], titleXml: 'Se&#241;ales in Streams.', year: 2023, journal: 'CoRR', volume: 'abs/2301.01234', ee: [{ url: 'https://doi.org/10.48550/arXiv.2301.01234', type: 'oa' }], url: 'db/journals/corr/corr2301.html#abs-2301-01234' },
  { type: 'article', key: 'journals/tkde/Xu23', mdate: '2023-08-01', authors: [ref('01/1001-2')], titleXml: 'A Paper of the Other Di Xu.', pages: '5-9', year: 2023, journal: 'IEEE Trans. Knowl. Data Eng.', volume: '35', number: '2', ee: ['https://doi.org/10.1109/TKDE.2023.1'], url: 'db/journals/tkde/tkde35.html#Xu23' },
  { type: 'proceedings', key: 'conf/icde/2024', mdate: '2024-06-01', editors: [ref('12/3456')], titleXml: '40th IEEE International Conference on Data Engineering, ICDE 2024.', year: 2024, booktitle: 'ICDE', url: 'db/conf/icde/icde2024.html' },
  { type: 'inproceedings', key: 'conf/kdd/XuN22', mdate: '2022-08-01', authors: [ref('01/1001-1'), ref('99/999')], titleXml: 'Learning <i>k</i>-Hop Indexes.', pages: '20-30', year: 2022, booktitle: 'KDD', ee: ['https://doi.org/10.1145/1.2'], crossref: 'conf/kdd/2022', url: 'db/conf/kdd/kdd2022.html#XuN22' },
];

export const DATASET: Dataset = { persons: PERSONS, records: RECORDS };

/** The fleet's plan for a person of the dataset. */
export function planFor(profile: string, pid: string, personName: string, nameVariants: readonly string[] = []): FetchPlan {
  return {
    planVersion: 1,
    profile,
    contact: `${profile}@example.org`,
    personName,
    ownerNames: [personName, ...nameVariants],
    coauthors: [],
    arxivIds: [],
    sources: {
      arxiv: { enabled: false, authorNames: [personName], discoverMaxResults: 200, pageSize: 100, minIntervalSeconds: 3 },
      dblp: { enabled: true, pid, minIntervalSeconds: 1 },
    },
  };
}

export const PLANS: readonly FetchPlan[] = [planFor('juergen-mueller', '12/3456', 'Jurgen Muller', ['J. Muller']), planFor('di-xu', '01/1001-1', 'Di Xu')];
