/**
 * `@cra-kit/core`: the shared contract of cra-kit. zod schemas for the product profile and the
 * objects packages exchange, the catalogue of CRA requirements, typed errors and the small
 * interfaces (Signer, Clock, Storage, RandomSource) other packages take as options.
 * @module
 */

// Errors
export { SdkError } from './errors/sdk-error.js';
export { CoreError } from './errors/core-error.js';
export { CORE_ERROR_CODES } from './errors/codes.js';
export { ValidationError, formatPath } from './validation/validation-error.js';
export { parseWith, safeParseWith, toValidationIssues } from './validation/parse.js';

// Reading untrusted input
export {
  assertNestingDepth,
  assertSize,
  decodeUtf8Text,
  defaultInputLimits,
} from './io/decode-text.js';

// Primitives
export {
  CountryCodeSchema,
  DurationSchema,
  EU_MEMBER_STATES,
  EmailSchema,
  HttpsUrlSchema,
  IdentifierSchema,
  IsoDateSchema,
  MemberStateSchema,
  ParagraphSchema,
  SemverSchema,
  Sha256HexSchema,
  Sha512HexSchema,
  TextSchema,
  TimestampSchema,
  durationInMonths,
} from './schemas/primitives.js';
export { CITATION_KEY } from './schemas/citation.js';

// Product profile
export { ProductProfileSchema } from './schemas/product-profile/product-profile.js';
export {
  parseProductProfile,
  safeParseProductProfile,
} from './schemas/product-profile/parse-profile.js';
export { adviseOnProductProfile } from './schemas/product-profile/advice.js';
export {
  MINIMUM_SUPPORT_MONTHS,
  checkClassification,
  checkConformityProcedure,
  checkSupportPeriod,
} from './schemas/product-profile/legal-rules.js';
export {
  ManufacturerSchema,
  PostalAddressSchema,
  SecurityContactSchema,
} from './schemas/product-profile/manufacturer.js';
export { ProductSchema, IDENTIFICATION_SCHEMES } from './schemas/product-profile/product.js';
export {
  ANNEX_ENTRIES,
  AnnexEntryIdSchema,
  PRODUCT_CATEGORIES,
  ProductCategorySchema,
  findAnnexEntry,
} from './schemas/product-profile/product-categories.js';
export {
  ASSURANCE_LEVELS,
  AssuranceLevelSchema,
  CONFORMITY_PROCEDURES,
  ClassificationSchema,
  ConformityAssessmentSchema,
  ConformityProcedureSchema,
} from './schemas/product-profile/conformity.js';
export { LifecycleSchema, SUPPORT_PERIOD_BASES } from './schemas/product-profile/lifecycle.js';
export {
  DATA_CATEGORIES,
  DATA_DESTINATIONS,
  DATA_VALUE_TYPES,
  DataInventorySchema,
  DataItemSchema,
} from './schemas/product-profile/data-inventory.js';
export {
  ExposedInterfaceSchema,
  ExposedInterfacesSchema,
  INTERFACE_KINDS,
} from './schemas/product-profile/interfaces.js';
export { UpdatePolicySchema } from './schemas/product-profile/update-policy.js';
export {
  AppliedStandardSchema,
  AppliedStandardsSchema,
  STANDARD_KINDS,
} from './schemas/product-profile/standards.js';
export { DocumentationSchema, SbomReferenceSchema } from './schemas/product-profile/publication.js';

// Exchanged objects
export { DEVICE_STATES, DeviceSchema } from './schemas/device.js';
export { FirmwareReleaseSchema, RELEASE_TYPES } from './schemas/firmware-release.js';
export { COMPONENT_KINDS, ComponentSchema } from './schemas/component.js';
export {
  AffectedProductSchema,
  CASE_STATES,
  CaseStateSchema,
  CveIdSchema,
  CweIdSchema,
  VulnerabilityCaseSchema,
} from './schemas/vulnerability-case.js';
export { AdvisorySchema, SEVERITIES } from './schemas/advisory.js';
export { SupportPlanSchema } from './schemas/support-plan.js';
export { DOCUMENT_SCHEMAS } from './schemas/document-schemas.js';

// The CRA requirement catalogue
export {
  EvidenceSchema,
  REQUIREMENTS,
  REQUIREMENT_SOURCES,
  RequirementIdSchema,
  RequirementSchema,
  RequirementSourceSchema,
  getRequirement,
  hasRequirement,
  listRequirements,
  requirementChildren,
} from './catalogue/index.js';

// Escaping untrusted text for generated documents
export { escapeHtml, escapeMarkdown } from './text/escape.js';

// Signing keys (WebCrypto)
export {
  assertValidSignature,
  createKeySigner,
  generateSigningKey,
  keyIdOf,
} from './crypto/key-signer.js';
export { derToP1363, p1363ToDer } from './crypto/ecdsa-der.js';

// Interfaces
export { systemClock } from './interfaces/clock.js';
export { secureRandom } from './interfaces/random-source.js';
export { createMemoryStorage } from './storage/memory-storage.js';

export type { SdkErrorOptions } from './errors/sdk-error.js';
export type { CoreErrorCode } from './errors/codes.js';
export type { ValidationIssue } from './validation/validation-error.js';
export type { SafeParseResult } from './validation/parse.js';
export type { Duration } from './schemas/primitives.js';
export type {
  ProductProfile,
  ProductProfileInput,
} from './schemas/product-profile/product-profile.js';
export type { ProfileAdvice } from './schemas/product-profile/advice.js';
export type { RuleViolation } from './schemas/product-profile/legal-rules.js';
export type { Manufacturer } from './schemas/product-profile/manufacturer.js';
export type { Product } from './schemas/product-profile/product.js';
export type { AnnexEntry, ProductCategory } from './schemas/product-profile/product-categories.js';
export type { ConformityProcedure } from './schemas/product-profile/conformity.js';
export type { Lifecycle } from './schemas/product-profile/lifecycle.js';
export type { DataItem } from './schemas/product-profile/data-inventory.js';
export type { ExposedInterface } from './schemas/product-profile/interfaces.js';
export type { AppliedStandard } from './schemas/product-profile/standards.js';
export type { Device } from './schemas/device.js';
export type { FirmwareRelease } from './schemas/firmware-release.js';
export type { Component } from './schemas/component.js';
export type { CaseState, VulnerabilityCase } from './schemas/vulnerability-case.js';
export type { Advisory } from './schemas/advisory.js';
export type { SupportPlan } from './schemas/support-plan.js';
export type { RequirementFilter } from './catalogue/index.js';
export type { Evidence, Requirement, RequirementSource } from './catalogue/index.js';
export type { GeneratedKey } from './crypto/key-signer.js';
export type { Clock } from './interfaces/clock.js';
export type { RandomSource } from './interfaces/random-source.js';
export type { SignatureAlgorithm, Signer } from './interfaces/signer.js';
export type { PutOptions, Storage, StoredValue } from './interfaces/storage.js';
export type { MemoryStorage } from './storage/memory-storage.js';
