export { createInventoryFilter } from './inventory-filter.js';
export { createSqliteTelemetryStore } from './telemetry-store.js';
export { registerTelemetryRoutes } from './routes.js';
export type { RejectionReason, TelemetryVerdict } from './inventory-filter.js';
export type { TelemetryStore } from './telemetry-store.js';
