import { request, type RequestOptions } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { AgentError } from './errors.js';

/** TLS options for node:https: our CA as the only trust anchor, plus a client pair for mTLS. */
export interface TlsClient {
  readonly ca: string;
  readonly key?: string;
  readonly cert?: string;
  readonly servername?: string;
  readonly minVersion?: 'TLSv1.2';
  readonly ciphers?: string;
}

function open(url: URL, tls: TlsClient, init: { method: string; headers?: Record<string, string>; body?: string; timeoutMs: number }): Promise<IncomingMessage> {
  if (url.protocol !== 'https:') return Promise.reject(new AgentError('AGENT_HTTP_FAILED', `${url.origin}: only https is allowed`));
  const options: RequestOptions = { method: init.method, headers: init.headers ?? {}, ...tls, rejectUnauthorized: true, timeout: init.timeoutMs, agent: false };
  return new Promise((resolve, reject) => {
    const req = request(url, options, resolve);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (cause) => { reject(new AgentError('AGENT_HTTP_FAILED', `${url.pathname}: request failed`, { cause })); });
    req.end(init.body);
  });
} // prettier-ignore

/**
 * One HTTPS request with the server verified against our CA; the body is capped at `maxBytes`.
 * @throws {AgentError} AGENT_HTTP_FAILED
 */
export async function httpsRequest(
  url: URL,
  tls: TlsClient,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    maxBytes?: number;
    timeoutMs?: number;
  } = {},
): Promise<{ status: number; body: Buffer }> {
  const res = await open(url, tls, {
    method: init.method ?? 'GET',
    ...(init.headers ? { headers: init.headers } : {}),
    ...(init.body === undefined ? {} : { body: init.body }),
    timeoutMs: init.timeoutMs ?? 30_000,
  });
  const max = init.maxBytes ?? 1024 * 1024;
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > max) {
      res.destroy();
      throw new AgentError('AGENT_HTTP_FAILED', `${url.pathname}: response over ${max} bytes`);
    }
    parts.push(chunk);
  }
  return { status: res.statusCode ?? 0, body: Buffer.concat(parts) };
}
