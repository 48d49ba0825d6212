/**
 * JSON that can be inlined in an HTML <script> element (JSON-LD) as it is:
 * "<", ">" and "&" are written as \u escapes (the same JSON to a JSON parser), so
 * no "</script>", "<!--" or "<script" can end or reopen the element, and U+2028 /
 * U+2029 as escapes too (a JavaScript parser before ES2019 ends a string there).
 */
export function scriptSafeJson(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
