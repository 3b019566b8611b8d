import type { FastifyInstance } from 'fastify';
import type { CloudContext } from '../context.js';
import type { OperatorStore } from '../auth/operator-store.js';
import { createApiClient } from './api-client.js';
import type { WebConfig } from './config.js';
import type { Delegation } from './delegation.js';
import { registerPasswordRoute } from './password-route.js';
import { createSessions } from './sessions.js';
import type { WebState } from './state.js';
import { registerUiRoutes } from './ui-routes.js';

/**
 * The operator web UI on the public listener: `/ui/` pages and forms (in their own scope), and
 * the admin's password route on the operator API. Pages and actions go through the operator API
 * in-process as the signed-in operator (see {@link Delegation}), so roles and logic stay the API's.
 */
export async function registerWebUi(app: FastifyInstance, ctx: CloudContext, deps: { config: WebConfig; state: WebState; delegation: Delegation; findOperator: OperatorStore['find'] }): Promise<void> {
  registerPasswordRoute(app, ctx, { state: deps.state, findOperator: deps.findOperator, scrypt: deps.config.scrypt });
  if (!deps.config.enabled) return;
  const sessions = createSessions({ state: deps.state, clock: ctx.clock, config: deps.config, findOperator: deps.findOperator });
  const api = createApiClient(app, deps.delegation);
  await app.register((scope) => {
    registerUiRoutes(scope, { api, sessions, config: deps.config });
    return Promise.resolve();
  });
} // prettier-ignore
