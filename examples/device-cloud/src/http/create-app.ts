import { once } from 'node:events';
import { createServer, type Server, type ServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import { errorReplyOf } from './error-reply.js';

/** Strict CSP for the HTML pages modules serve: nothing but same-origin styles and images. */
export const HTML_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** A Fastify app on its own HTTPS server, already listening (so its port is known to modules). */
export interface HttpsApp {
  readonly app: FastifyInstance;
  readonly server: Server;
  readonly port: number;
  /** Every route registered so far (method and URL pattern), for tests and docs. */
  readonly routes: readonly RouteSummary[];
}

/** A registered route. */
export interface RouteSummary {
  readonly method: string;
  readonly url: string;
}

/**
 * A Fastify instance over HTTPS with the shell's common behaviour: one error format, body and
 * time limits, TCP_NODELAY, security headers, JSON as the only body type unless a route adds one.
 * The server listens before routes are registered, so an ephemeral port is known to modules;
 * call `app.ready()` once every route is in (until then every request gets 503 `STARTING`).
 */
export async function createHttpsApp(options: {
  tls: ServerOptions;
  host: string;
  port: number;
  bodyLimit: number;
  logger: FastifyBaseLogger | { level: string };
}): Promise<HttpsApp> {
  let server: Server | undefined;
  let ready = false;
  const log = 'child' in options.logger ? { loggerInstance: options.logger } : { logger: { ...options.logger, redact: ['req.headers.authorization'] } };
  const app = Fastify({
    serverFactory: (handler) => {
      // Until Fastify is ready its router must not see a request (it throws), so early callers
      // get a 503 with our error format.
      server = createServer({ ...options.tls, noDelay: true, requestTimeout: 30_000, headersTimeout: 20_000, keepAliveTimeout: 5_000 }, (req, res) => {
        if (ready) {
          handler(req, res);
          return;
        }
        res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' });
        res.end(JSON.stringify({ error: { code: 'STARTING', message: 'the service is starting' } }));
      });
      return server;
    },
    bodyLimit: options.bodyLimit,
    routerOptions: { maxParamLength: 200 },
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    frameworkErrors: (error, _request, reply) => {
      const { status, code, message } = errorReplyOf(error);
      void (reply as unknown as FastifyReply).code(status).send({ error: { code, message } });
    },
    ...log,
  }) as unknown as FastifyInstance;
  if (server === undefined) throw new Error('fastify did not call serverFactory');
  const https = server;
  https.on('connection', (socket: { setNoDelay(on: boolean): void }) => {
    socket.setNoDelay(true);
  });
  app.addHook('onReady', async () => {
    ready = true;
    await Promise.resolve();
  });
  const routes: RouteSummary[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error, request, reply) => {
    const { status, code, message } = errorReplyOf(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).send({ error: { code, message } });
  });
  app.setNotFoundHandler(async (_request, reply) => reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'no such route' } }));
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html')) reply.header('content-security-policy', HTML_CSP);
    else reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return Promise.resolve(payload);
  });
  https.listen(options.port, options.host);
  await once(https, 'listening');
  return { app, server: https, port: (https.address() as AddressInfo).port, routes };
} // prettier-ignore
