/** The reconciliation rules on small hand-made cases. */
import { describe, expect, it } from 'vitest';
import { stableJson } from '../../src/publish/json-schemas.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import { arxiv, config, cvWith, dblp, input, OWNER, pub } from '../helpers/reconcile-builders.ts';

const TITLE = 'Learning Robust Widgets from Noisy Gadgets';

describe('grouping source records into works', () => {
  it('one work from a preprint, its CoRR record and the venue record (arXiv ID, then DOI)', () => {
    const cv = cvWith([pub('w1', TITLE, [OWNER, 'Bea Coauthor'])]);
    const out = reconcile(
      input(cv, [arxiv('2001.00001', TITLE, [OWNER, 'Bea Coauthor'], { doi: '10.1000/ABC.1' })], [
        dblp('journals/corr/abs-2001-00001', TITLE, [OWNER, 'Bea Coauthor'], 2020),
        dblp('conf/x/OwnerC20', `${TITLE} in the Wild`, [OWNER, 'Bea Coauthor', 'Cy New'], 2020, { doi: '10.1000/abc.1', ee: [{ url: 'https://doi.org/10.1000/abc.1', doi: '10.1000/abc.1' }] }),
      ]),
    );
    expect(out.links.get('w1')).toEqual(['arxiv:2001.00001', 'dblp:conf/x/OwnerC20', 'dblp:journals/corr/abs-2001-00001']);
    expect(out.report.candidates).toEqual([]);
    const work = out.profile.publications[0]!;
    expect(work.versions.map((v) => v.kind)).toEqual(['published', 'preprint', 'corr']);
  });

  it('links by words only with corroboration: near-identical title, a shared author, close years', () => {
    const cv = cvWith([pub('w1', TITLE, [OWNER, 'Bea Coauthor'], { year: 2021 })]);
    // Same title, but no shared co-author: a homonym's paper with the same title must not be linked.
    const stranger = reconcile(input(cv, [], [dblp('conf/x/Z21', TITLE, ['Zed Stranger', 'Ada Owner'], 2021)]));
    expect(stranger.links.get('w1')).toEqual([]);
    // Shared co-author (spelled differently), same title with dblp's period and other case: linked.
    const variant = reconcile(input(cv, [], [dblp('conf/x/O21', `${TITLE.toUpperCase()}.`, [OWNER, 'Bea Co-author'], 2021)]));
    expect(variant.links.get('w1')).toEqual(['dblp:conf/x/O21']);
    // Years too far apart: not linked.
    const old = reconcile(input(cv, [], [dblp('conf/x/O15', TITLE, [OWNER, 'Bea Coauthor'], 2015)]));
    expect(old.links.get('w1')).toEqual([]);
  });

  it('does not link when identifiers conflict, and reports it', () => {
    const cv = cvWith([]);
    const out = reconcile(
      input(cv, [arxiv('2001.00001', TITLE, [OWNER, 'Bea Coauthor']), arxiv('2002.00002', TITLE, [OWNER, 'Bea Coauthor'])], []),
    );
    expect(out.report.candidates.map((c) => c.id)).toEqual(['cand:arxiv-2001-00001', 'cand:arxiv-2002-00002']);
    expect(out.report.conflicts).toHaveLength(1);
    expect(out.report.conflicts[0]!.reason).toMatch(/arXiv IDs differ/);
  });

  it('DOIs match case-folded', () => {
    const cv = cvWith([pub('w1', TITLE, [OWNER, 'Bea Coauthor'], { ids: { doi: '10.1000/ABC.1' } })]);
    const out = reconcile(input(cv, [], [dblp('conf/x/A20', 'Something Else Entirely', [OWNER], 2020, { doi: '10.1000/abc.1' })]));
    expect(out.links.get('w1')).toEqual(['dblp:conf/x/A20']);
    expect(out.report.differences.map((d) => d.field)).toEqual(['authors', 'title']);
  });
});

