export { createSqliteDeviceStore } from './sqlite-device-store.js';
export {
  createRevoker,
  processLocalLock,
  reconcileCaRevocations,
  signRegistryCrl,
} from './revoker.js';
export { installDeviceAuth } from './device-auth.js';
export { deviceEventTime } from './event-time.js';
export { registerDeviceRoutes } from './routes.js';
export type { DeviceStore, IssuedDeviceCertificate } from './device-store.js';
export type { CaFilesLock, Revoker } from './revoker.js';
