/**
 * What a Step Functions Distributed Map writes with its ResultWriter (S3
 * export, no WriterConfig): under <prefix>/<map run id>/, a manifest.json
 * naming the result files by status, and each file a JSON array of child
 * executions ({ExecutionArn, Name, Status, Input, Output | Error + Cause, …};
 * Input and Output are JSON texts). One parser per document, errors naming
 * the document and the field.
 */
import { DocumentError } from '../input/input-error.ts';

/**
 * Where the workflow's Map writes its children's results: <MAP_RESULTS_PREFIX>/<execution name>/<map run
 * id>/manifest.json and the files it names. The execution's name in the prefix lets the summary find
 * them when the Map failed (its Catch gets only {Error, Cause}, yet Step Functions has written the
 * manifest and the SUCCEEDED_n / FAILED_n / PENDING_n files).
 */
export const MAP_RESULTS_PREFIX = 'runs/map-results';
export const mapResultsFolder = (executionName: string) => `${MAP_RESULTS_PREFIX}/${executionName}/`;

export interface MapRunManifest {
  readonly destinationBucket: string;
  readonly mapRunArn: string;
  /** Result file keys by child status. */
  readonly succeeded: readonly string[];
  readonly failed: readonly string[];
  readonly pending: readonly string[];
}

export interface ChildExecution {
  readonly name: string;
  readonly status: string;
  /** The child's input (the Map's ItemSelector applied to its item). */
  readonly input: unknown;
  /** A succeeded child's output. */
  readonly output?: unknown;
  /** A failed, timed-out or aborted child's error and cause. */
  readonly error?: string;
  readonly cause?: string;
}

export class MapResultsError extends DocumentError {
  constructor(document: string, detail: string) {
    super(document, detail);
    this.name = 'MapResultsError';
  }
}

type Json = Record<string, unknown>;

function parseJson(text: string, document: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new MapResultsError(document, `not JSON: ${(e as Error).message}`);
  }
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(o: Json, field: string, document: string, where: string): string {
  const v = o[field];
  if (typeof v !== 'string') throw new MapResultsError(document, `${where}${field}: expected a string, got ${JSON.stringify(v) ?? 'nothing'}`);
  return v;
}

export function parseMapRunManifest(body: string, document: string): MapRunManifest {
  const doc = parseJson(body, document);
  if (!isObject(doc)) throw new MapResultsError(document, 'expected an object {DestinationBucket, MapRunArn, ResultFiles}');
  const files = doc['ResultFiles'];
  if (!isObject(files)) throw new MapResultsError(document, 'ResultFiles: expected an object {SUCCEEDED, FAILED, PENDING}');
  const keys = (status: string): string[] => {
    const list = files[status] ?? [];
    if (!Array.isArray(list)) throw new MapResultsError(document, `ResultFiles.${status}: expected a list of {Key, Size}`);
    return list.map((f: unknown, i) => {
      if (!isObject(f)) throw new MapResultsError(document, `ResultFiles.${status}[${i}]: expected {Key, Size}`);
      return text(f, 'Key', document, `ResultFiles.${status}[${i}].`);
    });
  };
  return { destinationBucket: text(doc, 'DestinationBucket', document, ''), mapRunArn: text(doc, 'MapRunArn', document, ''), succeeded: keys('SUCCEEDED'), failed: keys('FAILED'), pending: keys('PENDING') };
}

export function parseResultFile(body: string, document: string): ChildExecution[] {
  const doc = parseJson(body, document);
  if (!Array.isArray(doc)) throw new MapResultsError(document, 'expected a JSON array of child executions');
  return doc.map((c: unknown, i) => {
    const where = `[${i}].`;
    if (!isObject(c)) throw new MapResultsError(document, `[${i}]: expected a child execution object`);
    const embedded = (field: string): unknown => {
      const v = c[field];
      if (v === undefined || v === null) return undefined;
      if (typeof v !== 'string') throw new MapResultsError(document, `${where}${field}: expected a JSON text`);
      return parseJson(v, `${document} ${where}${field}`);
    };
    const error = c['Error'];
    const cause = c['Cause'];
    return {
      name: text(c, 'Name', document, where),
      status: text(c, 'Status', document, where),
      input: embedded('Input'),
      ...(c['Output'] !== undefined && c['Output'] !== null ? { output: embedded('Output') } : {}),
      ...(typeof error === 'string' ? { error } : {}),
      ...(typeof cause === 'string' ? { cause } : {}),
    };
  });
}