describe('matching canonical records', () => {
  it('by the IDs the owner wrote, whatever the titles say', () => {
    const cv = cvWith([pub('w1', 'My Own Title', [OWNER], { ids: { arxiv: '2001.00001' } })]);
    const out = reconcile(input(cv, [arxiv('2001.00001', 'A Completely New Title', [OWNER, 'Gus Added'])], []));
    expect(out.links.get('w1')).toEqual(['arxiv:2001.00001']);
    expect(out.profile.publications[0]!.title).toBe('My Own Title');
  });

  it('two related but different papers (workshop vs conference) are not confused', () => {
    const cv = cvWith([
      pub('ws', 'Toward High-quality Few-shot Font Generation with Dual Memory', [OWNER, 'Bea Coauthor'], { kind: 'workshop' }),
      pub('conf', 'Few-shot Compositional Font Generation with Dual Memory', [OWNER, 'Bea Coauthor']),
    ]);
    const out = reconcile(input(cv, [arxiv('2005.10510', 'Few-shot Compositional Font Generation with Dual Memory', [OWNER, 'Bea Coauthor'])], []));
    expect(out.links.get('conf')).toEqual(['arxiv:2005.10510']);
    expect(out.links.get('ws')).toEqual([]);
  });

  it('equally good matches for one record are reported, not guessed', () => {
    const cv = cvWith([pub('w1', TITLE, [OWNER, 'Bea Coauthor'])]);
    const out = reconcile(input(cv, [], [dblp('conf/a/X20', TITLE, [OWNER, 'Bea Coauthor'], 2020), dblp('conf/b/Y20', TITLE, [OWNER, 'Bea Coauthor'], 2020)]));
    expect(out.links.get('w1')).toEqual([]);
    expect(out.report.conflicts.map((c) => c.reason).join(' ')).toMatch(/both are published records|equally well/);
  });
});

describe('the profile keeps the canonical truth and adds provenance', () => {
  const cv = cvWith([pub('w1', TITLE, ['Bea Coauthor*', `${OWNER}*`], { venue: "WIDG'20", kind: 'preprint' })]);
  const out = reconcile(
    input(cv, [arxiv('2001.00001', 'Robust Widgets: A New Title', ['Bea Coauthor', OWNER, 'Gus Added'], { version: 3, journalRef: 'CONF 2021' })], [
      dblp('journals/corr/abs-2001-00001', TITLE, ['Bea Coauthor', OWNER], 2020),
      dblp('conf/x/CoauthorOA21', 'Robust Widgets: A New Title', ['Bea Coauthor', OWNER, 'Gus Added'], 2021),
    ]),
  );
  const work = out.profile.publications[0]!;

  it('owner-written fields are untouched: title, authors, order, marks, venue label', () => {
    expect(work).toMatchObject({ title: TITLE, venue: "WIDG'20", ownerPosition: 2, hasEqualContribution: true, status: 'canonical' });
    expect(work.authors).toEqual([
      { name: 'Bea Coauthor', isOwner: false, equalContribution: true },
      { name: OWNER, isOwner: true, equalContribution: true },
    ]);
  });

  it('enriched fields carry their provenance', () => {
    expect(work.ids).toEqual({ arxiv: '2001.00001', dblp: 'conf/x/CoauthorOA21' });
    expect(work.links).toMatchObject({ abstract: 'https://arxiv.org/abs/2001.00001', pdf: 'https://arxiv.org/pdf/2001.00001', dblp: 'https://dblp.org/rec/conf/x/CoauthorOA21' });
    expect(work.arxivVersion).toBe(3);
    expect(work.provenance['ids.arxiv']).toEqual({ source: 'arxiv', recordId: '2001.00001v3', fetchedAt: '2026-11-28T03:00:00Z' });
    expect(work.provenance['ids.dblp']).toEqual({ source: 'dblp', recordId: 'conf/x/CoauthorOA21', fetchedAt: '2026-11-28T03:00:01Z' });
  });

  it('reports the upstream differences field by field (from the version a preprint cites: its arXiv entry) and the preprint now published', () => {
    expect(out.report.differences.map((d) => [d.field, d.canonical, d.source, d.from])).toEqual([
      ['authors', 'Bea Coauthor, Ada Owner', 'Bea Coauthor, Ada Owner, Gus Added', ['arxiv 2001.00001v3']],
      ['title', TITLE, 'Robust Widgets: A New Title', ['arxiv 2001.00001v3']],
    ]);
    expect(out.report.differences[0]!.note).toBe('added: Gus Added');
    expect(out.report.events.map((e) => e.id)).toEqual(['event:w1:published:conf/x/CoauthorOA21']);
  });

  it('is deterministic: same inputs, same bytes', () => {
    const again = reconcile(
      input(cv, [arxiv('2001.00001', 'Robust Widgets: A New Title', ['Bea Coauthor', OWNER, 'Gus Added'], { version: 3, journalRef: 'CONF 2021' })], [
        dblp('journals/corr/abs-2001-00001', TITLE, ['Bea Coauthor', OWNER], 2020),
        dblp('conf/x/CoauthorOA21', 'Robust Widgets: A New Title', ['Bea Coauthor', OWNER, 'Gus Added'], 2021),
      ]),
    );
    expect(stableJson(again.profile)).toBe(stableJson(out.profile));
    expect(stableJson(again.report)).toBe(stableJson(out.report));
  });

  it('reports a new arXiv version against the previous profile', () => {
    const previous = { ...out.profile, publications: out.profile.publications.map((w) => ({ ...w, arxivVersion: 2 })) };
    const next = reconcile(
      input(cv, [arxiv('2001.00001', 'Robust Widgets: A New Title', ['Bea Coauthor', OWNER, 'Gus Added'], { version: 3 })], [dblp('journals/corr/abs-2001-00001', TITLE, ['Bea Coauthor', OWNER], 2020)], { previous }),
    );
    expect(next.report.events.map((e) => e.detail)).toContain('new arXiv version v3 (was v2)');
    expect(next.report.changes).toEqual(expect.arrayContaining([expect.objectContaining({ workId: 'w1', field: 'arxivVersion', before: '2', after: '3' })]));
  });
});

