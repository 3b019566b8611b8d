export { createSqliteDeviceStore } from './sqlite-device-store.js';
export { createRevoker, reconcileCaRevocations } from './revoker.js';
export { installDeviceAuth } from './device-auth.js';
export { registerDeviceRoutes } from './routes.js';
export type { DeviceStore, IssuedDeviceCertificate } from './device-store.js';
export type { Revoker } from './revoker.js';
