export { CloudConfigSchema } from './schema.js';
export { loadCloudConfig, resolveCloudConfig } from './load.js';
export type { CloudConfig, CloudConfigInput } from './schema.js';