describe('candidates and decisions', () => {
  const cv = cvWith([pub('w1', TITLE, [OWNER, 'Bea Coauthor'])]);
  const newPaper = () => [arxiv('2301.00001', 'A Later Paper on Gadgets', [OWNER, 'Bea Coauthor'])];
  const newVenue = () => [dblp('conf/y/OC23', 'A Later Paper on Gadgets', [OWNER, 'Bea Coauthor'], 2023), dblp('journals/corr/abs-2301-00001', 'A Later Paper on Gadgets', [OWNER, 'Bea Coauthor'], 2023)];

  it('a paper with a CV co-author on the owner\'s dblp page is high confidence; a homonym\'s is low', () => {
    const out = reconcile(
      input(cv, [...newPaper(), arxiv('2302.00002', 'Spin Glasses at Low Temperature', ['Zed Stranger', OWNER])], [...newVenue(), dblp('journals/phys/SO23', 'Phonons in Perovskites', ['Zed Stranger', OWNER], 2023)]),
    );
    expect(out.report.candidates.map((c) => [c.id, c.confidence])).toEqual([
      ['cand:arxiv-2301-00001', 'high'],
      ['cand:arxiv-2302-00002', 'low'],
      ['cand:dblp-journals-phys-so23', 'low'],
    ]);
    expect(out.report.candidates[2]!.reason).toMatch(/homonym/);
    expect(out.profile.publications.map((w) => w.id)).toEqual(['w1']); // unreviewed candidates are not published
  });

  it('the policy can publish unreviewed candidates (never low-confidence ones)', () => {
    const out = reconcile(input(cv, [...newPaper(), arxiv('2302.00002', 'Spin Glasses', ['Zed Stranger', OWNER])], newVenue(), { config: { ...config, publishing: { ...config.publishing, publishUnreviewedCandidates: true } } }));
    expect(out.profile.publications.map((w) => [w.id, w.status])).toEqual([['arxiv-2301-00001', 'candidate'], ['w1', 'canonical']]);
  });

  it('a rejection covers the work\'s other versions: the published twin is not proposed again', () => {
    const decisions = { schemaVersion: 1 as const, decisions: [{ item: 'cand:arxiv-2301-00001', action: 'reject' as const, at: '2026-11-01T00:00:00Z', covers: { arxiv: ['2301.00001'], doi: [], dblp: [] } }] };
    // Next night the venue record appears, linked to the preprint through the CoRR record's arXiv ID.
    const out = reconcile(input(cv, newPaper(), newVenue(), { decisions }));
    expect(out.report.candidates).toEqual([]);
    expect(out.profile.publications.map((w) => w.id)).toEqual(['w1']);
  });

  it('an accepted work is published with status accepted, from the best version', () => {
    const decisions = { schemaVersion: 1 as const, decisions: [{ item: 'cand:arxiv-2301-00001', action: 'accept' as const, at: '2026-11-01T00:00:00Z', covers: { arxiv: ['2301.00001'], doi: [], dblp: [] } }] };
    const out = reconcile(input(cv, newPaper(), newVenue(), { decisions }));
    const w = out.profile.publications.find((x) => x.id === 'arxiv-2301-00001')!;
    expect(w).toMatchObject({ status: 'accepted', venue: "CONF'23", kind: 'conference', ownerPosition: 1, ids: { arxiv: '2301.00001', dblp: 'conf/y/OC23' } });
    expect(out.report.candidates).toEqual([]);
  });

  it('keep-mine hides a difference until the source value changes', () => {
    const base = cvWith([pub('w1', TITLE, [OWNER, 'Bea Coauthor'], { ids: { arxiv: '2001.00001' } })]);
    const first = reconcile(input(base, [arxiv('2001.00001', 'Another Title', [OWNER, 'Bea Coauthor'])], []));
    const id = first.report.differences[0]!.id;
    const decisions = { schemaVersion: 1 as const, decisions: [{ item: id, action: 'keep-mine' as const, at: '2026-11-01T00:00:00Z' }] };
    const kept = reconcile(input(base, [arxiv('2001.00001', 'Another Title', [OWNER, 'Bea Coauthor'])], [], { decisions }));
    expect(kept.report.summary.pendingDifferences).toBe(0);
    const changed = reconcile(input(base, [arxiv('2001.00001', 'Yet Another Title', [OWNER, 'Bea Coauthor'])], [], { decisions }));
    expect(changed.report.summary.pendingDifferences).toBe(1);
  });
});

