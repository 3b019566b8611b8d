import { open, type FileHandle } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { SbomError } from '../errors.js';

/** Limits of {@link readZipFile}: against zip bombs and huge archives. */
export interface ZipLimits {
  /** Largest uncompressed entry, in bytes. */
  readonly maxEntryBytes: number;
  /** Largest sum of uncompressed entries, in bytes. */
  readonly maxTotalBytes: number;
  readonly maxEntries: number;
}

const fail = (why: string): never => {
  throw new SbomError('SBOM_ADVISORY_INVALID', `not a readable zip archive: ${why}`);
};

/** Reads exactly `length` bytes at `position`, or fewer at the end of the file. */
async function readAt(file: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const buffer = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await file.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return buffer.subarray(0, done);
}

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/**
 * Reads the entries of a zip archive (stored or deflated, no zip64, no encryption) whose names
 * end in `.json`, through the central directory, one entry at a time from disk: memory holds the
 * central directory and one entry, never the archive. Declared sizes are checked against the
 * limits before inflating, and the inflated size is capped as well, so a zip bomb ends in an
 * error.
 * @throws {SbomError} SBOM_ADVISORY_INVALID, SBOM_TOO_LARGE
 */
export async function* readZipFile(path: string, limits: ZipLimits): AsyncGenerator<{ name: string; data: Uint8Array }> {
  const file = await open(path, 'r');
  try {
    const { size: fileSize } = await file.stat();
    const tailStart = Math.max(0, fileSize - 22 - 65_535);
    const tail = await readAt(file, tailStart, fileSize - tailStart);
    const t = view(tail);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (t.getUint32(i, true) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) fail('no end of central directory');
    const count = t.getUint16(eocd + 10, true);
    const directorySize = t.getUint32(eocd + 12, true);
    const directoryStart = t.getUint32(eocd + 16, true);
    if (count > limits.maxEntries) throw new SbomError('SBOM_TOO_LARGE', `zip has ${count} entries, over ${limits.maxEntries}`);
    if (directoryStart + directorySize > fileSize) fail('bad central directory');
    const directory = await readAt(file, directoryStart, directorySize);
    const d = view(directory);
    let at = 0;
    let total = 0;
    for (let n = 0; n < count; n++) {
      if (at + 46 > directory.length || d.getUint32(at, true) !== 0x02014b50) fail('bad central directory');
      const flags = d.getUint16(at + 8, true);
      const method = d.getUint16(at + 10, true);
      const compressed = d.getUint32(at + 20, true);
      const size = d.getUint32(at + 24, true);
      const nameLength = d.getUint16(at + 28, true);
      const extra = d.getUint16(at + 30, true);
      const comment = d.getUint16(at + 32, true);
      const local = d.getUint32(at + 42, true);
      const name = new TextDecoder().decode(directory.subarray(at + 46, at + 46 + nameLength));
      at += 46 + nameLength + extra + comment;
      if (!name.endsWith('.json')) continue;
      if ((flags & 1) !== 0) fail(`${name} is encrypted`);
      if (size > limits.maxEntryBytes || (total += size) > limits.maxTotalBytes) {
        throw new SbomError('SBOM_TOO_LARGE', `zip entry ${name} inflates beyond the limits`, { details: { size, ...limits } });
      }
      const header = await readAt(file, local, 30);
      if (header.length < 30 || view(header).getUint32(0, true) !== 0x04034b50) fail('bad local header');
      const start = local + 30 + view(header).getUint16(26, true) + view(header).getUint16(28, true);
      const raw = await readAt(file, start, compressed);
      if (raw.length !== compressed) fail(`${name} is truncated`);
      let data: Uint8Array;
      if (method === 0) data = raw;
      else if (method === 8) {
        try {
          data = inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) });
        } catch (cause) {
          throw new SbomError('SBOM_ADVISORY_INVALID', `cannot inflate ${name}`, { cause });
        }
      } else return fail(`${name} uses compression method ${method}`);
      if (data.length !== size) fail(`${name} has the wrong size`);
      yield { name, data };
    }
  } finally {
    await file.close();
  }
} // prettier-ignore
