import type { FastifyInstance } from 'fastify';
import { CloudError } from '../errors.js';
import type { ProviderDirectory } from './csaf-directory.js';

/** The names the provider directory holds (CSAF 2.0 §7.1), relative to `/.well-known/csaf/`. */
const SERVABLE = [
  /^provider-metadata\.json$/,
  /^white\/(index\.txt|changes\.csv)$/,
  /^white\/\d{4}\/[a-z0-9][a-z0-9_.+-]{0,200}\.json(\.sha256|\.sha512)?$/,
];

/** Whether an `If-None-Match` header names `etag` (or is `*`). */
const matches = (header: string | undefined, etag: string) =>
  header !== undefined &&
  header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });

/**
 * Serves the provider directory on the public listener under `/.well-known/csaf/`: only names
 * of the allow-list, with exact lengths, ETag and Last-Modified (a poller revalidates for a 304).
 */
export function serveProviderDirectory(app: FastifyInstance, directory: ProviderDirectory): void {
  app.get('/.well-known/csaf/*', async (request, reply) => {
    const path = (request.params as { '*'?: string })['*'] ?? '';
    if (!SERVABLE.some((re) => re.test(path))) throw new CloudError('NOT_FOUND', 'no such CSAF file');
    const file = await directory.file(path);
    if (file === undefined) throw new CloudError('NOT_FOUND', 'no such CSAF file');
    // CSAF aggregators poll: short caching, and CORS so browser tools can read the feed.
    reply.header('access-control-allow-origin', '*').header('cache-control', 'public, max-age=300').header('etag', file.etag).header('last-modified', file.lastModified);
    if (matches(request.headers['if-none-match'], file.etag)) return reply.code(304).send();
    return reply.header('content-type', file.type).header('content-length', file.body.length).send(file.body);
  }); // prettier-ignore
}
