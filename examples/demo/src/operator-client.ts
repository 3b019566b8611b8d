import { request } from 'node:https';

/** A JSON answer from the cloud's operator API. */
export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
}

/**
 * What an operator's script does: HTTPS to the public listener with the manufacturer's root
 * as the only trust anchor and an API token. Non-2xx answers throw with the cloud's error code.
 */
export class OperatorClient {
  readonly #baseUrl: string;
  readonly #ca: string;
  readonly #token: string | undefined;

  constructor(baseUrl: string, ca: string, token?: string) {
    this.#baseUrl = baseUrl;
    this.#ca = ca;
    this.#token = token;
  }

  as(token: string): OperatorClient {
    return new OperatorClient(this.#baseUrl, this.#ca, token);
  }

  async get<T>(path: string): Promise<T> {
    return (await this.call('GET', path)).body as T;
  }

  async post<T>(path: string, body: unknown = {}): Promise<T> {
    return (await this.call('POST', path, body)).body as T;
  }

  async put<T>(path: string, body: unknown): Promise<T> {
    return (await this.call('PUT', path, body)).body as T;
  }

  /** One request; `allow` lists non-2xx statuses the caller wants back instead of an error. */
  call(
    method: string,
    path: string,
    body?: unknown,
    allow: readonly number[] = [],
  ): Promise<ApiAnswer> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(payload ? { 'content-type': 'application/json' } : {}),
      ...(this.#token ? { authorization: `Bearer ${this.#token}` } : {}),
    };
    return new Promise((resolve, reject) => {
      const req = request(
        new URL(path, this.#baseUrl),
        { method, headers, ca: this.#ca, timeout: 30_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            let parsed: unknown = text;
            if ((res.headers['content-type'] ?? '').includes('json')) parsed = JSON.parse(text);
            if ((status < 200 || status > 299) && !allow.includes(status)) {
              reject(new Error(`${method} ${path}: HTTP ${status} ${text.slice(0, 300)}`));
              return;
            }
            resolve({ status, body: parsed, text });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.on('error', reject);
      req.end(payload);
    });
  }
}
