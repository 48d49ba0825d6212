/**
 * A ZIP archive (PKWARE APPNOTE 6.3: local headers, central directory, end
 * record), the format every operating system unpacks without extra tools.
 * Deterministic: entries in the order given (callers sort them), stored
 * without compression (deflate output may differ between zlib builds, which
 * would rewrite an unchanged archive), one fixed timestamp, UTF-8 names
 * flagged as such. Same files in, same bytes out, on every Node version.
 */
import { crc32 } from 'node:zlib';

export interface ZipFile {
  /** Slash-separated path inside the archive. */
  readonly path: string;
  readonly body: Uint8Array | string;
}

/** 1980-01-01 00:00 in MS-DOS date/time: the earliest a ZIP can say, standing for "no date". */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const UTF8_NAMES = 1 << 11;
const VERSION = 20; // 2.0: the version every unzip reads

export function zipArchive(files: readonly ZipFile[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    if (f.path === '' || f.path.startsWith('/') || f.path.split('/').some((s) => s === '..' || s === '.' || s === '')) throw new Error(`unsafe path in archive: ${JSON.stringify(f.path)}`);
    const name = Buffer.from(f.path, 'utf8');
    const data = typeof f.body === 'string' ? Buffer.from(f.body, 'utf8') : Buffer.from(f.body);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | VERSION, 4); // made by: Unix, so the permissions below are read
    central.writeUInt16LE(VERSION, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(0, 30); // extra
    central.writeUInt16LE(0, 32); // comment
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
