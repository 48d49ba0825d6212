/**
 * <publication-list src="https://…/<profile>/profile.json" [selected] [group-by="year|kind"] [heading-level="2"]>
 *
 * Renders a profile-sync profile.json: publications grouped by year (or by
 * kind), the owner's name emphasised, equal-contribution marks with their
 * legend, the venue as a badge, links (arXiv, PDF, DOI, code, …), the abstract
 * behind a disclosure, and talks. Dependency-free ES module; built with DOM
 * APIs only (every value from the JSON becomes text, never markup); lists,
 * headings and links with names a screen reader can tell apart. Style it from
 * outside with ::part(…) (title, authors, owner, venue, links, link, message)
 * or the custom properties --pl-link (links), --pl-accent (venue badge, award)
 * and --pl-muted (remarks). Every colour defaults to the host's text colour
 * (inherit), so the list reads on a light or a dark page alike; set --pl-link to
 * your site's link colour. With `selected` and no work marked selected, the
 * element hides itself (no empty "Selected publications" box) and says so in
 * its publication-list-load event (detail.works 0, detail.empty true).
 */
const CSS = `
:host{display:block;font:inherit;color:inherit}
:host([hidden]){display:none}
h2,h3,h4,h5{margin:1.2em 0 .4em}
ul{list-style:none;margin:0;padding:0}
li.work{margin:0 0 1em}
.title{font-weight:600}
.owner{font-weight:700}
sup{font-size:.75em}
a{color:var(--pl-link,inherit);text-decoration:underline;text-underline-offset:.15em}
a:focus-visible{outline:2px solid currentColor;outline-offset:2px}
.venue{display:inline-block;margin-right:.5em;padding:0 .4em;border:1px solid currentColor;border-radius:.3em;font-size:.85em;color:var(--pl-accent,inherit)}
.meta,.legend,.message{color:var(--pl-muted,inherit)}
.links a{margin-right:.6em}
.award{font-weight:600;color:var(--pl-accent,inherit)}
details{margin-top:.2em}
summary{cursor:pointer}
.message{padding:.6em;border:1px solid currentColor;border-radius:.3em}
`;

const KIND_GROUPS = [
  ['peer-reviewed', 'Peer-reviewed papers'],
  ['preprint', 'Preprints'],
];

const LINKS = [
  ['abstract', 'arXiv'],
  ['pdf', 'PDF'],
  ['doi', 'DOI'],
  ['code', 'Code'],
  ['slides', 'Slides'],
  ['video', 'Video'],
  ['poster', 'Poster'],
  ['project', 'Project'],
  ['blog', 'Blog'],
];

