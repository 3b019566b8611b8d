import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IntakeContext } from './handler.js';
import { toFetchRequest } from './node-adapter.js';

/** The parts of a Fastify instance the plugin uses (Fastify itself stays out of our dependencies). */
interface FastifyLike {
  removeAllContentTypeParsers(): void;
  addContentTypeParser(
    type: string,
    parser: (
      request: unknown,
      payload: unknown,
      done: (error: Error | null, body?: unknown) => void,
    ) => void,
  ): void;
  route(options: {
    method: string[];
    url: string;
    handler: (
      request: { raw: IncomingMessage; ip: string },
      reply: {
        raw: ServerResponse;
        code(status: number): unknown;
        headers(h: Record<string, string>): unknown;
        send(body: Uint8Array): unknown;
      },
    ) => Promise<unknown>;
  }): void;
}

/**
 * A Fastify plugin serving the intake handler at `url` (default `/`): register it with a prefix,
 * `app.register(fastifyIntake(handler), { prefix: '/security/report' })`. Inside the plugin's
 * scope Fastify's own body parsers are replaced by a pass-through, so the handler reads the raw
 * stream and its size, UTF-8 and media-type rules apply unchanged. The source for rate limiting
 * is `request.ip` (set Fastify's `trustProxy` behind a proxy).
 */
export function fastifyIntake(
  handler: (request: Request, context: IntakeContext) => Promise<Response>,
  options: { url?: string } = {},
) {
  return async function plugin(app: FastifyLike): Promise<void> {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, _payload, done) => {
      done(null);
    });
    app.route({
      method: ['GET', 'POST', 'PUT', 'DELETE'],
      url: options.url ?? '/',
      handler: async (request, reply) => {
        const response = await handler(toFetchRequest(request.raw), { remoteAddress: request.ip });
        const body = new Uint8Array(await response.arrayBuffer());
        // A refused upload may still be arriving: close the connection rather than read it all.
        const unread = request.raw.method !== 'GET' && !request.raw.readableEnded;
        if (unread) reply.raw.once('finish', () => request.raw.destroy());
        reply.code(response.status);
        reply.headers({
          ...Object.fromEntries(response.headers),
          ...(unread ? { connection: 'close' } : {}),
        });
        return reply.send(body);
      },
    });
    await Promise.resolve();
  };
}
