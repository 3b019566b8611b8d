import { createHmac, timingSafeEqual } from 'node:crypto';
import { SupportPeriodError } from '../errors.js';

/** The headers of a signed webhook delivery. */
export const WEBHOOK_HEADERS = Object.freeze({
  signature: 'x-cra-kit-signature',
  timestamp: 'x-cra-kit-timestamp',
  idempotencyKey: 'idempotency-key',
});

/**
 * The signature of a webhook body: `v1=` + hex HMAC-SHA-256 over `timestamp + "." + body`, so a
 * receiver can reject replays of old deliveries.
 */
export function signWebhookBody(secret: Uint8Array, timestamp: string, body: Uint8Array): string {
  assertSecret(secret);
  const mac = createHmac('sha256', secret);
  mac.update(`${timestamp}.`);
  mac.update(body);
  return `v1=${mac.digest('hex')}`;
}

/** Options of {@link verifyWebhookSignature}. */
export interface VerifyWebhookOptions {
  readonly secret: Uint8Array;
  /** The exact bytes received. */
  readonly body: Uint8Array;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
  /** How old a delivery may be, in seconds. Default 300. */
  readonly toleranceSeconds?: number;
  readonly now?: Date;
}

/**
 * For receivers: checks a delivery's signature over the exact received bytes (constant-time)
 * and its age. Throws; never returns false.
 *
 * @throws {SupportPeriodError} SUPPORT_NOTIFY_REJECTED when the signature or timestamp is wrong
 * @example
 * ```ts
 * verifyWebhookSignature({ secret, body, timestamp: req.headers['x-cra-kit-timestamp'], signature: req.headers['x-cra-kit-signature'] });
 * ```
 */
export function verifyWebhookSignature(o: VerifyWebhookOptions): void {
  const reject = (why: string) => new SupportPeriodError('SUPPORT_NOTIFY_REJECTED', `webhook delivery rejected: ${why}`);
  if (o.timestamp === undefined || !/^\d{1,12}$/.test(o.timestamp)) throw reject('missing or malformed timestamp');
  const age = Math.abs((o.now ?? new Date()).getTime() / 1000 - Number(o.timestamp));
  if (age > (o.toleranceSeconds ?? 300)) throw reject('timestamp outside the tolerance');
  const expected = new TextEncoder().encode(signWebhookBody(o.secret, o.timestamp, o.body));
  const given = new TextEncoder().encode(o.signature ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw reject('bad signature');
} // prettier-ignore

function assertSecret(secret: Uint8Array): void {
  if (!(secret instanceof Uint8Array) || secret.length < 16) {
    throw new RangeError('the webhook secret must be a Uint8Array of at least 16 bytes');
  }
}
