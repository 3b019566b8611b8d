export { vulnModule, VulnOptionsSchema } from './module.js';
export { createSqliteAdvisoryStore, VULN_MIGRATIONS } from './advisory-store.js';
export { securityTxtFields } from './security-txt.js';
export { writeProviderDirectory } from './csaf-directory.js';

export type { VulnModule, VulnOptions } from './module.js';
export type { AdvisoryStore, PublishedAdvisory } from './advisory-store.js';
export type { SecurityTxtOptions } from './security-txt.js';
