/** The published web component and demo page are the files in web/ (src/publish/web-assets.ts is generated from them). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { webAssetsModule } from '../../scripts/web-assets.ts';
import { WEB_ASSETS } from '../../src/publish/web-assets.ts';
import { REPO } from '../helpers/paths.ts';

describe('web assets', () => {
  it('src/publish/web-assets.ts is what `npm run web-assets` writes from web/', () => {
    expect(readFileSync(join(REPO, 'src', 'publish', 'web-assets.ts'), 'utf8')).toBe(webAssetsModule());
    expect(WEB_ASSETS.map((a) => a.file)).toEqual(['publication-list.js', 'demo.html']);
  });

  it('the component builds the DOM with DOM APIs only: no innerHTML, outerHTML, insertAdjacentHTML or document.write', () => {
    const js = readFileSync(join(REPO, 'web', 'publication-list.js'), 'utf8');
    expect(js).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    expect(js).not.toMatch(/^\s*import\s/m); // dependency-free
  });
});
