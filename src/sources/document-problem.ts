/**
 * A source document read where an unusable one is a reason, not a crash: the
 * parse's value, or the first problem's text (file:line:column: what) when the
 * document is malformed, HTML, not text or of the wrong kind (an InputError).
 * Any other error propagates.
 */
import { formatIssue, InputError } from '../input/input-error.ts';

export function parsedOrProblem<T>(parse: () => T): T | string {
  try {
    return parse();
  } catch (e) {
    if (e instanceof InputError) return e.issues[0] ? formatIssue(e.issues[0]) : e.message;
    throw e;
  }
}
