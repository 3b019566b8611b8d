import { readFile } from 'node:fs/promises';
import { HTTP_PATHS } from '@cra-kit-examples/device-protocol';
import { SdkError, createMemoryStorage, type Clock } from '@cra-kit/core';
import { Updater, fileFetcher, findTarget, type FoundTarget } from '@cra-kit/ota-signing';
import type { FastifyInstance } from 'fastify';
import type { CloudContext } from '../context.js';
import { CloudError } from '../errors.js';
import { FeatureError } from './feature-error.js';
import { sendStaticFile } from './static-file.js';

/**
 * What a device may fetch from the repository directory: committed metadata and target files
 * under their consistent-snapshot names. Never `keys/` or `staged/`, never a path with a
 * separator inside a name, so no request leaves the two folders.
 */
const SERVABLE = [
  /^metadata\/[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.json$/,
  /^targets\/[0-9a-f]{64}\.[A-Za-z0-9][A-Za-z0-9._+-]{0,254}$/,
];

/**
 * Serves the offline-signed TUF image repository on the device listener under
 * `HTTP_PATHS.otaRepository`: streamed, with its exact length. The files are signed, so the
 * listener only has to keep requests inside the published folders.
 */
export function serveRepository(
  app: FastifyInstance,
  ctx: CloudContext,
  repositoryDir: string,
): void {
  app.get(`${HTTP_PATHS.otaRepository}*`, async (request, reply) => {
    // Enrolled, unrevoked devices only (the listener's TLS already wants our CA's certificate).
    ctx.deviceOf(request);
    const path = (request.params as { '*'?: string })['*'] ?? '';
    if (!SERVABLE.some((re) => re.test(path))) throw new CloudError('NOT_FOUND', 'no such repository file');
    const type = path.startsWith('metadata/') ? 'application/json' : 'application/octet-stream';
    // Versioned metadata and hash-named images never change; the unversioned names do.
    const cache = /^metadata\/[a-z]+\.json$/.test(path) ? 'no-cache' : 'public, max-age=31536000, immutable';
    return sendStaticFile(reply, repositoryDir, path, { type, cache });
  }); // prettier-ignore
}

/**
 * Looks a target up the way a device would: the full TUF client workflow over the repository
 * directory from the trusted root (root chain, timestamp, snapshot, targets, delegations), so a
 * release can only name an image the offline keys actually signed.
 * @throws {FeatureError} TARGET_NOT_SIGNED when the verified metadata does not list it
 */
export async function verifiedTarget(options: { repositoryDir: string; trustedRootFile: string; clock: Clock; name: string }): Promise<FoundTarget> {
  const initialRoot = new Uint8Array(await readFile(options.trustedRootFile));
  // A throw-away Storage for this one run: the cloud trusts no cached metadata.
  const updater = new Updater({ fetcher: fileFetcher(options.repositoryDir), storage: createMemoryStorage(), initialRoot, clock: options.clock });
  try {
    await updater.refresh();
    return await findTarget(updater, options.name);
  } catch (cause) {
    if (!SdkError.isInstance(cause) || !cause.code.startsWith('OTA_')) throw cause;
    throw new FeatureError('TARGET_NOT_SIGNED', `the image repository does not sign ${options.name} (${cause.code})`, { cause, details: { reason: cause.code } });
  }
} // prettier-ignore
