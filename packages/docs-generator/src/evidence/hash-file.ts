import { createHash, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** The SHA-256 of a file, its size, and its first bytes. */
export interface HashedFile {
  readonly sha256: string;
  readonly size: number;
  readonly head: Uint8Array;
}

/**
 * Hashes a file with SHA-256 while streaming it, so memory stays bounded whatever its size,
 * and keeps its first `keepBytes` bytes for format recognition. The kept bytes come from the
 * same read as the digest, so what is checked is exactly what is hashed.
 * @internal
 */
export async function hashFile(path: string, keepBytes: number): Promise<HashedFile> {
  const hash = createHash('sha256');
  const head = new Uint8Array(keepBytes);
  let headLength = 0;
  let size = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    if (headLength < keepBytes) {
      const take = chunk.subarray(0, keepBytes - headLength);
      head.set(take, headLength);
      headLength += take.length;
    }
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size, head: head.slice(0, headLength) };
}

/** Compares two hex digests in constant time. @internal */
export function sameDigest(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