describe('never lose data', () => {
  it('a source that could not be read keeps its last good values from the previous profile', () => {
    const cv = cvWith([pub('w1', TITLE, [OWNER, 'Bea Coauthor'])]);
    const good = reconcile(input(cv, [arxiv('2001.00001', TITLE, [OWNER, 'Bea Coauthor'])], [dblp('conf/x/OC20', TITLE, [OWNER, 'Bea Coauthor'], 2020)]));
    const quiet = reconcile(input(cv, [], [dblp('conf/x/OC20', TITLE, [OWNER, 'Bea Coauthor'], 2020)], { previous: good.profile, arxivAvailable: false }));
    const w = quiet.profile.publications[0]!;
    expect(w.ids.arxiv).toBe('2001.00001');
    expect(w.links.pdf).toBe('https://arxiv.org/pdf/2001.00001');
    expect(w.provenance['ids.arxiv']).toEqual(good.profile.publications[0]!.provenance['ids.arxiv']);
    expect(w.versions.map((v) => v.recordId)).toEqual(['conf/x/OC20', '2001.00001v1']);
    expect(quiet.report.changes).toEqual([]);
  });

  it('canonical works not found anywhere stay published and are listed as information', () => {
    const cv = cvWith([pub('w1', TITLE, [OWNER])]);
    const out = reconcile(input(cv, [], []));
    expect(out.profile.publications.map((w) => w.id)).toEqual(['w1']);
    expect(out.report.notFound).toEqual([{ id: 'notfound:w1', workId: 'w1', title: TITLE, venue: "CONF'20" }]);
  });
});
