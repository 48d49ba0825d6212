import { marked } from 'marked';
for (const md of ['ftp\\://x.org', 'mailto:a\\@b.c', 'xmpp:a\\@b.c', 'javascript:alert(1)', 'data:text/html,<x>', 'see https://x.org/a)b', 'a&#106;avascript:x', '[a](https://x.org/%28)']) {
  console.log(JSON.stringify(md), '=>', JSON.stringify(marked.parse(md, { async: false })));
}
