import { readFile, stat } from 'node:fs/promises';
import { SbomError } from '../errors.js';
import { defaultSbomLimits, type SbomLimits } from '../limits.js';
import { parseBom } from './parse.js';
import type { Bom } from './schema.js';

/**
 * Reads and parses an SBOM file. The size is checked before a byte is read, so a 200 MB file
 * over the limit costs nothing; see {@link parseBom} for the rest.
 * @throws {SbomError} SBOM_TOO_LARGE, SBOM_INPUT_INVALID (unreadable), and parseBom's codes
 */
export async function readSbomFile(path: string, limits: SbomLimits = {}): Promise<Bom> {
  const maxBytes = limits.maxSbomBytes ?? defaultSbomLimits.maxSbomBytes;
  let bytes: Uint8Array;
  try {
    const { size } = await stat(path);
    if (size > maxBytes) {
      throw new SbomError(
        'SBOM_TOO_LARGE',
        `${path} is ${size} bytes, over the limit of ${maxBytes}`,
        {
          details: { size, maxBytes },
        },
      );
    }
    bytes = await readFile(path);
  } catch (cause) {
    if (SbomError.isInstance(cause)) throw cause;
    throw new SbomError('SBOM_INPUT_INVALID', 'cannot read the SBOM file', {
      cause,
      details: { path },
    });
  }
  return parseBom(bytes, limits);
}
