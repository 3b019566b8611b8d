import { parseWith } from '@cra-kit/core';
import { z } from 'zod';
import { OtaSigningError } from '../errors.js';
import { statusError, type Fetcher } from './fetcher.js';
import { mtlsGet } from './mtls-get.js';

// Built on first use: a device that never calls httpFetcher does not pay for the schema.
let optionsSchema: ReturnType<typeof buildSchema> | undefined;

function buildSchema() {
  const pem = z.string().min(1);
  return z
    .strictObject({
      timeoutMs: z.int().positive().optional(),
      /** Mutual TLS: spreads the result of identity's `mtlsClientOptions` as is (extra keys ignored). */
      tls: z
        .object({
          key: z.union([pem, z.instanceof(Uint8Array)]),
          cert: pem,
          ca: z.union([pem, z.array(pem).min(1)]),
          servername: z.string().min(1).optional(),
          ciphers: z.string().min(1).optional(),
        })
        .optional(),
      fetch: z
        .custom<typeof fetch>((f) => typeof f === 'function', 'must be a function')
        .optional(),
    })
    .refine(
      (o) => o.tls === undefined || o.fetch === undefined,
      'give either tls or fetch, not both',
    );
}

/** Options of {@link httpFetcher}. */
export type HttpFetcherOptions = z.input<ReturnType<typeof buildSchema>>;

/**
 * Downloads a repository over HTTP(S): with the global `fetch` by default, with your own
 * `fetch` (undici with a dispatcher, a proxy), or with `tls` for **mutual TLS** (the device's
 * key and certificate chain, the CA the server must chain to; through `node:https`, loaded
 * only then). Redirects are refused; the whole download of one file is bounded by `timeoutMs`
 * (30 s). Caps are enforced by the caller as the bytes arrive ({@link streamCapped}).
 * @throws {ValidationError} CORE_VALIDATION_FAILED for malformed options
 * @example
 * ```ts
 * const fetcher = httpFetcher('https://updates.example.com/repo', {
 *   tls: mtlsClientOptions({ key, cert, chain, ca: rootPem }), // from @cra-kit/identity
 * });
 * ```
 */
export function httpFetcher(baseUrl: string, options: HttpFetcherOptions = {}): Fetcher {
  const base = new URL(parseWith(z.url({ protocol: /^https?$/ }), baseUrl, 'baseUrl'));
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const { timeoutMs = 30_000, tls, fetch: fetchFn = fetch } = parseWith((optionsSchema ??= buildSchema()), options, 'httpFetcher options');
  const urlOf = (path: string) => new URL(path.split('/').map(encodeURIComponent).join('/'), base);
  if (tls !== undefined) {
    if (base.protocol !== 'https:') throw new OtaSigningError('OTA_FETCH_FAILED', 'mutual TLS needs an https: base URL');
    const get = mtlsGet(tls);
    return { fetch: (path) => get(urlOf(path), path, timeoutMs) };
  }
  return {
    async *fetch(path: string) {
      let response: Response;
      try {
        response = await fetchFn(urlOf(path), { redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
      } catch (cause) {
        throw new OtaSigningError('OTA_FETCH_FAILED', `${path}: request failed`, { cause });
      }
      if (!response.ok || response.body === null) {
        await response.body?.cancel().catch(() => undefined);
        throw statusError(path, response.status);
      }
      // Leaving the loop early (a cap was hit) cancels the download.
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) yield chunk;
    },
  };
} // prettier-ignore
