import { type Clock, type RandomSource, secureRandom, systemClock } from '@cra-kit/core';
import { SupportPeriodError } from '../errors.js';
import type { Notifier, SupportEvent } from './event.js';
import { signWebhookBody, WEBHOOK_HEADERS } from './webhook-signature.js';

/** Options of {@link createWebhookNotifier}. */
export interface WebhookNotifierOptions {
  /** The receiver's URL (https in production; http only for loopback). */
  readonly url: string;
  /** HMAC key shared with the receiver, at least 16 bytes. Never logged. */
  readonly secret: Uint8Array;
  /** Attempts per notice, the first included. Default 6. */
  readonly maxAttempts?: number;
  /** Per-attempt timeout in ms. Default 10,000. */
  readonly timeoutMs?: number;
  /** First backoff in ms; doubles each retry, with full jitter, capped by `maxDelayMs`. Default 500. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly clock?: Clock;
  readonly random?: RandomSource;
  /** Replaceable for tests and proxies; default the global fetch. */
  readonly fetch?: typeof fetch;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A notifier that POSTs each notice as JSON, signed with HMAC-SHA-256 (see
 * {@link verifyWebhookSignature}) and carrying its idempotency key, retrying on network errors,
 * timeouts, 408, 429 and 5xx with exponential backoff and full jitter. Because the key is the
 * same on every attempt, a receiver that remembers keys applies each notice exactly once even
 * when a response is lost and the notice is sent again.
 *
 * @throws {SupportPeriodError} SUPPORT_NOTIFY_REJECTED (a 4xx answer) or SUPPORT_NOTIFY_FAILED
 * (retries exhausted), from `notify`
 * @example
 * ```ts
 * const notifier = createWebhookNotifier({ url: 'https://hooks.example/cra', secret });
 * await summarizeFleet(stream, { format: 'csv', plans, releases, notifier });
 * ```
 */
export function createWebhookNotifier(options: WebhookNotifierOptions): Notifier {
  const url = new URL(options.url);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new RangeError('the webhook URL must use https (http is allowed for loopback only)');
  }
  signWebhookBody(options.secret, '0', new Uint8Array(0)); // checks the secret now, not at first use
  const maxAttempts = options.maxAttempts ?? 6;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const base = options.baseDelayMs ?? 500;
  const cap = options.maxDelayMs ?? 30_000;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? secureRandom;
  const doFetch = options.fetch ?? fetch;

  return {
    async notify(event: SupportEvent): Promise<void> {
      const body = new TextEncoder().encode(JSON.stringify(event));
      let lastProblem = 'no attempt made';
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        if (attempt > 1) await sleep(jitter(random, Math.min(cap, base * 2 ** (attempt - 2))));
        const timestamp = String(Math.floor(clock.now().getTime() / 1000));
        try {
          const response = await doFetch(url, {
            method: 'POST',
            body,
            redirect: 'error',
            signal: AbortSignal.timeout(timeoutMs),
            headers: {
              'content-type': 'application/json',
              [WEBHOOK_HEADERS.idempotencyKey]: event.idempotencyKey,
              [WEBHOOK_HEADERS.timestamp]: timestamp,
              [WEBHOOK_HEADERS.signature]: signWebhookBody(options.secret, timestamp, body),
            },
          });
          await response.arrayBuffer().catch(() => undefined); // drain so the socket is reused
          if (response.ok) return;
          lastProblem = `HTTP ${response.status}`;
          if (response.status < 500 && response.status !== 408 && response.status !== 429) {
            throw new SupportPeriodError('SUPPORT_NOTIFY_REJECTED', `the receiver refused the notice (${lastProblem})`, {
              details: { status: response.status, idempotencyKey: event.idempotencyKey },
            });
          }
        } catch (error) {
          if (error instanceof SupportPeriodError) throw error;
          lastProblem = error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network error';
        }
      }
      throw new SupportPeriodError('SUPPORT_NOTIFY_FAILED', `notice not delivered after ${maxAttempts} attempts (last: ${lastProblem})`, {
        details: { attempts: maxAttempts, last: lastProblem, idempotencyKey: event.idempotencyKey },
      });
    },
  };
} // prettier-ignore

/** Full jitter: a uniform delay in [0, ceiling]. */
function jitter(random: RandomSource, ceiling: number): number {
  const [a = 0, b = 0] = random.bytes(2);
  return Math.floor(((a * 256 + b) / 65_535) * ceiling);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
