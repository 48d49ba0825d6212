/**
 * Published links are valid RFC 3986 URIs: a character a URI may not hold (a space, a quote,
 * "[" or "]" outside an IPv6 host, "<", ">", "\", "^", "`", "{", "|", "}", a non-ASCII letter, a
 * "%" that begins no escape) is percent-encoded; everything else is kept as written.
 */

/** pchar plus "/", "?", "#" and a "%" escape: what may stand after a URI's authority. */
const ALLOWED = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]/;

function encodeChar(ch: string): string {
  return [...new TextEncoder().encode(ch)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** Percent-encodes what RFC 3986 does not allow after the authority; `extra` are characters to encode as well. */
function encodeRest(rest: string, extra = ''): string {
  let out = '';
  let seenHash = false;
  const chars = [...rest];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '%' && !extra.includes('%') && /^[0-9A-Fa-f]{2}$/.test(chars.slice(i + 1, i + 3).join(''))) out += ch;
    else if (ch === '#' && !seenHash && !extra.includes('#')) {
      seenHash = true;
      out += ch;
    } else if (ch !== '#' && ALLOWED.test(ch) && !extra.includes(ch)) out += ch;
    else out += encodeChar(ch);
  }
  return out;
}

const WITH_AUTHORITY = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*)(.*)$/s;

/** The URL as an RFC 3986 URI: its path, query and fragment percent-encoded where they need to be. */
export function asUri(url: string): string {
  const m = WITH_AUTHORITY.exec(url);
  return m ? `${m[1]}${encodeRest(m[2]!)}` : encodeRest(url);
}

/** A DOI as a URI path (after https://doi.org/): "%", "?" and "#" belong to the DOI, so they are encoded too. */
export function doiPath(doi: string): string {
  return encodeRest(doi, '%?#');
}

const URI = /^[A-Za-z][A-Za-z0-9+.-]*:(?:\/\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*(?::\d*)?)?(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*(?:\?(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?(?:#(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?$/;

/** Whether the text is a URI by RFC 3986's grammar (an IP-literal host aside). */
export function isUri(text: string): boolean {
  return URI.test(text);
}
