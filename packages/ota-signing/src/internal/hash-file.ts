import { defaultHashProvider, type HashProvider } from '../hash/hasher.js';
import { toHex } from './encoding.js';
import { readBlocks } from './read-blocks.js';

/**
 * Length and SHA-256 (hex) of a file, streamed with bounded memory through `provider`
 * (`node:crypto` where available).
 */
export async function hashFile(
  path: string,
  provider?: HashProvider,
): Promise<{ length: number; sha256: string }> {
  const hash = (provider ?? (await defaultHashProvider())).create('sha256');
  let length = 0;
  for await (const block of readBlocks(path)) {
    hash.update(block);
    length += block.length;
  }
  return { length, sha256: toHex(hash.digest()) };
}
