/** The review page's one stylesheet (served from the page's own origin: the CSP allows no inline style). */
export const REVIEW_CSS = `*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff}
header,main,footer{max-width:48rem;margin:0 auto;padding:0 1rem}
header{padding-top:1rem;border-bottom:1px solid #ccc}
h1{font-size:1.5rem;margin:.5rem 0}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
h3{font-size:1.05rem;margin:1rem 0 .5rem}
ul.items{list-style:none;margin:0;padding:0}
ul.items>li{border:1px solid #bbb;border-radius:.4rem;padding:.75rem;margin:0 0 .75rem}
.item-title{font-weight:600;margin:0 0 .25rem;overflow-wrap:anywhere}
.meta,.evidence,.detail,.id{color:#444;margin:.25rem 0;overflow-wrap:anywhere}
.id{font:.85rem/1.4 ui-monospace,monospace}
dl.change{display:grid;grid-template-columns:auto 1fr;gap:.25rem .75rem;margin:.5rem 0}
dl.change dt{font-weight:600}
dl.change dd{margin:0;overflow-wrap:anywhere}
form.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0 0}
button{font:inherit;min-height:44px;min-width:44px;padding:.4rem 1rem;border:2px solid #0b5394;border-radius:.3rem;background:#0b5394;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b5394}
button:focus-visible,a:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
a{color:#0b5394}
.notice{border-left:4px solid #2e7d32;background:#eef6ee;padding:.5rem .75rem;margin:1rem 0}
.notice.conflict{border-color:#b00020;background:#fbeaea}
.empty{color:#444}
.badge{display:inline-block;border:1px solid #666;border-radius:.25rem;padding:0 .3rem;font-size:.85rem}
footer{color:#444;font-size:.9rem;padding:1rem;border-top:1px solid #ccc;margin-top:2rem}
`;
