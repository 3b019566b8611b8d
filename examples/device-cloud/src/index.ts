/**
 * The reference device cloud: `startCloud` and its configuration, and the contract feature
 * modules implement.
 * @module
 */
export { startCloud } from './cloud.js';
export { tuneGarbageCollection } from './runtime/gc-tuning.js';
export { defaultModules } from './default-modules.js';
export { CloudConfigSchema, loadCloudConfig, resolveCloudConfig } from './config/index.js';
export { CLOUD_ERROR_CODES, CloudError } from './errors.js';
export { ROLES } from './context.js';
export { HTML_CSP } from './http/create-app.js';
export { errorReplyOf } from './http/error-reply.js';
export {
  BrokerConfigSchema,
  prepareExternalBroker,
  renderAcl,
  renderMosquittoConf,
} from './external-broker/index.js';

export type { Cloud, StartCloudOptions } from './cloud.js';
export type { DefaultModules, DefaultModulesOptions } from './default-modules.js';
export type { RouteSummary } from './http/create-app.js';
export type { ErrorReply } from './http/error-reply.js';
export type { CloudConfig, CloudConfigInput } from './config/index.js';
export type { CloudErrorCode } from './errors.js';
export type {
  BrokerConfig,
  ExternalBrokerConfig,
  MosquittoFiles,
} from './external-broker/index.js';
export type { Migration } from './db/migrations.js';
export type {
  CloudDatabase,
  PostgresCloudDatabase,
  SqliteCloudDatabase,
} from './db/cloud-database.js';
export type {
  AuditEntry,
  CloudContext,
  CloudModule,
  DeviceDirectory,
  DeviceRecord,
  Operator,
  Role,
} from './context.js';
