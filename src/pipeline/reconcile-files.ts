/**
 * Reconciliation and publishing on captured native documents (no fetching):
 * the CV file plus any arXiv Atom pages and dblp documents, into a store.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { loadConfig, loadCv } from '../canonical/load.ts';
import { readUtf8File } from '../input/read-if-exists.ts';
import type { ProfileConfig } from '../canonical/config-schema.ts';
import { publicObjects, publishRun, type PublishResult } from '../publish/publish.ts';
import type { Report } from '../model/report.ts';
import { importDocuments } from '../harvest/replay.ts';
import type { Store } from '../store/store.ts';
import { countRecords } from '../harvest/fetch-stage.ts';
import { loadDecisions } from '../canonical/profile-input.ts';
import { readPreviousProfile } from '../model/read-profile.ts';
import { reconcileStage } from '../reconcile/reconcile-stage.ts';
import { identifyDocument } from '../sources/document-kind.ts';

export interface ReconcileFilesOptions {
  readonly cvFile: string;
  readonly configFile?: string;
  readonly decisionsFile?: string;
  readonly arxivFiles: readonly string[];
  readonly dblpFiles: readonly string[];
  readonly store: Store;
  readonly runId: string;
  readonly now: Date;
}

function defaultConfig(profile: string, name: string): ProfileConfig {
  return {
    schemaVersion: 1,
    profile,
    contact: 'unknown',
    sources: {
      arxiv: { enabled: true, authorNames: [name], discoverMaxResults: 200, pageSize: 100, minIntervalSeconds: 3 },
      dblp: { enabled: true, minIntervalSeconds: 1 },
    },
    publishing: { publishUnreviewedCandidates: false, shrinkTolerance: 0.2 },
  };
}

export async function reconcileFiles(o: ReconcileFilesOptions): Promise<{ report: Report; published: PublishResult }> {
  const cvText = await readUtf8File(o.cvFile);
  const cv = loadCv(o.cvFile, cvText);
  const configFile = o.configFile ?? join(dirname(o.cvFile), 'config.json');
  const config = o.configFile || existsSync(configFile) ? loadConfig(configFile, await readUtf8File(configFile), cv.profile) : defaultConfig(cv.profile, cv.person.name);
  const decisions = await loadDecisions(o.decisionsFile ?? join(dirname(o.cvFile), 'decisions.json'));
  const common = { profile: cv.profile, runId: o.runId, store: o.store, now: o.now, count: countRecords };
  const read = async (files: readonly string[], source: 'arxiv' | 'dblp') =>
    Promise.all(
      files.map(async (f, i) => {
        const body = await readFile(f);
        // What a document is, its content decides (a person bibliography saved as person.json is one), never its file name.
        const kind = source === 'dblp' ? identifyDocument(new Uint8Array(body), f).kind : 'arxiv-feed';
        const ext = kind.endsWith('search') ? 'json' : 'xml';
        const purpose = source === 'arxiv' ? `file ${basename(f)}` : kind === 'dblp-person' ? 'person' : kind === 'dblp-author-search' ? 'author-search' : kind;
        return { name: `${source}-${i + 1}.${ext}`, body, purpose, url: `file:${f}`, status: 200 };
      }),
    );
  await importDocuments('arxiv', await read(o.arxivFiles, 'arxiv'), { ...common, missing: 'no arXiv documents given (--arxiv)' });
  await importDocuments('dblp', await read(o.dblpFiles, 'dblp'), { ...common, missing: 'no dblp documents given (--dblp)' });
  const previous = await readPreviousProfile(o.store, cv.profile);
  const input = { profile: cv.profile, cv, config, cvText, decisions };
  const { profile, report } = await reconcileStage({ input, decisions, store: o.store, runId: o.runId, now: o.now, previous });
  const published = await publishRun(o.store, report, publicObjects(cv.profile, profile, previous));
  return { report, published };
}
