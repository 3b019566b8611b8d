import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ProductProfile } from '@cra-kit/core';
import { csafProviderFiles } from '@cra-kit/vuln-intake';
import type { FastifyInstance } from 'fastify';
import { CloudError } from '../errors.js';
import { sendStaticFile } from '../updates/static-file.js';
import type { PublishedAdvisory } from './advisory-store.js';

/** The names the provider directory holds (CSAF 2.0 §7.1), relative to `/.well-known/csaf/`. */
const SERVABLE = [
  /^provider-metadata\.json$/,
  /^white\/(index\.txt|changes\.csv)$/,
  /^white\/\d{4}\/[a-z0-9][a-z0-9_.+-]{0,200}\.json(\.sha256|\.sha512)?$/,
];

/**
 * Writes the whole provider directory for the published advisories under `root` (the web root:
 * files land in `<root>/.well-known/csaf/`). Each file is written to a temporary name and
 * renamed, so a reader never sees half a document. Calls are serialised by the caller.
 */
export async function writeProviderDirectory(root: string, advisories: readonly PublishedAdvisory[], profile: ProductProfile, origin: string, now: Date): Promise<void> {
  const lastUpdated = advisories.reduce((latest, a) => (a.publishedAt > latest ? a.publishedAt : latest), '1970-01-01T00:00:00.000Z');
  const files = await csafProviderFiles(advisories.map((a) => a.document as Parameters<typeof csafProviderFiles>[0][number]), profile, { origin, lastUpdated: advisories.length === 0 ? now.toISOString() : lastUpdated });
  for (const file of files) {
    const target = join(root, file.path);
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, file.content, { mode: 0o644 });
    await rename(temporary, target);
  }
} // prettier-ignore

const TYPES: readonly [RegExp, string][] = [
  [/\.json$/, 'application/json'],
  [/\.csv$/, 'text/csv; charset=utf-8'],
  [/./, 'text/plain; charset=utf-8'],
];

/** Serves the provider directory on the public listener under `/.well-known/csaf/`. */
export function serveProviderDirectory(app: FastifyInstance, root: string): void {
  app.get('/.well-known/csaf/*', async (request, reply) => {
    const path = (request.params as { '*'?: string })['*'] ?? '';
    if (!SERVABLE.some((re) => re.test(path))) throw new CloudError('NOT_FOUND', 'no such CSAF file');
    const type = TYPES.find(([re]) => re.test(path))?.[1] ?? 'application/octet-stream';
    // CSAF aggregators poll: short caching, and CORS so browser tools can read the feed.
    return sendStaticFile(reply.header('access-control-allow-origin', '*'), join(root, '.well-known', 'csaf'), path, { type, cache: 'public, max-age=300' });
  }); // prettier-ignore
}
