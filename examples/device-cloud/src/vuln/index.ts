export { vulnModule, VulnOptionsSchema } from './module.js';
export { advisoryRevision, createSqliteAdvisoryStore, VULN_MIGRATIONS } from './advisory-store.js';
export { securityTxtFields } from './security-txt.js';
export { createProviderDirectory } from './csaf-directory.js';

export type { VulnModule, VulnOptions } from './module.js';
export type { AdvisoryStore, PublishedAdvisory } from './advisory-store.js';
export type { SecurityTxtOptions } from './security-txt.js';
export type { DirectoryFile, ProviderDirectory } from './csaf-directory.js';
