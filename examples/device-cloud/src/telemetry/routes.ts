import type { FastifyInstance } from 'fastify';
import type { CloudContext } from '../context.js';
import { CloudError } from '../errors.js';
import { IdParamSchema, parseRequest } from '../http/validate.js';
import type { TelemetryStore } from './telemetry-store.js';

/**
 * `GET /api/v1/telemetry/stats` (auditor, security officer): refused telemetry fields per device
 * and key. `GET /api/v1/devices/:id/telemetry` (any role): the latest accepted values.
 */
export function registerTelemetryRoutes(
  app: FastifyInstance,
  ctx: CloudContext,
  store: TelemetryStore,
): void {
  app.get(
    '/api/v1/telemetry/stats',
    { preHandler: ctx.requireRole('auditor', 'security-officer') },
    () => store.stats(),
  );
  app.get(
    '/api/v1/devices/:id/telemetry',
    { preHandler: ctx.requireRole('auditor', 'release-manager', 'security-officer') },
    async (request) => {
      const { id } = parseRequest(IdParamSchema, request.params, 'path');
      if ((await ctx.devices.get(id)) === undefined)
        throw new CloudError('NOT_FOUND', 'no such device');
      return { deviceId: id, values: await store.latest(id) };
    },
  );
}
