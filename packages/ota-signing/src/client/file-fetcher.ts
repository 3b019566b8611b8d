import { join, resolve, sep } from 'node:path';
import { SdkError } from '@cra-kit/core';
import { OtaSigningError } from '../errors.js';
import { readBlocks } from '../internal/read-blocks.js';
import { notFound, type Fetcher } from './fetcher.js';

/** Reads a repository from a directory (a mounted update medium, a test fixture). Node only. */
export function fileFetcher(baseDir: string): Fetcher {
  const base = resolve(baseDir);
  return {
    async *fetch(path: string) {
      const full = resolve(join(base, path));
      if (!full.startsWith(base + sep)) throw new OtaSigningError('OTA_FETCH_FAILED', `${path}: outside the repository`);
      try {
        yield* readBlocks(full);
      } catch (error) {
        if (SdkError.isInstance(error)) throw error;
        if ((error as { code?: string }).code === 'ENOENT') throw notFound(path, error);
        throw new OtaSigningError('OTA_FETCH_FAILED', `${path}: cannot be read`, { cause: error });
      }
    },
  };
} // prettier-ignore
