import { parseWith, SdkError } from '@cra-kit/core';
import { OtaSigningError } from '../errors.js';
import {
  EnvelopeSchema,
  ROLE_SCHEMAS,
  type Envelope,
  type RoleType,
  type SignedOf,
} from './schema.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** A parsed metadata file: the typed signed part, and the raw one its signatures cover. */
export interface ParsedMetadata<R extends RoleType> extends Envelope<SignedOf<R>> {
  /** The signed part exactly as received, unknown fields included; signatures cover this. */
  readonly raw: unknown;
}

/**
 * Parses metadata bytes of role type `type`. Signatures are checked by the caller over `raw`
 * (never over the parsed object, which could differ).
 * @throws {OtaSigningError} OTA_METADATA_INVALID
 */
export function parseMetadata<R extends RoleType>(bytes: Uint8Array, type: R, name: string = type): ParsedMetadata<R> {
  try {
    const json: unknown = JSON.parse(decoder.decode(bytes));
    const envelope = parseWith(EnvelopeSchema, json, name);
    const signed = parseWith(ROLE_SCHEMAS[type], envelope.signed, name) as SignedOf<R>;
    return { signatures: envelope.signatures, signed, raw: envelope.signed };
  } catch (cause) {
    if (SdkError.isInstance(cause) && cause.code !== 'CORE_VALIDATION_FAILED') throw cause;
    throw new OtaSigningError('OTA_METADATA_INVALID', `${name}: not valid TUF ${type} metadata`, { cause, details: { role: name } });
  }
} // prettier-ignore

/** Whether a TUF time has passed at `now`. */
export function isExpired(expires: string, now: Date): boolean {
  return Date.parse(expires) <= now.getTime();
}

/** A TUF time string for `date` (whole seconds, UTC). */
export function tufTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
