import type { TLSSocket } from 'node:tls';
import { HTTP_PATHS } from '@cra-kit-examples/device-protocol';
import { certsOnlyPkcs7, type CaDirectory } from '@cra-kit/identity';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { bearerToken } from '../auth/require-role.js';
import type { CloudContext } from '../context.js';
import type { DeviceStore } from '../devices/device-store.js';
import { CloudError } from '../errors.js';
import { parseRequest } from '../http/validate.js';
import type { Enrollment } from './enrollment.js';

/** Serials valid both as identity device serials and as MQTT client ids / topic levels. */
export const EnrollSerialSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/);
const TokensBodySchema = z.strictObject({
  serials: z
    .array(EnrollSerialSchema)
    .min(1)
    .max(500)
    .refine((s) => new Set(s).size === s.length, 'serials must be unique'),
  ttlSeconds: z.number().int().min(60).max(31_536_000).optional(),
});
const MAX_CSR_BODY = 16 * 1024;

/** RFC 7030 bodies: base64 (or PEM) text of `application/pkcs10`. */
export function addPkcs10Parser(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/pkcs10',
    { parseAs: 'string', bodyLimit: MAX_CSR_BODY },
    (_req, body, done) => {
      done(null, body);
    },
  );
}

function sendEst(reply: FastifyReply, response: { contentType: string; body: string }) {
  return reply
    .code(200)
    .header('content-type', response.contentType)
    .header('content-transfer-encoding', 'base64')
    .send(response.body);
}

const csrBody = (request: FastifyRequest) => {
  if (typeof request.body !== 'string')
    throw new CloudError('UNSUPPORTED_MEDIA_TYPE', 'send the CSR as application/pkcs10');
  return request.body;
};

/** Public listener: `cacerts`, first enrollment, and the operator route that makes bootstrap tokens. */
export function registerPublicProvisioning(app: FastifyInstance, ctx: CloudContext, deps: { ca: CaDirectory; enrollment: Enrollment; store: DeviceStore; tokenTtlSeconds: number }): void {
  addPkcs10Parser(app);
  const cacerts = Buffer.from(certsOnlyPkcs7([deps.ca.issuing.certificate, deps.ca.rootCertificate])).toString('base64');
  app.get(HTTP_PATHS.estCaCerts, (_request, reply) => sendEst(reply, { contentType: 'application/pkcs7-mime', body: cacerts }));
  app.post(HTTP_PATHS.estSimpleEnroll, async (request, reply) => {
    const token = bearerToken(request);
    if (token === undefined) throw new CloudError('AUTH_REQUIRED', 'a bootstrap token is required');
    return sendEst(reply, await deps.enrollment.enroll({ body: csrBody(request), token, clientId: request.ip }));
  });
  app.post('/api/v1/devices/bootstrap-tokens', { preHandler: ctx.requireRole('admin') }, async (request, reply) => {
    const body = parseRequest(TokensBodySchema, request.body, 'body');
    for (const serial of body.serials) await deps.store.assertNotRevoked(serial);
    const tokens: { serial: string; token: string }[] = [];
    for (const serial of body.serials) tokens.push({ serial, token: await deps.enrollment.tokens.issue(serial, body.ttlSeconds ?? deps.tokenTtlSeconds) });
    ctx.audit({ actor: `operator:${ctx.operatorOf(request).id}`, action: 'device.bootstrap-tokens', subject: 'devices', detail: { serials: body.serials } });
    return reply.code(201).header('cache-control', 'no-store').send({ tokens });
  });
} // prettier-ignore

/** Device listener: `cacerts` and renewal with the current certificate. */
export function registerDeviceProvisioning(app: FastifyInstance, deps: { ca: CaDirectory; enrollment: Enrollment }): void {
  addPkcs10Parser(app);
  const cacerts = Buffer.from(certsOnlyPkcs7([deps.ca.issuing.certificate, deps.ca.rootCertificate])).toString('base64');
  app.get(HTTP_PATHS.estCaCerts, (_request, reply) => sendEst(reply, { contentType: 'application/pkcs7-mime', body: cacerts }));
  app.post(HTTP_PATHS.estSimpleReenroll, async (request, reply) => {
    const raw = (request.raw.socket as unknown as TLSSocket).getPeerCertificate().raw as Buffer | undefined;
    return sendEst(reply, await deps.enrollment.reenroll({ body: csrBody(request), peerCertificate: new Uint8Array(raw ?? []) }));
  });
} // prettier-ignore
