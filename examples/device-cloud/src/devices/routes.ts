import type { FastifyInstance } from 'fastify';
import { RevocationReasonSchema } from '@cra-kit/identity';
import { z } from 'zod';
import type { CloudContext } from '../context.js';
import { CloudError } from '../errors.js';
import { IdParamSchema, parseRequest } from '../http/validate.js';
import type { DeviceStore } from './device-store.js';
import type { Revoker } from './revoker.js';

const GroupSchema = z.strictObject({
  group: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/)
    .nullable(),
});
const PageSchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  after: z.string().min(1).max(64).optional(),
});
const RevokeSchema = z.strictObject({ reason: RevocationReasonSchema.default('unspecified') });

/** Operator routes over the device registry. */
export function registerDeviceRoutes(app: FastifyInstance, ctx: CloudContext, store: DeviceStore, revoker: Revoker): void {
  const readers = ctx.requireRole('auditor', 'release-manager', 'security-officer');
  const actor = (r: Parameters<CloudContext['operatorOf']>[0]) => `operator:${ctx.operatorOf(r).id}`;
  app.get('/api/v1/devices', { preHandler: readers }, async (request) => store.page(parseRequest(PageSchema, request.query, 'query')));
  app.get('/api/v1/devices/:id', { preHandler: readers }, async (request) => {
    const { id } = parseRequest(IdParamSchema, request.params, 'path');
    const device = await store.get(id);
    if (device === undefined) throw new CloudError('NOT_FOUND', 'no such device');
    return device;
  });
  app.put('/api/v1/devices/:id/group', { preHandler: ctx.requireRole('release-manager') }, async (request) => {
    const { id } = parseRequest(IdParamSchema, request.params, 'path');
    const { group } = parseRequest(GroupSchema, request.body, 'body');
    return store.setGroup(id, group ?? undefined, { actor: actor(request), action: 'device.group', subject: `device:${id}`, detail: { group } });
  });
  app.post('/api/v1/devices/:id/revoke', { preHandler: ctx.requireRole('security-officer') }, async (request) => {
    const { id } = parseRequest(IdParamSchema, request.params, 'path');
    const { reason } = parseRequest(RevokeSchema, request.body ?? {}, 'body');
    return { deviceId: id, ...(await revoker.revoke(id, reason, actor(request))) };
  });
} // prettier-ignore
