/**
 * Issue 14, item 1: a group of source records that splits off from a canonical
 * work never becomes a candidate under the canonical work's id, and a source
 * contradicting itself about one arXiv ID is reported.
 */
import { describe, expect, it } from 'vitest';
import { toBibtex } from '../../src/publish/citations/bibtex.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import { parseArxivFeed } from '../../src/sources/arxiv/parse-feed.ts';
import { atomFeed } from '../helpers/atom-builder.ts';
import { arxiv, config, cvWith, dblp, input, OWNER, pub } from '../helpers/reconcile-builders.ts';

const TITLE = 'Slowing Down the Weight Norm Increase in Momentum-based Optimizers';
const AUTHORS = ['Bea Coauthor', OWNER, 'Cal Third'];
const cv = cvWith([pub('adamp', TITLE, AUTHORS, { ids: { arxiv: '2006.08217' }, kind: 'preprint', venue: "arXiv'20" })]);
const publishing = { ...config, publishing: { ...config.publishing, publishUnreviewedCandidates: true } };

describe('a found work never takes a canonical work\'s id', () => {
  // Night 1: the preprint and its venue record are one work, the canonical "adamp".
  const night1 = reconcile(input(cv, [arxiv('2006.08217', TITLE, AUTHORS)], [dblp('conf/iclr/HeoCOHYKUH21', TITLE, AUTHORS, 2021)], { config: publishing }));
  // Night 2: arXiv answers for the same ID with another title, other authors and another paper's DOI; the
  // venue record (its own DOI) splits off: it cannot be one work with the record the CV's ID now names.
  const night2 = reconcile(
    input(cv, [arxiv('2006.08217', 'Totally Unrelated Work on Something Else', [OWNER, 'Eve Impostor'], { version: 9, doi: '10.9999/impostor.1' })], [dblp('conf/iclr/HeoCOHYKUH21', TITLE, AUTHORS, 2021, { doi: '10.5555/iclr.2021.1' })], {
      config: publishing,
      previous: night1.profile,
    }),
  );
  // The same night without DOIs: the venue record still matches the CV work by its title and co-authors, and
  // can be one work with the arXiv record the CV names, so it stays a version of the canonical work.
  const night2b = reconcile(
    input(cv, [arxiv('2006.08217', 'Totally Unrelated Work on Something Else', [OWNER, 'Eve Impostor'], { version: 9 })], [dblp('conf/iclr/HeoCOHYKUH21', TITLE, AUTHORS, 2021)], {
      config: publishing,
      previous: night1.profile,
    }),
  );

  it('night 1 links both records to the canonical work (the setting of the defect)', () => {
    expect(night1.profile.publications.map((w) => [w.id, w.versions.map((v) => v.recordId)])).toEqual([['adamp', ['conf/iclr/HeoCOHYKUH21', '2006.08217v1']]]);
  });

  it('night 2: the split-off venue record is a candidate with an id of its own; ids in profile.json and keys in the .bib stay unique', () => {
    expect(night2.report.candidates.map((c) => c.id)).toEqual(['cand:doi-10-5555-iclr-2021-1']);
    const ids = night2.profile.publications.map((w) => w.id);
    expect(ids).toEqual(['doi-10-5555-iclr-2021-1', 'adamp']);
    const keys = [...toBibtex(night2.profile).matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('night 2 without DOIs: the venue record stays a version of the canonical work; nothing is proposed', () => {
    expect(night2b.report.candidates).toEqual([]);
    expect(night2b.profile.publications.map((w) => [w.id, w.versions.map((v) => v.recordId)])).toEqual([['adamp', ['conf/iclr/HeoCOHYKUH21', '2006.08217v9']]]);
  });

  it('a found work whose natural id is a canonical id gets a suffix instead', () => {
    const clash = cvWith([pub('arxiv-2101-05068', 'An Unrelated Canonical Work', [OWNER, 'Bea Coauthor'])]);
    const out = reconcile(input(clash, [arxiv('2101.05068', 'Probabilistic Embeddings', [OWNER, 'Bea Coauthor'])], [], { config: publishing }));
    const ids = out.profile.publications.map((w) => w.id);
    expect(ids).toContain('arxiv-2101-05068');
    expect(ids.filter((id) => id.startsWith('arxiv-2101-05068'))).toHaveLength(2);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('conflicting duplicates of one arXiv ID are reported, not silently swapped', () => {
  it('two different records for the same ID and version in one run: a conflict in the report, the first kept', () => {
    const out = reconcile(input(cv, [arxiv('2006.08217', TITLE, AUTHORS), arxiv('2006.08217', 'A Different Paper Entirely', [OWNER, 'Eve Impostor'])], undefined));
    expect(out.report.conflicts.map((c) => c.reason)).toEqual([expect.stringMatching(/^arXiv returned two different records for 2006\.08217v1 in this run .*the first is used$/)]);
    expect(out.profile.publications[0]!.versions.map((v) => v.title)).toEqual([TITLE]);
  });

  it('a second entry for one ID in one feed is left out and said', () => {
    const feed = parseArxivFeed(
      atomFeed(
        [
          { id: '2006.08217', title: TITLE, authors: AUTHORS, published: '2020-06-15T00:00:00Z' },
          { id: '2006.08217', version: 7, title: 'A Different Paper Entirely', authors: [OWNER, 'Eve Impostor'], published: '2020-06-15T00:00:00Z' },
        ],
        { query: 'id_list=2006.08217', totalResults: 2 },
      ),
    );
    expect(feed.kind === 'feed' && feed.records.map((r) => [r.id, r.version, r.title])).toEqual([['2006.08217', 1, TITLE]]);
    expect(feed.kind === 'feed' && feed.problems).toEqual(['entry 2: a second entry for 2006.08217 (the first is entry 1); arXiv returns one per ID, so this one is ignored']);
  });
});
