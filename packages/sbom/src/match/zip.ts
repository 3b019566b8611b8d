import { inflateRawSync } from 'node:zlib';
import { SbomError } from '../errors.js';

/** Limits of {@link readZipEntries}: against zip bombs and huge archives. */
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

/**
 * Reads the entries of a zip archive (stored or deflated, no zip64, no encryption) whose names
 * end in `.json`, through the central directory. Declared sizes are checked against the limits
 * before inflating, and the inflated size is capped as well, so a zip bomb ends in an error.
 * @throws {SbomError} SBOM_ADVISORY_INVALID, SBOM_TOO_LARGE
 */
export function* readZipEntries(zip: Uint8Array, limits: ZipLimits): Generator<{ name: string; data: Uint8Array }> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) fail('no end of central directory');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  if (count > limits.maxEntries) throw new SbomError('SBOM_TOO_LARGE', `zip has ${count} entries, over ${limits.maxEntries}`);
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || view.getUint32(at, true) !== 0x02014b50) fail('bad central directory');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra + comment;
    if (!name.endsWith('.json')) continue;
    if ((flags & 1) !== 0) fail(`${name} is encrypted`);
    if (size > limits.maxEntryBytes || (total += size) > limits.maxTotalBytes) {
      throw new SbomError('SBOM_TOO_LARGE', `zip entry ${name} inflates beyond the limits`, { details: { size, ...limits } });
    }
    if (local + 30 > zip.length || view.getUint32(local, true) !== 0x04034b50) fail('bad local header');
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = zip.subarray(start, start + compressed);
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
} // prettier-ignore
