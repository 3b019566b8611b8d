import type { Signer } from '@cra-kit/core';
import { tufKeyOf } from '../keys/tuf-key.js';
import { toHex } from '../internal/encoding.js';
import { canonicalBytes } from './canonical.js';
import type { Envelope, TufSignature } from './schema.js';

/**
 * One signature over the canonical JSON of `signed`, through the async core {@link Signer}
 * (a key file, a KMS, an HSM). ECDSA signatures are DER, hex-encoded, as TUF specifies.
 */
export async function signatureOf(signed: unknown, signer: Signer): Promise<TufSignature> {
  const { keyid } = await tufKeyOf(signer);
  const sig = await signer.sign(canonicalBytes(signed));
  return { keyid, sig: toHex(sig) };
}

/**
 * Signs `signed` with every signer and returns the envelope, signatures sorted by key id so the
 * output is reproducible for Ed25519.
 * @example
 * ```ts
 * const envelope = await signMetadata(root, [rootSigner]);
 * ```
 */
export async function signMetadata<T>(signed: T, signers: readonly Signer[]): Promise<Envelope<T>> {
  const signatures = await Promise.all(signers.map((s) => signatureOf(signed, s)));
  return { signatures: mergeSignatures([], signatures), signed };
}

/** Adds `extra` signatures to `existing`, one per key id (a newer one replaces an older one). */
export function mergeSignatures(
  existing: readonly TufSignature[],
  extra: readonly TufSignature[],
): TufSignature[] {
  const byKey = new Map(existing.map((s) => [s.keyid, s]));
  for (const s of extra) byKey.set(s.keyid, s);
  return [...byKey.values()].sort((a, b) => (a.keyid < b.keyid ? -1 : 1));
}

/** Metadata file bytes as TUF repositories publish them (pretty JSON, trailing newline). */
export function serializeEnvelope(envelope: Envelope<unknown>): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(envelope, null, 1)}\n`);
}
