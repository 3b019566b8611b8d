/**
 * `@cra-kit/ota-signing`: signed firmware updates after The Update Framework (TUF 1.0) and the
 * Uptane director pattern. A repository writer with thresholds, an offline signing ceremony,
 * key rotation and expiry warnings; a device-side verifier with anti-rollback and firmware
 * policy; per-device director metadata. All signing goes through the core async `Signer`.
 * @module
 */

// Errors
export { OTA_ERROR_CODES, OtaSigningError } from './errors.js';

// Metadata model
export {
  DelegatedRoleSchema,
  DelegationsSchema,
  EnvelopeSchema,
  MetaFileSchema,
  RootSchema,
  SnapshotSchema,
  TOP_LEVEL_ROLES,
  TargetFileSchema,
  TargetsSchema,
  TimestampSchema,
  TufKeySchema,
  TufSignatureSchema,
} from './metadata/schema.js';
export { FirmwareCustomSchema } from './metadata/firmware.js';
export { canonicalBytes } from './metadata/canonical.js';
export { isExpired, parseMetadata, tufTime } from './metadata/parse.js';
export { mergeSignatures, serializeEnvelope, signMetadata, signatureOf } from './metadata/sign.js';
export { keyIdOfTufKey, publicKeyOfTufKey, tufKeyOf } from './keys/tuf-key.js';
export { verifyThreshold } from './keys/verify-threshold.js';

// Repository (vendor side)
export { FileRepository } from './repository/file-repository.js';
export { initRepository } from './repository/init.js';
export { addTarget, addTargets } from './repository/add-target.js';
export { rotateKeys } from './repository/rotate.js';
export { addDelegation, hashBinPrefixes } from './repository/delegate.js';
export { repositoryStatus } from './repository/status.js';
export { defaultExpiryPolicy, expiryState } from './repository/expiry-policy.js';
export {
  PartialSignatureSchema,
  StagedRoleSchema,
  parsePartial,
  signStagedRole,
} from './repository/ceremony.js';
export { KeyFileSchema, readKeyFile, writeKeyFile } from './repository/key-files.js';

// Device side
export { Updater } from './client/updater.js';
export { defaultClientConfig } from './client/config.js';
export { fetchBytes } from './client/fetcher.js';
export { fileFetcher } from './client/file-fetcher.js';
export { httpFetcher } from './client/http-fetcher.js';
export { fileStorage } from './client/file-storage.js';
export { findTarget, isDelegatedPath } from './client/find-target.js';
export { downloadTarget, verifyImageFile } from './client/download-target.js';
export {
  constantTimeEqual,
  defaultHashProvider,
  hasNodeCrypto,
  loadNobleHashProvider,
  nodeHashProvider,
} from './hash/hasher.js';
export { hashFile } from './internal/hash-file.js';
export { assertFirmwarePolicy, compareSemver, firmwareOf } from './client/firmware-policy.js';

// Director (Uptane)
export {
  DirectorCustomSchema,
  assertDirectorMatch,
  signDirectorTargets,
  verifyDirectorTargets,
} from './director/director.js';
export { DIRECTOR_VERSIONS_KEY, directorVersions } from './director/director-versions.js';

export type { OtaErrorCode } from './errors.js';
export type {
  DelegatedRole,
  Delegations,
  Envelope,
  MetaFile,
  RoleKeys,
  Root,
  Snapshot,
  TargetFile,
  Targets,
  Timestamp,
  TopLevelRole,
  TufKey,
  TufSignature,
} from './metadata/schema.js';
export type { FirmwareCustom, FirmwareCustomInput } from './metadata/firmware.js';
export type { ParsedMetadata } from './metadata/parse.js';
export type { KeyWithId } from './keys/tuf-key.js';
export type { RoleTrust } from './keys/verify-threshold.js';
export type { CommitResult, RepositoryOptions } from './repository/file-repository.js';
export type { InitOptions } from './repository/init.js';
export type { AddTargetOptions } from './repository/add-target.js';
export type { RotateOptions } from './repository/rotate.js';
export type { DelegationOptions } from './repository/delegate.js';
export type { RoleStatus } from './repository/status.js';
export type { ExpiryPolicy } from './repository/expiry-policy.js';
export type { PartialSignature, StagedRole } from './repository/ceremony.js';
export type { KeyFile } from './repository/key-files.js';
export type { UpdaterOptions } from './client/updater.js';
export type { ClientConfig } from './client/config.js';
export type { Fetcher } from './client/fetcher.js';
export type { HttpFetcherOptions } from './client/http-fetcher.js';
export type { FoundTarget } from './client/find-target.js';
export type { DownloadOptions, VerifyImageOptions } from './client/download-target.js';
export type { HashAlgorithm, HashProvider, StreamingHash } from './hash/hasher.js';
export type { DeviceState } from './client/firmware-policy.js';
export type {
  DirectorCustom,
  DirectorTargetsOptions,
  VerifiedDirector,
} from './director/director.js';
export type { DirectorVersions, DirectorVersionsState } from './director/director-versions.js';
