import { createHash } from 'node:crypto';
import { DEFAULT_STYLESHEET } from '@cra-kit/docs-generator';
import type { FastifyInstance } from 'fastify';

const BODY = Buffer.from(DEFAULT_STYLESHEET, 'utf8');

/**
 * Where the generated documents' stylesheet is served. The name carries a hash of the content,
 * so it can be cached for good: a new docs-generator stylesheet gets a new name.
 */
export const DOCUMENT_STYLESHEET_PATH = `/compliance/assets/documents.${createHash('sha256').update(BODY).digest('hex').slice(0, 16)}.css`;

/**
 * Serves docs-generator's stylesheet at {@link DOCUMENT_STYLESHEET_PATH}: the listener's CSP
 * (`style-src 'self'`) refuses the inline `<style>` the documents would otherwise carry. Public,
 * like any stylesheet: it holds no data.
 */
export function serveDocumentStylesheet(app: FastifyInstance): void {
  app.get(DOCUMENT_STYLESHEET_PATH, async (_request, reply) =>
    reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('content-length', BODY.length)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(BODY),
  );
}
