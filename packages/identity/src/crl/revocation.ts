import { z } from 'zod';
import { IdentityError } from '../errors.js';

/** RFC 5280 §5.3.1 reason codes we write (certificateHold and removeFromCRL are not offered). */
export const REVOCATION_REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  privilegeWithdrawn: 9,
} as const;

/** A revocation reason name. */
export const RevocationReasonSchema = z.enum(
  Object.keys(REVOCATION_REASONS) as [
    keyof typeof REVOCATION_REASONS,
    ...(keyof typeof REVOCATION_REASONS)[],
  ],
);

/** One revoked certificate. */
export const RevocationEntrySchema = z
  .object({
    /** Certificate serial, lower-case hex without leading zero octets. */
    serialNumber: z.string().regex(/^[0-9a-f]{2,40}$/),
    reason: RevocationReasonSchema,
    revokedAt: z.iso.datetime(),
    deviceSerial: z.string().optional(),
  })
  .strict();

/** A revocation entry. */
export type RevocationEntry = z.infer<typeof RevocationEntrySchema>;
/** A revocation reason name. */
export type RevocationReason = z.infer<typeof RevocationReasonSchema>;

/** The queryable side of revocation: what a server checks on every connection. */
export interface RevocationList {
  readonly entries: readonly RevocationEntry[];
  /** The entry for a certificate serial (hex), if revoked. */
  lookup(serialNumber: string): RevocationEntry | undefined;
  /** @throws {IdentityError} IDENTITY_CERT_REVOKED when `serialNumber` is revoked */
  assertNotRevoked(serialNumber: string): void;
}

/** Normalises a hex serial: lower case, no leading zero octets. @internal */
export const normaliseSerial = (hex: string) => hex.toLowerCase().replace(/^(00)+(?=..)/, '');

/**
 * An in-memory, O(1) revocation list over entries (from `revoked.json` or a database).
 * @example
 * ```ts
 * const list = createRevocationList(entries);
 * list.assertNotRevoked(identity.certificateSerial);
 * ```
 */
export function createRevocationList(entries: readonly RevocationEntry[]): RevocationList {
  const bySerial = new Map(entries.map((e) => [normaliseSerial(e.serialNumber), e]));
  return Object.freeze({
    entries: Object.freeze([...entries]),
    lookup: (serialNumber: string) => bySerial.get(normaliseSerial(serialNumber)),
    assertNotRevoked(serialNumber: string) {
      const entry = bySerial.get(normaliseSerial(serialNumber));
      if (entry) {
        throw new IdentityError('IDENTITY_CERT_REVOKED', 'certificate is revoked', {
          details: { serialNumber: entry.serialNumber, reason: entry.reason },
        });
      }
    },
  });
}
