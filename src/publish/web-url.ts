/** An http(s) URL a published page may link to (never javascript:, data: or a relative path), or undefined. */
export function webUrl(u: string | undefined): string | undefined {
  return u !== undefined && /^https?:\/\/[^\s"'<>\\`{}]+$/i.test(u) ? u : undefined;
}
