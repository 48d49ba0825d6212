/** Run ids sort by time: 20261128T041813Z. */
export function runIdFor(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function isRunId(text: string): boolean {
  return /^[0-9]{8}T[0-9]{6}Z(?:-[a-z0-9]+)?$/.test(text);
}
