/** The frame of every page of the review site, and the headers every answer carries. */
import { text } from './page-text.ts';

/** Script and styles only from the page's own origin (no inline script or style), requests and forms only to it, never framed. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const HTML_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

export function layout(base: string, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${text(title)}</title>
<link rel="stylesheet" href="${text(base)}/assets/review.css">
<script src="${text(base)}/assets/review.js" defer></script>
</head>
<body>
${body}
<footer><p>profile-sync review. Every answer is recorded in your canonical records (decisions.json, cv.json) and can be taken back with Undo.</p></footer>
</body>
</html>
`;
}

/** A page that says why something cannot be done, and what to do instead. */
export function messagePage(base: string, title: string, paragraphs: readonly string[]): string {
  return layout(base, title, `<header><h1>${text(title)}</h1></header>\n<main>\n${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}\n</main>`);
}
