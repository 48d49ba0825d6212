/** One rule for venue names: the owner's labels and dblp's booktitles to full names and owner-style labels. */
import { describe, expect, it } from 'vitest';
import { fullVenueName, labelStyleOf, ownerStyleLabel, venueAbbr, venueFromDblp, venueFromLabel } from '../../src/text/venue-names.ts';

describe('venue names', () => {
  it('the owner\'s labels name a series, a track and a year', () => {
    expect(fullVenueName(venueFromLabel("ICCV'19"), 2019)).toBe('IEEE/CVF International Conference on Computer Vision (ICCV)');
    expect(fullVenueName(venueFromLabel("ICCV'17"), 2017)).toBe('IEEE International Conference on Computer Vision (ICCV)');
    expect(fullVenueName(venueFromLabel("CVPR WS'20"), 2020)).toBe('Workshops of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR Workshops)');
    expect(fullVenueName(venueFromLabel("ISMIR Late Break Demo'19"), 2019)).toBe('Late-Breaking Demos of the International Society for Music Information Retrieval Conference (ISMIR)');
    expect(fullVenueName(venueFromLabel('NeurIPS 2021'), 2021)).toBe('Advances in Neural Information Processing Systems (NeurIPS)');
    expect(fullVenueName(venueFromLabel("arXiv'20"), 2020)).toBe('arXiv');
    // A series the table does not know keeps the name it was written with: nothing is guessed.
    expect(venueFromLabel("BigData'17")).toEqual({ series: 'BigData', track: 'main', known: false, type: 'unknown' });
    expect(fullVenueName(venueFromLabel("BigData'17"), 2017)).toBe('BigData');
  });

  it('dblp booktitles and journals name the same series', () => {
    expect(venueFromDblp('ECCV (19)')).toMatchObject({ series: 'ECCV', track: 'main', known: true });
    expect(venueFromDblp('CVPR Workshops')).toMatchObject({ series: 'CVPR', track: 'workshop' });
    expect(venueFromDblp('ICLR (Poster)')).toMatchObject({ series: 'ICLR', track: 'main' });
    expect(venueFromDblp('NIPS')).toMatchObject({ series: 'NeurIPS' });
    expect(fullVenueName(venueFromDblp('IEEE Trans. Pattern Anal. Mach. Intell.'), 2022)).toBe('IEEE Transactions on Pattern Analysis and Machine Intelligence');
    expect(venueFromDblp('CoRR')).toMatchObject({ type: 'preprint' });
  });

  it('short labels in the owner\'s style, learnt from the labels the owner wrote', () => {
    expect(ownerStyleLabel(venueFromDblp('ICLR'), 2021)).toBe("ICLR'21");
    expect(ownerStyleLabel(venueFromDblp('CVPR Workshops'), 2021)).toBe("CVPR WS'21");
    expect(labelStyleOf(["ICCV'19", "AAAI'21", 'ICML 2020'])).toBe('apostrophe');
    expect(labelStyleOf(['ICCV 2019', 'AAAI 2021'])).toBe('four-digit');
    expect(ownerStyleLabel(venueFromDblp('ECCV (8)'), 2022, 'four-digit')).toBe('ECCV 2022');
  });

  it('al-folio badges (abbr): the acronym without year; a workshop +W; a demo the main acronym; an unknown series as written', () => {
    const badges = ["ICCV'19", 'ICLR 2021', "CVPR WS'20", 'ICML Workshop 2019', "ICLR (Workshop)'19", "ISMIR Late Break Demo'19", "ISMIR LBD'19", "NIPS'17", "cvpr'20", "IEEE BigData'17", "BigData WS'18", "arXiv'20", "TPAMI'22", "ICLR (Oral)'21", "CVPRW'20"].map(venueAbbr);
    expect(badges).toEqual(['ICCV', 'ICLR', 'CVPRW', 'ICMLW', 'ICLRW', 'ISMIR', 'ISMIR', 'NeurIPS', 'CVPR', 'BigData', 'BigDataW', 'arXiv', 'TPAMI', 'ICLR', 'CVPRW']);
  });
});
