/**
 * `npm run web-assets`: copies web/ (the web component and its demo page) into
 * src/publish/web-assets.ts, so the published bytes travel inside the Lambda
 * bundle and the CLI alike. web/ stays the file to edit; a test fails when the
 * two differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
export const WEB_FILES = [
  ['publication-list.js', 'text/javascript; charset=utf-8'],
  ['demo.html', 'text/html; charset=utf-8'],
] as const;

export function webAssetsModule(): string {
  const items = WEB_FILES.map(([file, contentType]) => `  { file: ${JSON.stringify(file)}, contentType: ${JSON.stringify(contentType)}, body: ${JSON.stringify(readFileSync(join(ROOT, 'web', file), 'utf8'))} },`);
  return [
    '/**',
    ' * The web component and its demo page, published once for all profiles under',
    ' * public/_web/ (a folder no profile id can name). Generated from web/ by',
    ' * `npm run web-assets`: edit web/, not this file.',
    ' */',
    'export interface WebAsset {',
    '  readonly file: string;',
    '  readonly contentType: string;',
    '  readonly body: string;',
    '}',
    '',
    'export const WEB_ASSETS: readonly WebAsset[] = [',
    ...items,
    '];',
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(join(ROOT, 'src', 'publish', 'web-assets.ts'), webAssetsModule());
  console.log('wrote src/publish/web-assets.ts from web/');
}
