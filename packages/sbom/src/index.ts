/**
 * `@cra-kit/sbom`: CycloneDX SBOMs for firmware. Read and write CycloneDX 1.6/1.7 JSON losslessly,
 * build SBOMs from what firmware builds produce, check them against conformance profiles (CRA
 * Annex I Part II (1), BSI TR-03183-2, NTIA, CISA), compare versions and ranges, match against
 * offline advisories, and carry triage as VEX.
 * @module
 */

// Errors and limits
export { SBOM_ERROR_CODES, SbomError } from './errors.js';
export { defaultSbomLimits } from './limits.js';

// Model and codec
export { BomSchema, ComponentModelSchema, SPEC_VERSIONS } from './model/schema.js';
export { decodeJson, parseBom, toBom } from './model/parse.js';
export { serializeBom } from './model/serialize.js';
export { assertSchemaValid, schemaViolations } from './model/validate.js';
export { allComponents } from './model/walk.js';

// Package URLs
export { formatPurl, parsePurl } from './purl/purl.js';

// Ingest
export { IngestedComponentSchema } from './ingest/ingested.js';
export { COMPONENT_TYPES } from './ingest/component-types.js';
export { readDpkgStatus } from './ingest/dpkg-status.js';
export { dep5Licenses } from './ingest/debian-copyright.js';
export { readApkInstalled } from './ingest/apk-installed.js';
export { readYoctoManifest } from './ingest/yocto-manifest.js';
export { readSpdx2 } from './ingest/spdx2.js';
export { readSpdx3 } from './ingest/spdx3.js';
export { readBuildrootManifest } from './ingest/buildroot-manifest.js';
export { readNpmLock } from './ingest/npm-lock.js';
export { readPnpmLock } from './ingest/pnpm-lock.js';
export { ComponentsFileSchema, readComponentsFile } from './ingest/components-yaml.js';
export { INPUT_KINDS, parseInputSpec, readInput } from './ingest/read-input.js';
export { detectFileKind } from './ingest/file-kind.js';
export { hashFile } from './ingest/hash-file.js';

// Generate
export { mergeComponents } from './generate/merge.js';
export { BSI_PROPERTIES, SOURCE_PROPERTY } from './generate/to-cyclonedx.js';
export { PRODUCT_REF, generateSbom } from './generate/generate.js';

// SPDX output
export { toSpdx23 } from './spdx/to-spdx23.js';

// Conformance
export { CONFORMANCE_PROFILES, PROFILE_IDS } from './check/profiles.js';
export { checkSbom, dependencyCycles, missingFieldsByComponent } from './check/check.js';

// Versions and ranges
export { compareDebian, parseDebianVersion } from './version/debian.js';
export { compareRpm, parseRpmEvr, rpmvercmp } from './version/rpm.js';
export { compareApk } from './version/apk.js';
export { compareSemver } from './version/semver.js';
export { compareGeneric } from './version/generic.js';
export {
  VERSION_SCHEMES,
  compareVersions,
  schemeOfOsvEcosystem,
  schemeOfPurlType,
} from './version/scheme.js';
export { parseVers, versContains } from './version/vers.js';
export { evaluateOsvRange } from './version/osv-range.js';

// Vulnerability matching
export { fromOsvRecord, readOsvDirectory, streamOsvAdvisories } from './match/osv.js';
export { AdvisoryIndex } from './match/advisory-index.js';
export { cpeVendorProduct, fromCveRecord, readCveDirectory } from './match/cve5.js';
export { readKev } from './match/kev.js';
export { matchSbom } from './match/match.js';

// VEX and the release gate
export {
  ANALYSIS_STATES,
  JUSTIFICATIONS,
  RESPONSES,
  SETTLED_STATES,
  VexStatementSchema,
} from './vex/statement.js';
export { applyVex, releaseBlockers } from './vex/apply.js';
export { bomLink, fromCycloneDxVex, toCycloneDxVex } from './vex/cyclonedx-vex.js';
export { fromOpenVex, toOpenVex } from './vex/openvex.js';

// Files and release diffs
export { readSbomFile } from './model/read-file.js';
export { diffSboms } from './diff.js';

export type { SbomErrorCode } from './errors.js';
export type { SbomLimits } from './limits.js';
export type {
  Bom,
  BomVulnerability,
  CdxComponent,
  Composition,
  Contact,
  Dependency,
  ExternalReference,
  Hash,
  LicenseChoice,
  Organization,
  Property,
  SpecVersion,
} from './model/schema.js';
export type { SerializeOptions } from './model/serialize.js';
export type { SchemaViolation } from './model/validate.js';
export type { LocatedComponent } from './model/walk.js';
export type { PackageUrl } from './purl/purl.js';
export type { IngestResult, IngestedComponent, IngestedComponentInput } from './ingest/ingested.js';
export type { DpkgStatusOptions } from './ingest/dpkg-status.js';
export type { InputKind, ReadInputOptions } from './ingest/read-input.js';
export type { FileKind } from './ingest/file-kind.js';
export type { HashedFile } from './ingest/hash-file.js';
export type { MergedComponent } from './generate/merge.js';
export type { Spdx23Document, Spdx23Package, ToSpdxOptions } from './spdx/to-spdx23.js';
export type { GenerateOptions } from './generate/generate.js';
export type { ClauseStatus, ConformanceProfile, ProfileRule, RuleLevel } from './check/profiles.js';
export type { CheckResult, Finding } from './check/check.js';
export type { DebianVersion } from './version/debian.js';
export type { VersionScheme } from './version/scheme.js';
export type { VersConstraint, VersRange } from './version/vers.js';
export type { OsvEvent, OsvRange, RangeVerdict } from './version/osv-range.js';
export type { Advisory, AffectedPackage, IdentifierKind } from './match/advisory.js';
export type { IndexedPackage } from './match/advisory-index.js';
export type { KevEntry } from './match/kev.js';
export type { MatchOptions, VulnerabilityMatch } from './match/match.js';
export type { AnalysisState, VexStatement, VexStatementInput } from './vex/statement.js';
export type { AnalysedMatch } from './vex/apply.js';
export type { OpenVexDocument } from './vex/openvex.js';
export type { DiffEntry, SbomDiff } from './diff.js';
