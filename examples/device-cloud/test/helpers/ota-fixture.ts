import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { generateSigningKey, type Clock } from '@cra-kit/core';
import {
  addTarget,
  initRepository,
  tufKeyOf,
  writeKeyFile,
  type FirmwareCustomInput,
  type RoleTrust,
} from '@cra-kit/ota-signing';
import {
  WEBHOOK_HEADERS,
  verifyWebhookSignature,
  type SupportEvent,
} from '@cra-kit/support-period';

/** A real ota-signing repository with signed images, and a director key file. */
/** The image most tests roll out: security release 1.1.0 for hardware `rev-b`. */
export const SECURITY_FIX = {
  name: 'vs300-1.1.0.bin',
  firmware: {
    schemaVersion: 1,
    hardwareIds: ['rev-b'],
    version: '1.1.0',
    securityCounter: 2,
    releaseType: 'security',
  },
} as const satisfies { name: string; firmware: FirmwareCustomInput };

export interface OtaFixture {
  readonly repositoryDir: string;
  readonly directorKeyFile: string;
  /** How a device trusts the director (its public key, threshold 1). */
  readonly directorTrust: RoleTrust;
  readonly trustedRoot: Uint8Array;
}

export async function createOtaFixture(dir: string, clock: Clock, images: readonly { name: string; firmware: FirmwareCustomInput }[]): Promise<OtaFixture> {
  const repositoryDir = join(dir, 'ota-repo');
  const repo = await initRepository({ dir: repositoryDir, clock });
  await mkdir(join(dir, 'images'), { recursive: true });
  for (const image of images) {
    const file = join(dir, 'images', image.name);
    await writeFile(file, randomBytes(4096 + images.indexOf(image)));
    await addTarget(repo, { image: file, name: image.name, firmware: image.firmware });
  }
  await repo.publish();
  const director = await generateSigningKey('ed25519');
  const directorKeyFile = join(dir, 'director.key.json');
  await writeKeyFile(directorKeyFile, { algorithm: 'ed25519', privateKeyPkcs8: director.privateKeyPkcs8, development: true });
  const { keyid, key } = await tufKeyOf(director.signer);
  return {
    repositoryDir, directorKeyFile,
    directorTrust: { role: 'targets', keys: { [keyid]: key }, roleKeys: { keyids: [keyid], threshold: 1 } },
    trustedRoot: new Uint8Array(await readFile(join(repositoryDir, 'metadata', '1.root.json'))),
  };
} // prettier-ignore

/** A real local webhook receiver that checks support-period's HMAC signature on each notice. */
export interface WebhookReceiver {
  readonly url: string;
  readonly secret: Uint8Array;
  readonly events: SupportEvent[];
  /** Requests whose signature did not verify. */
  readonly rejected: number;
  close(): Promise<void>;
}

const body = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
};

export async function startWebhookReceiver(clock: Clock): Promise<WebhookReceiver> {
  const secret = new Uint8Array(randomBytes(32));
  const events: SupportEvent[] = [];
  let rejected = 0;
  const server: Server = createServer((request, response) => {
    void body(request).then((bytes) => {
      try {
        const header = (name: string) => {
          const value = request.headers[name];
          return typeof value === 'string' ? value : undefined;
        };
        verifyWebhookSignature({
          secret,
          body: bytes,
          timestamp: header(WEBHOOK_HEADERS.timestamp),
          signature: header(WEBHOOK_HEADERS.signature),
          now: clock.now(),
        });
        events.push(JSON.parse(new TextDecoder().decode(bytes)) as SupportEvent);
        response.writeHead(204).end();
      } catch {
        rejected++;
        response.writeHead(401).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/cra`, secret, events,
    get rejected() { return rejected; },
    close: () => new Promise((resolve) => { server.close(() => { resolve(); }); }),
  }; // prettier-ignore
}
