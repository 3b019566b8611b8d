import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The hardware id of the example product's devices (one model, one revision). */
export const HARDWARE_ID = 'vs-200-revB';

/**
 * Writes a stand-in firmware image: a header naming the version, then deterministic
 * pseudo-random bytes (so two runs produce the same image and the same hashes).
 */
export async function writeFirmwareImage(
  dir: string,
  version: string,
  sizeBytes = 256 * 1024,
): Promise<string> {
  const header = Buffer.from(`VS-200 firmware ${version}\n`);
  const body = Buffer.alloc(sizeBytes - header.length);
  let block = createHash('sha256').update(version).digest();
  for (let offset = 0; offset < body.length; offset += block.length) {
    block.copy(body, offset);
    block = createHash('sha256').update(block).digest();
  }
  const path = join(dir, `vs-200-${version}.bin`);
  await writeFile(path, Buffer.concat([header, body]));
  return path;
}
