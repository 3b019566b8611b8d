export { createAuditLog } from './audit-log.js';
export { registerAuditRoutes } from './routes.js';
export type { AuditLog, StoredAuditEntry } from './audit-log.js';
