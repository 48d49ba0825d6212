/**
 * Every string from a report, a source or the records reaches the page through here: hidden characters
 * (controls, bidi overrides and isolates, direction marks) removed, the five markup characters escaped, and
 * wrapped in <bdi> so a right-to-left title cannot reorder the text around it.
 */
import { htmlText } from '../../publish/html-text.ts';
import { webUrl } from '../../publish/web-url.ts';
import { cleanText } from '../../sources/source-text.ts';

const MARKS = /[\u061c\u200e\u200f\u2028\u2029]/g;

/** Text for an element or a quoted attribute. */
export const text = (s: string | number): string => htmlText(cleanText(String(s)).replace(MARKS, ''));

/** Source text shown in the page flow, isolated. */
export const bdi = (s: string | number): string => `<bdi>${text(s)}</bdi>`;

/** A link to an http(s) address, or the label as plain text when the address is anything else (javascript:, data:). */
export function externalLink(label: string, href: string): string {
  const url = webUrl(href);
  return url ? `<a href="${htmlText(url)}" rel="noopener noreferrer">${bdi(label)}</a>` : bdi(label);
}
