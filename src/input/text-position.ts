/** Line and column (1-based) of an offset in a text, by binary search over line starts. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function positionIn(starts: readonly number[], offset: number): TextPosition {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

/** Position of one offset (for a single lookup; use lineStarts + positionIn for many). */
export function positionOf(text: string, offset: number): TextPosition {
  return positionIn(lineStarts(text.slice(0, offset + 1)), offset);
}

/** The position just after the last character: where a document that ends early ends. */
export function endOf(text: string): TextPosition {
  return positionOf(text, text.length);
}
