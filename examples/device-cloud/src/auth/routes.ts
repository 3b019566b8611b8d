import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ROLES, type CloudContext } from '../context.js';
import { parseRequest } from '../http/validate.js';
import type { OperatorStore } from './operator-store.js';

const CreateOperatorSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/),
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
});
const CreateTokenSchema = z.strictObject({ label: z.string().min(1).max(100).optional() });
const OperatorParams = z.strictObject({ id: z.uuid() });
const TokenParams = z.strictObject({ id: z.uuid(), tokenId: z.uuid() });

/** The operator API (admin only): operators and their API tokens. */
export function registerOperatorRoutes(app: FastifyInstance, ctx: CloudContext, store: OperatorStore): void {
  const admin = { preHandler: ctx.requireRole('admin') };
  const actor = (request: Parameters<CloudContext['operatorOf']>[0]) => `operator:${ctx.operatorOf(request).id}`;
  app.post('/api/v1/operators', admin, async (request, reply) => {
    const body = parseRequest(CreateOperatorSchema, request.body, 'body');
    return reply.code(201).send(await store.create(body, actor(request)));
  });
  app.get('/api/v1/operators', admin, async () => ({ operators: await store.list() }));
  app.post('/api/v1/operators/:id/tokens', admin, async (request, reply) => {
    const { id } = parseRequest(OperatorParams, request.params, 'path');
    const body = parseRequest(CreateTokenSchema, request.body ?? {}, 'body');
    const issued = await store.issueToken(id, body.label, actor(request));
    return reply.code(201).header('cache-control', 'no-store').send({ id: issued.id, token: issued.token });
  });
  app.delete('/api/v1/operators/:id/tokens/:tokenId', admin, async (request, reply) => {
    const { id, tokenId } = parseRequest(TokenParams, request.params, 'path');
    await store.deleteToken(id, tokenId, actor(request));
    return reply.code(204).send();
  });
} // prettier-ignore
