import { XMLValidator } from 'fast-xml-parser';
for (const t of ['<a>&auml;</a>', '<a>&#0;</a>', '<a><b></a>', '<a>x</a><b/>', '<a>x</a>trailing', '<!-- c --><a/>', '<a', '<a b="1"', '<a><![CDATA[x', '<a><!-- x', '<?xml version="1.0"?>', '<!DOCTYPE html><html><head><meta charset="utf-8"></head></html>', '<a>\u0000</a>', '<a>\u001b</a>']) {
  console.log(JSON.stringify(t), JSON.stringify(XMLValidator.validate(t)));
}
const lol = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;">]><lolz>&lol9;</lolz>';
let t0 = Date.now(); console.log(JSON.stringify(XMLValidator.validate(lol)), Date.now() - t0);