/** An http(s) URL from the JSON, or undefined (never a javascript: or data: link). */
function safeUrl(value, base) {
  try {
    const url = new URL(String(value), base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== false) node.setAttribute(k, v === true ? '' : String(v));
  for (const c of children) if (c !== undefined && c !== null) node.append(typeof c === 'string' || typeof c === 'number' ? String(c) : c);
  return node;
}

const text = (v) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

export class PublicationList extends HTMLElement {
  static get observedAttributes() {
    return ['src', 'selected', 'group-by', 'heading-level'];
  }

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    this.request = 0;
  }

  connectedCallback() {
    this.load();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.load();
  }

  /** The profile as last rendered (undefined before it loaded). */
  get profile() {
    return this.data;
  }

  async load() {
    const src = this.getAttribute('src');
    const request = ++this.request;
    if (!src) return this.message('No profile to show: set the src attribute to the URL of a profile.json.');
    this.setAttribute('aria-busy', 'true');
    let data;
    try {
      const response = await fetch(src, { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(`the server answered HTTP ${response.status}`);
      data = await response.json();
      if (!data || !Array.isArray(data.publications)) throw new Error('it is not a profile.json (no publications)');
    } catch (e) {
      if (request !== this.request) return;
      this.removeAttribute('aria-busy');
      this.dispatchEvent(new CustomEvent('publication-list-error', { detail: { src, error: text(e && e.message) } }));
      return this.message(`The publications could not be loaded from ${src}: ${text(e && e.message) || 'network error'}.`);
    }
    if (request !== this.request) return;
    this.data = data;
    this.removeAttribute('aria-busy');
    const shown = this.render(data, new URL(src, document.baseURI).href);
    this.dispatchEvent(new CustomEvent('publication-list-load', { detail: { src, works: shown, empty: shown === 0 } }));
  }

  message(msg) {
    this.hidden = false;
    this.root.replaceChildren(el('style', {}, CSS), el('p', { class: 'message', part: 'message', role: 'alert' }, msg));
  }

  heading(level, label) {
    return el(`h${Math.min(6, level)}`, {}, label);
  }

  /** Renders the profile; returns how many works are shown. A `selected` list with none selected hides itself. */
  render(data, base) {
    const level = Math.max(2, Math.min(5, Number(this.getAttribute('heading-level')) || 2));
    const works = data.publications.filter((w) => w && (!this.hasAttribute('selected') || w.selected === true));
    if (this.hasAttribute('selected') && works.length === 0) {
      this.hidden = true;
      this.root.replaceChildren();
      return 0;
    }
    this.hidden = false;
    const byKind = this.getAttribute('group-by') === 'kind';
    const groups = new Map();
    for (const w of works) {
      const key = byKind ? (w.section === 'preprint' ? 'preprint' : 'peer-reviewed') : text(w.year);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(w);
    }
    const order = byKind ? KIND_GROUPS.map(([k]) => k).filter((k) => groups.has(k)) : [...groups.keys()].sort((a, b) => Number(b) - Number(a));
    const name = text(data.person && data.person.name);
    const section = el('section', { 'aria-label': name ? `Publications of ${name}` : 'Publications' });
    section.append(this.heading(level, this.hasAttribute('selected') ? 'Selected publications' : 'Publications'));
    if (works.some((w) => Array.isArray(w.authors) && w.authors.some((a) => a && a.equalContribution))) {
      section.append(el('p', { class: 'legend', part: 'legend' }, el('sup', { 'aria-hidden': 'true' }, '*'), ' Equal contribution'));
    }
    for (const key of order) {
      const label = byKind ? KIND_GROUPS.find(([k]) => k === key)[1] : key;
      section.append(this.heading(level + 1, label), el('ul', {}, ...groups.get(key).map((w) => this.work(w, base))));
    }
    if (works.length === 0) section.append(el('p', { class: 'message', part: 'message' }, 'No publications to show.'));
    const talks = this.hasAttribute('selected') || !Array.isArray(data.talks) ? [] : data.talks;
    if (talks.length) {
      section.append(this.heading(level, 'Talks'), el('ul', {}, ...talks.map((t) => el('li', { class: 'talk' }, el('span', { class: 'title', part: 'title' }, text(t.title)), el('span', { class: 'meta' }, `, ${text(t.event)} (${text(t.year)})`)))));
    }
    this.root.replaceChildren(el('style', {}, CSS), section);
    return works.length;
  }

  work(w, base) {
    const title = text(w.title);
    const authors = el('span', { class: 'authors', part: 'authors' });
    (Array.isArray(w.authors) ? w.authors : []).forEach((a, i, all) => {
      if (i > 0) authors.append(i === all.length - 1 ? (all.length > 2 ? ', and ' : ' and ') : ', ');
      const person = el(a.isOwner ? 'strong' : 'span', { class: a.isOwner ? 'owner' : undefined, part: a.isOwner ? 'owner' : undefined }, text(a.name));
      authors.append(person);
      if (a.equalContribution) authors.append(el('sup', { title: 'Equal contribution' }, '*'));
    });
    const links = el('span', { class: 'links', part: 'links' });
    const l = w.links || {};
    const preprint = w.kind === 'preprint';
    for (const [kind, label] of LINKS) {
      // A preprint is shown as the preprint: the DOI of a later published version waits for the owner's review.
      if (preprint && kind === 'doi' && !/^https:\/\/doi\.org\/10\.48550\//i.test(text(l.doi))) continue;
      const href = l[kind] && safeUrl(l[kind], base);
      if (href) links.append(el('a', { href, part: 'link', 'aria-label': `${label}: ${title}` }, label));
    }
    const status = w.status === 'candidate' ? el('span', { class: 'meta' }, ' (found by a source, not yet reviewed)') : undefined;
    const item = el(
      'li',
      { class: 'work', id: w.id ? `pub-${text(w.id)}` : undefined },
      el('span', { class: 'venue', part: 'venue' }, text(w.venue)),
      el('span', { class: 'title', part: 'title' }, title),
      status,
      el('br'),
      authors,
    );
    if (w.award) item.append(el('br'), el('span', { class: 'award', part: 'award' }, text(w.award)));
    if (w.annotation) item.append(el('br'), el('span', { class: 'meta' }, text(w.annotation)));
    if (links.childNodes.length) item.append(el('br'), links);
    if (w.abstract) item.append(el('details', {}, el('summary', {}, 'Abstract'), el('p', {}, text(w.abstract))));
    return item;
  }
}

if (!customElements.get('publication-list')) customElements.define('publication-list', PublicationList);
