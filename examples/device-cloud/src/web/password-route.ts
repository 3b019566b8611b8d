import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CloudContext } from '../context.js';
import type { OperatorStore } from '../auth/operator-store.js';
import { CloudError } from '../errors.js';
import { parseRequest } from '../http/validate.js';
import { hashPassword, PasswordSchema, type ScryptParams } from './password.js';
import type { WebState } from './state.js';

const Params = z.strictObject({ id: z.uuid() });
const Body = z.strictObject({ password: PasswordSchema });

/**
 * `PUT /api/v1/operators/:id/password` (admin): sets an operator's web UI password. Stored as
 * an scrypt hash; the operator's open sessions end; audited without the password.
 */
export function registerPasswordRoute(app: FastifyInstance, ctx: CloudContext, deps: { state: WebState; findOperator: OperatorStore['find']; scrypt: ScryptParams }): void {
  app.put('/api/v1/operators/:id/password', { preHandler: ctx.requireRole('admin'), bodyLimit: 4 * 1024 }, async (request, reply) => {
    const { id } = parseRequest(Params, request.params, 'path');
    const { password } = parseRequest(Body, request.body, 'body');
    if ((await deps.findOperator({ id })) === undefined) throw new CloudError('NOT_FOUND', 'no such operator');
    const hash = await hashPassword(password, deps.scrypt);
    const at = ctx.clock.now().toISOString();
    await deps.state.setPassword(id, hash, at, { actor: `operator:${ctx.operatorOf(request).id}`, action: 'operator.password.set', subject: `operator:${id}` });
    return reply.code(204).send();
  });
} // prettier-ignore
