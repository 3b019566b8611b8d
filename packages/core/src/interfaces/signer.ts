/** Signature algorithms cra-kit signs and verifies with. */
export type SignatureAlgorithm = 'ecdsa-p256-sha256' | 'ecdsa-p384-sha384' | 'ed25519';

/**
 * Something that signs bytes with a private key it may never reveal: a key file, a KMS, an HSM
 * through PKCS#11. Async, so remote signers fit; tiny, so they are easy to write.
 *
 * Implementations return the raw signature for Ed25519 and a DER-encoded ECDSA signature,
 * the encoding X.509 and most KMS APIs use.
 */
export interface Signer {
  /** Version of this interface, for third-party implementations. */
  readonly specificationVersion: 'v1';
  /** Stable id of the key, e.g. the SHA-256 of its SubjectPublicKeyInfo, hex. */
  readonly keyId: string;
  readonly algorithm: SignatureAlgorithm;
  /** DER SubjectPublicKeyInfo of the key. */
  publicKey(): Promise<Uint8Array>;
  /** Signs `data` (the signer hashes it as its algorithm requires). */
  sign(data: Uint8Array): Promise<Uint8Array>;
}
