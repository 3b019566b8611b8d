export { complianceModule, ComplianceOptionsSchema } from './module.js';
export { COMPLIANCE_MIGRATIONS, createSqliteSbomStore } from './sbom-store.js';
export { SBOM_PROFILE, fleetStatus, scanRelease, toFirmwareRelease } from './release-facts.js';
export { DOCUMENT_STYLESHEET_PATH } from './document-style.js';

export type { ComplianceOptions } from './module.js';
export type { ReleaseCatalog } from './routes.js';
export type { SbomStore, StoredSbom } from './sbom-store.js';
export type { ReleaseScan } from './release-facts.js';
