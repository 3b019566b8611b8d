import type { Agent, IncomingMessage } from 'node:http';
import { OtaSigningError } from '../errors.js';
import { statusError } from './fetcher.js';

/** The client side of mutual TLS, as {@link httpFetcher} validated it. */
export interface MtlsOptions {
  readonly key: string | Uint8Array;
  readonly cert: string;
  readonly ca: string | readonly string[];
  readonly servername?: string | undefined;
  readonly ciphers?: string | undefined;
}

/**
 * GET over HTTPS with a client certificate, through `node:https` (the global `fetch` of Node 20
 * takes no TLS options). One keep-alive agent per fetcher, so a refresh does one handshake;
 * the server must chain to `ca` (never switched off), TLS 1.2 at least.
 * @internal
 */
export function mtlsGet(tls: MtlsOptions) {
  let agent: Promise<Agent> | undefined;
  const agentOf = () =>
    (agent ??= import('node:https').then(
      (https) =>
        new https.Agent({
          keepAlive: true,
          key: typeof tls.key === 'string' ? tls.key : Buffer.from(tls.key),
          cert: tls.cert,
          ca: typeof tls.ca === 'string' ? tls.ca : [...tls.ca],
          minVersion: 'TLSv1.2',
          rejectUnauthorized: true,
          ...(tls.servername === undefined ? {} : { servername: tls.servername }),
          ...(tls.ciphers === undefined ? {} : { ciphers: tls.ciphers }),
        }),
    ));
  return async function* get(url: URL, path: string, timeoutMs: number): AsyncGenerator<Uint8Array> {
    const https = await import('node:https');
    const options = { agent: await agentOf(), signal: AbortSignal.timeout(timeoutMs) };
    let response: IncomingMessage;
    try {
      response = await new Promise<IncomingMessage>((resolve, reject) => https.get(url, options, resolve).on('error', reject));
    } catch (cause) {
      // The cause says which side refused the handshake; it never holds the key.
      throw new OtaSigningError('OTA_FETCH_FAILED', `${path}: request failed`, { cause });
    }
    try {
      const status = response.statusCode ?? 0;
      if (status < 200 || status > 299) throw statusError(path, status);
      try {
        for await (const chunk of response as AsyncIterable<Uint8Array>) yield chunk;
      } catch (cause) {
        throw new OtaSigningError('OTA_FETCH_FAILED', `${path}: download failed`, { cause });
      }
    } finally {
      // Leaving early (a cap was hit, a bad status) drops the connection rather than draining it.
      if (!response.complete) response.destroy();
    }
  };
} // prettier-ignore
