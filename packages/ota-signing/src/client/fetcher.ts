import { join, resolve, sep } from 'node:path';
import { SdkError } from '@cra-kit/core';
import { OtaSigningError } from '../errors.js';
import { readBlocks } from '../internal/hash-file.js';

/**
 * Where a device downloads repository files from. `fetch` yields the bytes of `path`
 * (relative to the repository base, e.g. `metadata/3.root.json`) and may reuse one buffer
 * between chunks: consumers finish with a chunk before asking for the next. Caps are enforced
 * by the caller ({@link fetchBytes}), never trusted to the implementation.
 */
export interface Fetcher {
  fetch(path: string): AsyncIterable<Uint8Array>;
}

/** A fetch failure that means "no such file" (for the root rotation loop). */
export const notFound = (path: string, cause?: unknown) =>
  new OtaSigningError('OTA_FETCH_FAILED', `${path}: not found`, {
    cause,
    details: { path, notFound: true },
  });

/**
 * Streams `path` through `onChunk`, stopping with OTA_LENGTH_EXCEEDED as soon as more than
 * `maxBytes` arrive (endless data attack): memory stays bounded whatever the server sends.
 * @returns the number of bytes received
 */
export async function streamCapped(fetcher: Fetcher, path: string, maxBytes: number, onChunk: (chunk: Uint8Array) => void | Promise<void>): Promise<number> {
  let total = 0;
  for await (const chunk of fetcher.fetch(path)) {
    total += chunk.length;
    if (total > maxBytes) throw new OtaSigningError('OTA_LENGTH_EXCEEDED', `${path}: more than ${maxBytes} bytes`, { details: { path, maxBytes } });
    await onChunk(chunk);
  }
  return total;
} // prettier-ignore

/** The whole of `path`, at most `maxBytes` long. @throws {OtaSigningError} OTA_LENGTH_EXCEEDED, OTA_FETCH_FAILED */
export async function fetchBytes(
  fetcher: Fetcher,
  path: string,
  maxBytes: number,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const total = await streamCapped(
    fetcher,
    path,
    maxBytes,
    (chunk) => void parts.push(chunk.slice()),
  );
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

/** Reads a repository from a directory (a mounted update medium, a test fixture). */
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

/**
 * Downloads a repository over HTTP(S) with the global `fetch`. A `Content-Length` above what
 * the caller accepts is refused by {@link streamCapped} as the bytes arrive.
 */
export function httpFetcher(baseUrl: string, init: { timeoutMs?: number } = {}): Fetcher {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return {
    async *fetch(path: string) {
      let response: Response;
      try {
        response = await fetch(new URL(path.split('/').map(encodeURIComponent).join('/'), base), { redirect: 'error', signal: AbortSignal.timeout(init.timeoutMs ?? 30_000) });
      } catch (cause) {
        throw new OtaSigningError('OTA_FETCH_FAILED', `${path}: request failed`, { cause });
      }
      if (response.status === 404 || response.status === 403) throw notFound(path);
      if (!response.ok || response.body === null) throw new OtaSigningError('OTA_FETCH_FAILED', `${path}: HTTP ${response.status}`, { details: { path, status: response.status } });
      // Leaving the loop early (a cap was hit) cancels the download.
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) yield chunk;
    },
  };
} // prettier-ignore
