/**
 * Every public object a profile's run publishes beside profile.json, in
 * publishing order: its schema, the citation formats (CSL-JSON, BibTeX,
 * JSON-LD), the site exports (al-folio's papers.bib, the Hugo Blox bundles and
 * their archive), one landing page per work (papers/<work>.html), and the web component (one copy for all profiles, under
 * public/_web/, a folder no profile id can name: ids start with a letter or
 * digit). profile.json itself comes last (publish.ts).
 */
import type { PublishedProfile } from '../model/profile.ts';
import { toBibtex } from './citations/bibtex.ts';
import { toCslJson } from './citations/csl-json.ts';
import { jsonLdText } from './citations/json-ld.ts';
import { jsonSchemas, stableJson } from './json-schemas.ts';
import { toAlFolioBib } from './site/al-folio.ts';
import { hugoBloxArchive, hugoBloxFiles } from './site/hugo-blox.ts';
import { landingPages } from './site/landing-page.ts';
import { WEB_ASSETS } from './web-assets.ts';

export interface PublicObject {
  readonly key: string;
  readonly body: string | Uint8Array;
  readonly contentType: string;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const BIBTEX = 'application/x-bibtex; charset=utf-8';

/**
 * Folders of a profile whose content is exactly what its run publishes (one Hugo Blox bundle and
 * one landing page per work): a bundle whose work is gone is removed, by publishing and by a rollback alike.
 */
export const mirroredFolders = (profile: string): string[] => [`public/${profile}/hugo-blox/publications/`, `public/${profile}/papers/`];

/** Where the web component is published (once for every profile). */
export const WEB_PREFIX = 'public/_web';

export function formatObjects(profile: string, doc: PublishedProfile): PublicObject[] {
  const hugo = hugoBloxFiles(doc);
  return [
    { key: `public/${profile}/profile.schema.json`, body: stableJson(jsonSchemas()['profile.schema.json']), contentType: JSON_CONTENT_TYPE },
    { key: `public/${profile}/publications.csl.json`, body: stableJson(toCslJson(doc)), contentType: JSON_CONTENT_TYPE },
    { key: `public/${profile}/publications.bib`, body: toBibtex(doc), contentType: BIBTEX },
    { key: `public/${profile}/publications.jsonld`, body: jsonLdText(doc), contentType: 'application/ld+json; charset=utf-8' },
    { key: `public/${profile}/al-folio/papers.bib`, body: toAlFolioBib(doc), contentType: BIBTEX },
    ...hugo.map((f) => ({ key: `public/${profile}/hugo-blox/${f.path}`, body: f.body, contentType: f.path.endsWith('.bib') ? BIBTEX : 'text/markdown; charset=utf-8' })),
    { key: `public/${profile}/hugo-blox.zip`, body: hugoBloxArchive(hugo), contentType: 'application/zip' },
    ...landingPages(doc).map((p) => ({ key: `public/${profile}/${p.path}`, body: p.body, contentType: 'text/html; charset=utf-8' })),
    ...WEB_ASSETS.map((a) => ({ key: `${WEB_PREFIX}/${a.file}`, body: a.body, contentType: a.contentType })),
  ];
}
