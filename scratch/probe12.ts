import { readFileSync } from 'node:fs';
import { XMLValidator } from 'fast-xml-parser';
import { load } from 'cheerio/slim';
import { parseArxivFeed } from '../src/sources/arxiv/parse-feed.ts';
const b = new Uint8Array(readFileSync('/tmp/hb-corpus/arxiv-100k-authors.xml'));
const text = new TextDecoder().decode(b);
for (let i = 0; i < 2; i++) {
  let t = Date.now(); XMLValidator.validate(text); console.log('validate', Date.now() - t);
  t = Date.now(); load(text, { xml: { xmlMode: true, decodeEntities: true, withStartIndices: true } }); console.log('cheerio', Date.now() - t);
  t = Date.now(); parseArxivFeed(b, 'x'); console.log('parseArxivFeed', Date.now() - t);
}
