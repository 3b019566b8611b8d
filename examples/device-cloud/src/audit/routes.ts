import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CloudContext } from '../context.js';
import { parseRequest } from '../http/validate.js';
import type { AuditLog } from './audit-log.js';

const QuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional(),
});

/** `GET /api/v1/audit` (admin, auditor): the audit log, newest first, paged by `before`. */
export function registerAuditRoutes(app: FastifyInstance, ctx: CloudContext, log: AuditLog): void {
  app.get('/api/v1/audit', { preHandler: ctx.requireRole('auditor') }, (request) => {
    const query = parseRequest(QuerySchema, request.query, 'query');
    return log.page(query);
  });
}
