export { createSqliteStorage } from './sqlite-storage.js';
export { openEnrollmentAttempts } from './attempts.js';
export { createEnrollment, normaliseSerial } from './enrollment.js';
export {
  EnrollSerialSchema,
  registerDeviceProvisioning,
  registerPublicProvisioning,
} from './routes.js';
export type { Enrollment } from './enrollment.js';
