import { SdkError, decodeUtf8Text, systemClock, type Clock } from '@cra-kit/core';
import type { CaseService } from '../case/case-service.js';
import { parseInput } from '../internal/parse.js';
import { VulnIntakeError } from '../errors.js';
import { IntakeReportSchema } from './report-schema.js';
import { createRateLimiter, type RateLimitOptions } from './rate-limit.js';

/** Options of {@link createIntakeHandler}. */
export interface IntakeHandlerOptions {
  readonly service: CaseService;
  /** Largest report accepted, in bytes. Default 256 KiB; a 10 MB body is refused unread. */
  readonly maxBytes?: number;
  /** The default limiter's figures: a token bucket per source address, in this process. */
  readonly rateLimit?: RateLimitOptions;
  /**
   * Counts reports per source instead of the in-process bucket, e.g. in a database every instance
   * of a service shares (N instances would otherwise allow N times the limit). Give this or
   * `rateLimit`, not both.
   */
  readonly limiter?: IntakeLimiter;
  readonly clock?: Clock;
  /**
   * Accepts `application/pgp-encrypted` reports (an armored OpenPGP message holding the JSON
   * report) and decrypts them with this function, e.g. {@link createOpenPgpDecryptor}.
   */
  readonly decrypt?: (armored: string) => Promise<string>;
}

/** Decides whether `source` may send a report at `nowMs`: 0 when allowed (and counted), else seconds to wait. */
export interface IntakeLimiter {
  take(source: string, nowMs: number): number | Promise<number>;
}

/** Where a request came from; adapters fill it in (a Fetch `Request` does not carry it). */
export interface IntakeContext {
  readonly remoteAddress?: string;
}

const HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'",
};

/** JSON with <, > and & escaped, so a reply shown as HTML by mistake stays inert. */
const reply = (status: number, body: unknown, extra: Record<string, string> = {}) =>
  new Response(
    JSON.stringify(body).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`),
    { status, headers: { ...HEADERS, ...extra } },
  );
const error = (status: number, code: string, message: string, extra?: Record<string, string>) =>
  reply(status, { error: { code, message } }, extra);

class TooLarge extends Error {}

async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw new TooLarge();
  if (request.body === null) return new Uint8Array();
  const reader = request.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) out.set(c, (offset += c.byteLength) - c.byteLength);
  return out;
}

function parseBody(type: string, text: string): unknown {
  if (type === 'application/json') return JSON.parse(text);
  return Object.fromEntries(new URLSearchParams(text));
}

/**
 * The vulnerability report endpoint as a Fetch API handler `(Request) => Promise<Response>`, for
 * any framework (see {@link toNodeListener} for node:http). `POST` a report as JSON or a form;
 * the reply (201) carries the case id and a reporter token, answered only after the case is
 * committed to the store. `GET ?case=<id>` with `Authorization: Bearer <token>` tells the
 * reporter the state of their case. Too large (413), not UTF-8 or invalid (400), other media
 * types (415) and floods from one source (429) are refused without touching the store.
 */
export function createIntakeHandler(options: IntakeHandlerOptions) {
  const { service } = options;
  const maxBytes = options.maxBytes ?? 256 * 1024;
  const clock = options.clock ?? systemClock;
  if (options.limiter !== undefined && options.rateLimit !== undefined) {
    throw new VulnIntakeError(
      'VULN_INPUT_INVALID',
      'give the intake handler a limiter or rateLimit figures, not both',
    );
  }
  const limiter: IntakeLimiter = options.limiter ?? createRateLimiter(options.rateLimit);

  return async function handle(request: Request, context: IntakeContext = {}): Promise<Response> {
    const source = context.remoteAddress ?? 'unknown';
    if (request.method === 'GET') return status(request);
    if (request.method !== 'POST')
      return error(405, 'METHOD_NOT_ALLOWED', 'use POST to send a report', { allow: 'GET, POST' });
    const wait = await limiter.take(source, clock.now().getTime());
    if (wait > 0)
      return error(429, 'RATE_LIMITED', 'too many reports from this address; try again later', {
        'retry-after': String(wait),
      });
    const type =
      (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const decrypt = type === 'application/pgp-encrypted' ? options.decrypt : undefined;
    if (
      type !== 'application/json' &&
      type !== 'application/x-www-form-urlencoded' &&
      decrypt === undefined
    ) {
      return error(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'send application/json or application/x-www-form-urlencoded',
      );
    }
    try {
      const bytes = await readCapped(request, maxBytes);
      let text = decodeUtf8Text(bytes, { maxBytes, subject: 'report' });
      if (decrypt !== undefined) {
        const clear = new TextEncoder().encode(await decrypt(text));
        text = decodeUtf8Text(clear, { maxBytes, subject: 'decrypted report' });
      }
      const report = parseInput(
        IntakeReportSchema,
        parseBody(decrypt === undefined ? type : 'application/json', text),
        'report',
      );
      const opened = await service.open({
        title: report.title,
        description: report.description,
        reporter: {
          name: report.name,
          email: report.email,
          preferredContact: report.preferredContact,
          credit: report.credit ?? false,
        },
        affected:
          report.product === undefined
            ? []
            : [{ model: report.product, versions: [report.versions ?? 'unknown'] }],
        cwe: report.cwe === undefined ? [] : [report.cwe],
      });
      return reply(201, {
        caseId: opened.case.id,
        reporterToken: opened.reporterToken,
        state: opened.case.state,
        receivedAt: opened.case.receivedAt,
      });
    } catch (e) {
      if (e instanceof TooLarge || (SdkError.isInstance(e) && e.code === 'CORE_INPUT_TOO_LARGE'))
        return error(413, 'TOO_LARGE', `reports are limited to ${maxBytes} bytes`);
      if (e instanceof SyntaxError) return error(400, 'MALFORMED', 'the body is not valid JSON');
      if (
        SdkError.isInstance(e) &&
        ['CORE_INPUT_MALFORMED', 'CORE_INPUT_TOO_LARGE', 'VULN_INPUT_INVALID'].includes(e.code)
      ) {
        return reply(400, { error: e.toJSON() });
      }
      throw e;
    }
  };

  async function status(request: Request): Promise<Response> {
    const id = new URL(request.url).searchParams.get('case') ?? '';
    const token = (request.headers.get('authorization') ?? '').replace(/^Bearer\s+/i, '');
    if (
      !/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(id) ||
      !(await service.checkReporterToken(id, token))
    ) {
      return error(404, 'NOT_FOUND', 'no such case, or the token does not match');
    }
    const kase = await service.get(id);
    return reply(200, {
      caseId: kase.id,
      state: kase.state,
      updatedAt: kase.updatedAt ?? kase.receivedAt,
    });
  }
}

export type IntakeHandler = ReturnType<typeof createIntakeHandler>;
