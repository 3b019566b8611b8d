export { generateApiToken, hashApiToken, hashesEqual } from './api-token.js';
export { createOperatorStore } from './operator-store.js';
export { bearerToken, createOperatorAuth } from './require-role.js';
export { registerOperatorRoutes } from './routes.js';
export { bootstrapAdmin } from './bootstrap-admin.js';
export type { OperatorStore, OperatorView } from './operator-store.js';
