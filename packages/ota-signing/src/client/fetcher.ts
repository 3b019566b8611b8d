import { OtaSigningError } from '../errors.js';

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

/** An HTTP status as a fetch error; 403/404 mean "no such file" (the root rotation loop stops). */
export function statusError(path: string, status: number): OtaSigningError {
  if (status === 404 || status === 403) return notFound(path);
  return new OtaSigningError('OTA_FETCH_FAILED', `${path}: HTTP ${status}`, { details: { path, status } });
} // prettier-ignore

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
