/** A Store that counts what would be billed on S3: PUTs, GETs, LISTs (one per 1,000 keys) and bytes written. */
import type { DeleteOptions, PutOptions, PutResult, Store, StoredObject } from '../src/store/store.ts';

export interface StoreCounts {
  puts: number;
  gets: number;
  lists: number;
  bytesWritten: number;
  /** Of which under raw/ (kept 90 days). */
  rawBytes: number;
  bytesRead: number;
}

export class CountingStore implements Store {
  readonly counts: StoreCounts = { puts: 0, gets: 0, lists: 0, bytesWritten: 0, rawBytes: 0, bytesRead: 0 };
  constructor(private readonly inner: Store) {}

  get description(): string {
    return this.inner.description;
  }

  async get(key: string): Promise<StoredObject | undefined> {
    this.counts.gets++;
    const obj = await this.inner.get(key);
    this.counts.bytesRead += obj?.body.byteLength ?? 0;
    return obj;
  }

  async put(key: string, body: Uint8Array | string, options: PutOptions): Promise<PutResult> {
    this.counts.puts++;
    const n = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    this.counts.bytesWritten += n;
    if (key.startsWith('raw/')) this.counts.rawBytes += n;
    return this.inner.put(key, body, options);
  }

  /** DELETE is not billed on S3: passed through, not counted. */
  delete(key: string, options?: DeleteOptions): Promise<void> {
    return this.inner.delete(key, options);
  }

  async list(prefix: string): Promise<string[]> {
    const keys = await this.inner.list(prefix);
    this.counts.lists += Math.max(1, Math.ceil(keys.length / 1000));
    return keys;
  }
}
