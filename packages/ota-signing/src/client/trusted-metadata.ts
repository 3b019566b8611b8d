import { OtaSigningError } from '../errors.js';
import { constantTimeEqual, defaultHashProvider } from '../hash/hasher.js';
import { fromHex } from '../internal/encoding.js';
import { verifyThreshold, type RoleTrust } from '../keys/verify-threshold.js';
import { isExpired, parseMetadata, type ParsedMetadata } from '../metadata/parse.js';
import type { MetaFile, RoleType, Root } from '../metadata/schema.js';

/** The trust a top-level role's signatures are checked against, from `root`. */
export function topLevelTrust(
  root: Root,
  role: 'root' | 'targets' | 'snapshot' | 'timestamp',
): RoleTrust {
  return { role, keys: root.keys, roleKeys: root.roles[role] };
}

/**
 * Parses metadata bytes and checks their signatures against `trust` (over the exact signed
 * part received).
 * @throws {OtaSigningError} OTA_METADATA_INVALID, OTA_SIGNATURE_THRESHOLD
 */
export async function verifiedMetadata<R extends RoleType>(bytes: Uint8Array, type: R, trust: RoleTrust): Promise<ParsedMetadata<R>> {
  const parsed = parseMetadata(bytes, type, trust.role);
  await verifyThreshold(trust, parsed.raw, parsed.signatures);
  return parsed;
} // prettier-ignore

/** @throws {OtaSigningError} OTA_METADATA_EXPIRED (indefinite freeze attack) */
export function assertNotExpired(role: string, expires: string, now: Date): void {
  if (isExpired(expires, now)) throw new OtaSigningError('OTA_METADATA_EXPIRED', `${role} expired at ${expires}`, { details: { role, expires } });
} // prettier-ignore

/** @throws {OtaSigningError} OTA_VERSION_MISMATCH (mix-and-match attack) */
export function assertVersion(role: string, actual: number, expected: number): void {
  if (actual !== expected) throw new OtaSigningError('OTA_VERSION_MISMATCH', `${role} is version ${actual}, expected ${expected}`, { details: { role, actual, expected } });
} // prettier-ignore

/** @throws {OtaSigningError} OTA_ROLLBACK */
export function assertNotOlder(role: string, actual: number, trusted: number): void {
  if (actual < trusted) throw new OtaSigningError('OTA_ROLLBACK', `${role} version ${actual} is older than trusted ${trusted}`, { details: { role, actual, trusted } });
} // prettier-ignore

/** Digest of `bytes` equals the hex `expected`, compared in constant time. */
async function digestMatches(
  algorithm: 'sha256' | 'sha512',
  bytes: Uint8Array,
  expected: string,
): Promise<boolean> {
  const hash = (await defaultHashProvider()).create(algorithm);
  hash.update(bytes);
  const want = fromHex(expected);
  return want !== undefined && constantTimeEqual(hash.digest(), want);
}

/**
 * Checks metadata bytes against the length and hashes their parent lists.
 * @throws {OtaSigningError} OTA_METADATA_HASH_MISMATCH
 */
export async function assertMetaFile(role: string, bytes: Uint8Array, meta: MetaFile): Promise<void> {
  const fail = () => new OtaSigningError('OTA_METADATA_HASH_MISMATCH', `${role} does not match its length or hash`, { details: { role } });
  if (meta.length !== undefined && bytes.length !== meta.length) throw fail();
  for (const [algorithm, expected] of Object.entries(meta.hashes ?? {})) {
    if (algorithm !== 'sha256' && algorithm !== 'sha512') continue;
    if (!(await digestMatches(algorithm, bytes, expected))) throw fail();
  }
} // prettier-ignore

/** Whether a root rotation changed the keys or threshold of `role` (spec §5.3.11). */
export function keysChanged(before: Root, after: Root, role: 'snapshot' | 'timestamp'): boolean {
  const a = before.roles[role];
  const b = after.roles[role];
  return a.threshold !== b.threshold || a.keyids.join() !== b.keyids.join();
}
