import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { detectFileKind, FILE_KIND_PROBE_BYTES, type FileKind } from './file-kind.js';

/** A deployable file's identity: name, size, SHA-256, SHA-512 and kind. */
export interface HashedFile {
  readonly filename: string;
  readonly size: number;
  readonly sha256: string;
  readonly sha512: string;
  readonly kind: FileKind;
}

/**
 * Hashes a file with SHA-256 and SHA-512 in one streamed pass (memory stays at one chunk,
 * whatever the size) and classifies it from its first bytes.
 *
 * @example
 * ```ts
 * const { sha512, kind } = await hashFile('build/rootfs.squashfs');
 * ```
 */
export async function hashFile(path: string): Promise<HashedFile> {
  const sha256 = createHash('sha256');
  const sha512 = createHash('sha512');
  const head = new Uint8Array(FILE_KIND_PROBE_BYTES);
  let headLength = 0;
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>) {
    sha256.update(chunk);
    sha512.update(chunk);
    if (headLength < head.length) {
      const take = chunk.subarray(0, head.length - headLength);
      head.set(take, headLength);
      headLength += take.length;
    }
    size += chunk.length;
  }
  return {
    filename: basename(path),
    size,
    sha256: sha256.digest('hex'),
    sha512: sha512.digest('hex'),
    kind: detectFileKind(head.subarray(0, headLength)),
  };
} // prettier-ignore
