/**
 * `@cra-kit/identity`: unique per-device credentials for the EU Cyber Resilience Act (Annex I
 * Part I (2)(b), (2)(d)): a manufacturing CA, X.509 device certificates for mutual TLS,
 * revocation that is enforced, and unique device passwords.
 * @module
 */

export { IDENTITY_ERROR_CODES, IdentityError } from './errors.js';
export { defaultIdentityConfig } from './config.js';
export { KEY_ALGORITHMS } from './asn1/algorithms.js';
export { toPem } from './asn1/pem.js';
export {
  CERTIFICATE_PROFILES,
  CertificateProfileIdSchema,
  DeviceSerialSchema,
  IssueRequestSchema,
  parseIssueRequest,
} from './cert/request.js';
export { NO_EXPIRY, PROFILE_RULES } from './cert/profiles.js';
export { lintLeaf } from './cert/lint.js';
export { issueCertificate } from './cert/issue.js';
export { issueKeyPair } from './cert/issue-key-pair.js';
export { createIssuingCa, createRootCa } from './ca/create-ca.js';
export { issueFromCsr } from './cert/issue-from-csr.js';
export { createBulkIssuer } from './fast/bulk-issuer.js';
export { createNodeKeySigner } from './keys/node-key-signer.js';
export { createCsr } from './csr/create-csr.js';
export { verifyCsr } from './csr/parse-csr.js';
export { deviceIdentityOf } from './cert/device-identity.js';
export { verifyDeviceCertificate } from './cert/verify-chain.js';
export {
  REVOCATION_REASONS,
  RevocationEntrySchema,
  RevocationReasonSchema,
  createRevocationList,
} from './crl/revocation.js';
export { createCrl } from './crl/create-crl.js';
export {
  EncryptedKeyFileSchema,
  decryptPrivateKey,
  encryptPrivateKey,
} from './keys/encrypted-key.js';
export {
  CA_FILES,
  CaConfigSchema,
  DEVICE_FILES,
  FIRST_ISSUING_CA,
  IssuingCaNameSchema,
  IssuingCaStateSchema,
  RootRevokedFileSchema,
  IssuedRecordSchema,
  RevokedFileSchema,
} from './ca/ca-files.js';
export { initCaDirectory, openCaDirectory, readCaTrust } from './ca/ca-directory.js';
export { addIssuingCa, listIssuingCas } from './ca/issuing-cas.js';
export { resignRootCrl, revokeIssuingCa } from './ca/root-crl.js';
export { issueToDirectory } from './ca/issue-to-directory.js';
export {
  FactoryBundleSchema,
  createFactoryBundle,
  openFactoryBundle,
} from './ca/factory-bundle.js';
export { BATCH_MANIFEST, issueBatch } from './batch/issue-batch.js';
export { createPkcs11Signer, generatePkcs11Key } from './pkcs11/pkcs11-signer.js';
export { createBootstrapTokens } from './enroll/bootstrap-tokens.js';
export { memoryEnrollmentAttempts } from './enroll/enrollment-attempts.js';
export { EST_CERTS_ONLY, createEstService, renewalTime } from './enroll/est-service.js';
export { certificatesOfPkcs7, certsOnlyPkcs7 } from './enroll/pkcs7-certs.js';
export {
  TLS12_CIPHERS,
  authenticateTlsPeer,
  mtlsClientOptions,
  mtlsServerOptions,
} from './tls/tls-options.js';
export {
  MIN_PASSWORD_BITS,
  PASSWORD_ALPHABET,
  generateDevicePassword,
  passwordEntropyBits,
} from './passwords/generate.js';
export {
  DEFAULT_PASSWORD_SCRYPT,
  hashDevicePassword,
  verifyDevicePassword,
} from './passwords/hash.js';
export { PASSWORD_FILES, issueDevicePasswords } from './passwords/issue-passwords.js';

export type { IdentityErrorCode } from './errors.js';
export type { IdentityConfig } from './config.js';
export type { KeyAlgorithm } from './asn1/algorithms.js';
export type { CertificateProfileId, IssueRequest, IssueRequestInput } from './cert/request.js';
export type { ProfileRules } from './cert/profiles.js';
export type { CaSigner, IssuedCertificate } from './cert/issue.js';
export type { IssuedKeyPair } from './cert/issue-key-pair.js';
export type { VerifiedCsr } from './csr/parse-csr.js';
export type { BulkIssuer } from './fast/bulk-issuer.js';
export type { DeviceIdentity } from './cert/device-identity.js';
export type { RevocationEntry, RevocationList, RevocationReason } from './crl/revocation.js';
export type { EncryptedKeyFile } from './keys/encrypted-key.js';
export type { CaConfig, IssuedRecord, IssuingCaState, RootRevokedFile } from './ca/ca-files.js';
export type { IssuingCaInfo } from './ca/issuing-cas.js';
export type { RootCrl } from './ca/root-crl.js';
export type { CaDirectory } from './ca/ca-directory.js';
export type { FactoryBundle } from './ca/factory-bundle.js';
export type { BatchProgress, BatchSink } from './batch/issue-batch.js';
export type { MtlsClientOptions } from './tls/tls-options.js';
export type { Pkcs11KeyOptions, Pkcs11Signer } from './pkcs11/pkcs11-signer.js';
export type { BootstrapTokens } from './enroll/bootstrap-tokens.js';
export type {
  AttemptDecision,
  EnrollmentAttempts,
  EnrollmentRateLimit,
} from './enroll/enrollment-attempts.js';
export type { EstResponse } from './enroll/est-service.js';
