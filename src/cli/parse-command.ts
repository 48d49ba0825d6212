/** `profile-sync parse arxiv|dblp FILE…`: prints parsed records (or the error) as JSON. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DocumentError, InputError } from '../input/input-error.ts';
import { EXIT, exitCodesHelp } from './exit-codes.ts';
import { requireFile } from './given-paths.ts';
import type { IdentifiedDocument } from '../sources/document-kind.ts';
import { UsageError } from './usage-error.ts';

/**
 * What each source's documents are printed as: arXiv the Atom feed itself (kind "feed" or "error"),
 * or the OAI-PMH response the nightly harvest reads (kind "oai-pmh" or "oai-pmh-error"); dblp the kind and its content.
 */
const READERS: Record<string, (doc: IdentifiedDocument, file: string, kindName: string) => unknown> = {
  arxiv: (doc, file, kindName) => {
    if (doc.kind === 'arxiv-feed' || doc.kind === 'arxiv-error') return doc.feed;
    if (doc.kind === 'arxiv-oai') {
      const { kind: _k, ...page } = doc.page;
      return doc.page.kind === 'error' ? { kind: 'oai-pmh-error', ...page } : { kind: 'oai-pmh', ...page };
    }
    throw new DocumentError(file, `not an arXiv API response: this is ${kindName}`);
  },
  dblp: (doc, file, kindName) => {
    switch (doc.kind) {
      case 'dblp-person':
        return { kind: 'person', person: doc.person };
      case 'dblp-records':
        return { kind: 'records', records: doc.records, problems: doc.problems };
      case 'dblp-author-search':
        return { kind: 'author-search', total: doc.total, candidates: doc.candidates };
      case 'dblp-publication-search':
        return { kind: 'publication-search', total: doc.total, publications: doc.publications, problems: doc.problems };
      case 'dblp-empty-search':
        return { kind: 'search', total: doc.total, hits: [] };
      default:
        throw new DocumentError(file, `not a dblp document: this is ${kindName}`);
    }
  },
};

export function registerParse(program: Command, setExit: (code: number) => void): void {
  program
    .command('parse')
    .description('parse captured native responses and print the typed records as JSON')
    .argument('<source>', 'arxiv (Atom feed or OAI-PMH XML) or dblp (person/record XML, a bare record, search JSON)')
    .argument('<files...>', 'files to parse')
    .addHelpText('after', exitCodesHelp([0, 1, 2, 3], { 3: 'a given document does not parse, or is not a document of that source\n     (each error is printed with its line and column)' }))
    .action(async (source: string, files: string[]) => {
      const read = READERS[source];
      if (!read) throw new UsageError(`parse: unknown source "${source}" (expected arxiv or dblp)`);
      for (const file of files) requireFile(undefined, file);
      const { identifyDocument, KIND_NAMES } = await import('../sources/document-kind.ts');
      const results: unknown[] = [];
      let failed = false;
      for (const file of files) {
        try {
          const doc = identifyDocument(new Uint8Array(readFileSync(file)), file);
          results.push({ file, result: read(doc, file, KIND_NAMES[doc.kind]) });
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          results.push({ file, error: e.message, issues: e.issues });
          failed = true;
        }
      }
      process.stdout.write(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
      setExit(failed ? EXIT.INVALID_INPUT : EXIT.OK);
    });
}
