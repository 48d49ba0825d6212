import { parseXml, textContent } from '../src/sources/xml/xml-document.ts';
const doc = `<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n  <entry>\n    <id>http://arxiv.org/abs/2001.00001v1</id>\n    <updated>2020-01-01</updated>\n    <title a="b">T</title>\n  </entry>\n</feed>\n`;
const tries: Record<string,string|Uint8Array> = {};
for (const n of [10, 30, 45, 75, 100, 120, 140, 150, doc.length - 3]) tries['cut'+n] = doc.slice(0, n);
tries.html = '<!DOCTYPE html><html><head><title>Access Denied</title><meta charset="utf-8"></head></html>';
tries.xxe = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>';
tries.deep = '<feed><entry><title>' + '<i>'.repeat(100000) + 'x' + '</i>'.repeat(100000) + '</title></entry></feed>';
tries.tworoots = '<a>x</a><b/>';
tries.badutf8 = new Uint8Array([...Buffer.from('<a>\nok\n caf'), 0xc3, 0x28, ...Buffer.from('</a>')]);
tries.utf16 = new Uint8Array(Buffer.concat([Buffer.from([0xff,0xfe]), Buffer.from('<a>héllo</a>', 'utf16le')]));
tries.utf16nobom = new Uint8Array(Buffer.from('<?xml version="1.0" encoding="UTF-16"?><a>h</a>', 'utf16le'));
tries.ctrl = '<a>x\u001b[31mred&#27;[0m&#x9b;\u202eevil</a>';
tries.mismatch = '<a><b></a>';
for (const [k, t] of Object.entries(tries)) {
  try { const r = parseXml(t, k); console.log(k, 'OK', JSON.stringify(textContent(r).slice(0, 40))); } catch (e) { console.log(k, '=>', (e as Error).message); }
}
