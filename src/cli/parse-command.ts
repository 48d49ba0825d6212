/** `profile-sync parse arxiv|dblp FILE…`: prints parsed records (or the error) as JSON. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InputError } from '../input/input-error.ts';
import { parseArxivFeed } from '../sources/arxiv/parse-feed.ts';
import { parseDblpAuthorSearch, parseDblpPublSearch } from '../sources/dblp/parse-search.ts';
import { parseDblpXml } from '../sources/dblp/parse-xml.ts';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.ts';

/** dblp JSON is either an author search (hits carry a /pid/ url and an author) or a publication search. */
function parseDblpDocument(text: string, file: string): unknown {
  if (!text.trimStart().startsWith('{')) return parseDblpXml(text, file);
  const isAuthorSearch = /"url"\s*:\s*"https?:\/\/dblp[^"]*\/pid\//.test(text) && !/"key"\s*:/.test(text);
  return isAuthorSearch ? { kind: 'author-search', ...parseDblpAuthorSearch(text, file) } : { kind: 'publication-search', ...parseDblpPublSearch(text, file) };
}

const PARSERS: Record<string, (text: string, file: string) => unknown> = {
  arxiv: parseArxivFeed,
  dblp: parseDblpDocument,
};

export function registerParse(program: Command, setExit: (code: number) => void): void {
  program
    .command('parse')
    .description('parse captured native responses and print the typed records as JSON')
    .argument('<source>', 'arxiv (Atom XML) or dblp (person/record XML, search JSON)')
    .argument('<files...>', 'files to parse')
    .addHelpText('after', EXIT_CODES_HELP.replace('a canonical file, config or given document is broken', 'a given document does not parse'))
    .action(async (source: string, files: string[]) => {
      const parse = PARSERS[source];
      if (!parse) {
        process.stderr.write(`profile-sync parse: unknown source "${source}" (expected arxiv or dblp)\n`);
        setExit(EXIT.USAGE);
        return;
      }
      const results: unknown[] = [];
      let failed = false;
      for (const file of files) {
        try {
          results.push({ file, result: parse(await readFile(file, 'utf8'), file) });
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
            results.push({ file, error: `no such file: ${file}` });
          } else if (e instanceof InputError) {
            results.push({ file, error: e.message, issues: e.issues });
          } else if (e instanceof Error && /malformed XML|not an arXiv|not a dblp/.test(e.message)) {
            results.push({ file, error: e.message });
          } else throw e;
          failed = true;
        }
      }
      process.stdout.write(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
      setExit(failed ? EXIT.INVALID_INPUT : EXIT.OK);
    });
}
