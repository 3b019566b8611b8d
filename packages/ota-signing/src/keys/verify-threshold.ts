import { assertValidSignature, SdkError } from '@cra-kit/core';
import { OtaSigningError } from '../errors.js';
import { fromHex } from '../internal/encoding.js';
import { canonicalBytes } from '../metadata/canonical.js';
import type { RoleKeys, TufKey, TufSignature } from '../metadata/schema.js';
import { publicKeyOfTufKey } from './tuf-key.js';

/** What a role's signatures are checked against: its keys and threshold. */
export interface RoleTrust {
  readonly role: string;
  readonly keys: Readonly<Record<string, TufKey>>;
  readonly roleKeys: RoleKeys;
}

/**
 * Counts the distinct keys of `trust` whose signature over the canonical `signed` verifies, and
 * throws unless they reach the threshold. Signatures by other keys, duplicates and unreadable
 * keys count for nothing (spec §5.3.4: a key compromise below the threshold changes nothing).
 * @returns the key ids that signed validly
 * @throws {OtaSigningError} OTA_SIGNATURE_THRESHOLD
 */
export async function verifyThreshold(
  trust: RoleTrust,
  signed: unknown,
  signatures: readonly TufSignature[],
  /** `canonicalBytes(signed)`, when the caller has it already (large roles). */
  precomputed?: Uint8Array,
): Promise<string[]> {
  const data = precomputed ?? canonicalBytes(signed);
  const allowed = new Set(trust.roleKeys.keyids);
  const valid = new Set<string>();
  for (const { keyid, sig } of signatures) {
    if (!allowed.has(keyid) || valid.has(keyid)) continue;
    const key = trust.keys[keyid];
    const signature = fromHex(sig);
    if (key === undefined || signature === undefined) continue;
    try {
      const { algorithm, spki } = publicKeyOfTufKey(key);
      await assertValidSignature({ algorithm, publicKey: spki, data, signature });
      valid.add(keyid);
    } catch (error) {
      // An invalid signature or unreadable key counts for nothing; anything else is a bug.
      if (!SdkError.isInstance(error)) throw error;
    }
  }
  if (valid.size < trust.roleKeys.threshold) {
    throw new OtaSigningError('OTA_SIGNATURE_THRESHOLD', `${trust.role}: ${valid.size} of ${trust.roleKeys.threshold} required signatures`, {
      details: { role: trust.role, valid: valid.size, threshold: trust.roleKeys.threshold },
    });
  }
  return [...valid];
} // prettier-ignore
