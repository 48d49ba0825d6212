import { XMLValidator } from 'fast-xml-parser';
import { load } from 'cheerio/slim';
import { parseTree } from 'jsonc-parser';
const doc = `<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n  <entry>\n    <id>http://arxiv.org/abs/2001.00001v1</id>\n    <updated>2020-01-01</updated>\n    <title a="b">T</title>\n  </entry>\n</feed>\n`;
for (const n of [30, 45, 60, 75, 90, 100, 120, 130, 140, 150, doc.length - 3]) {
  const t = doc.slice(0, n);
  const r = XMLValidator.validate(t);
  console.log(n, JSON.stringify(t.slice(-15)), JSON.stringify(r === true ? true : r.err));
}
const deep = '<feed><entry><title>' + '<i>'.repeat(100000) + 'x' + '</i>'.repeat(100000) + '</title></entry></feed>';
let t0 = Date.now();
console.log('validate deep', XMLValidator.validate(deep) === true, Date.now() - t0);
t0 = Date.now();
const $ = load(deep, { xml: { xmlMode: true, decodeEntities: true } });
console.log('cheerio deep ok', Date.now() - t0, $.root().children().length);
try { parseTree('['.repeat(100000) + ']'.repeat(100000), []); console.log('jsonc deep ok'); } catch (e) { console.log('jsonc deep', (e as Error).message); }
try { JSON.parse('['.repeat(100000) + ']'.repeat(100000)); console.log('JSON deep ok'); } catch (e) { console.log('JSON deep', (e as Error).message); }
console.log(JSON.stringify(XMLValidator.validate('<a>&#27;x</a>')));
console.log(JSON.stringify(load('<a>&#27;x&#x9b;</a>', { xml: { xmlMode: true, decodeEntities: true } }).root().text()));
console.log(JSON.stringify(XMLValidator.validate('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>')));
console.log(JSON.stringify(load('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>', { xml: { xmlMode: true, decodeEntities: true } }).root().text()));
