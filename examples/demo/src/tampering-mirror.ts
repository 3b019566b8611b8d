import { issueKeyPair, openCaDirectory } from '@cra-kit/identity';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * A compromised mirror for the demo: it serves the image repository's files byte for byte,
 * except firmware images, in which it flips one byte. Metadata stays genuine, so only the
 * device's own verification (length and hashes signed by the release managers) can notice.
 */
export interface TamperingMirror {
  readonly url: string;
  /** How many tampered images it handed out. */
  readonly tampered: () => number;
  close(): Promise<void>;
}

const SAFE =
  /^(metadata\/[A-Za-z0-9][A-Za-z0-9._-]*\.json|targets\/[0-9a-f]{64}\.[A-Za-z0-9][A-Za-z0-9._+-]*)$/;

export async function startTamperingMirror(options: {
  repositoryDir: string;
  caDir: string;
  caPassphrase: string;
}): Promise<TamperingMirror> {
  // A server certificate from the manufacturer's CA: the mirror looks legitimate at the TLS level.
  const ca = await openCaDirectory({ dir: options.caDir, passphrase: options.caPassphrase });
  const pair = await issueKeyPair({
    ca: ca.issuing,
    request: { profile: 'tls-server', serial: 'mirror', dnsNames: ['localhost'], validityDays: 7 },
  });
  let tampered = 0;
  const server: Server = createServer(
    {
      key: pair.keyPem,
      cert: pair.certificatePem,
    },
    (request, response) => {
      const path = decodeURIComponent(
        new URL(request.url ?? '/', 'https://mirror').pathname,
      ).replace(/^\//, '');
      if (!SAFE.test(path)) {
        response.writeHead(404).end();
        return;
      }
      const file = join(options.repositoryDir, path);
      if (path.startsWith('metadata/')) {
        stat(file).then(
          (s) => {
            response.writeHead(200, {
              'content-length': s.size,
              'content-type': 'application/json',
            });
            createReadStream(file).pipe(response);
          },
          () => response.writeHead(404).end(),
        );
        return;
      }
      readFile(file).then(
        (image) => {
          image[image.length >> 1] = (image[image.length >> 1] ?? 0) ^ 0xff;
          tampered += 1;
          response.writeHead(200, { 'content-length': image.length }).end(image);
        },
        () => response.writeHead(404).end(),
      );
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://localhost:${port}/`,
    tampered: () => tampered,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
