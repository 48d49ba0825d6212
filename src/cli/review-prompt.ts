/**
 * The review prompt in a terminal: one question per pending item. An unknown
 * key asks again; q stops; Ctrl+C or Ctrl+D stops too, and the answers given so
 * far are kept (the caller records them and exits 130).
 */
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { PendingItem } from '../review/pending.ts';
import type { Answer } from '../review/record-answers.ts';
import type { Action } from '../review/pending.ts';

// One key per action (a "now published" event takes both accept and ack: n = noted).
const KEY: Record<Action, string> = { accept: 'a', reject: 'r', 'keep-mine': 'k', 'accept-theirs': 't', ack: 'n' };

export interface PromptResult {
  readonly answers: Answer[];
  /** Ctrl+C or Ctrl+D ended the prompt. */
  readonly interrupted: boolean;
}

/** One line, or undefined when the person pressed Ctrl+C or Ctrl+D. */
function ask(rl: Interface, question: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const done = (value: string | undefined) => {
      rl.off('line', onLine);
      rl.off('close', onEnd);
      rl.off('SIGINT', onEnd);
      process.off('SIGINT', onEnd);
      resolve(value);
    };
    const onLine = (line: string) => done(line);
    const onEnd = () => done(undefined);
    rl.on('line', onLine);
    rl.on('close', onEnd);
    rl.on('SIGINT', onEnd); // Ctrl+C read by readline in raw mode
    process.on('SIGINT', onEnd); // Ctrl+C delivered as a signal
    rl.setPrompt(question);
    rl.prompt();
  });
}

export async function promptAnswers(pending: readonly PendingItem[], input: Readable, output: Writable): Promise<PromptResult> {
  const rl = createInterface({ input, output });
  const answers: Answer[] = [];
  let interrupted = false;
  try {
    outer: for (const [n, p] of pending.entries()) {
      const keys = p.actions.map((a) => `${KEY[a]}=${a}`);
      output.write(`\n(${n + 1}/${pending.length}) ${p.summary}\n${p.id}\n`);
      for (;;) {
        const got = await ask(rl, `[${[...keys, 's=skip', 'q=quit'].join(', ')}] > `);
        if (got === undefined) {
          interrupted = true;
          break outer;
        }
        const key = got.trim().toLowerCase();
        if (key === 'q') break outer;
        if (key === 's') break;
        const action = p.actions.find((a) => KEY[a] === key);
        if (action) {
          answers.push({ id: p.id, action });
          break;
        }
        output.write(`"${got.trim()}" is not an answer here: type ${p.actions.map((a) => KEY[a]).join(', ')}, s or q\n`);
      }
    }
  } finally {
    rl.close();
  }
  return { answers, interrupted };
}
