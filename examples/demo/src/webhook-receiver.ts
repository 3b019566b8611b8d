import {
  SupportEventSchema,
  verifyWebhookSignature,
  WEBHOOK_HEADERS,
  type SupportEvent,
} from '@cra-kit/support-period';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The device owners' side of support-period's webhook notices, for the demo: a loopback HTTP
 * receiver that checks each delivery's HMAC signature and keeps the notices.
 */
export interface OwnerInbox {
  readonly url: string;
  readonly secret: Uint8Array;
  readonly notices: readonly SupportEvent[];
  close(): Promise<void>;
}

export async function startOwnerInbox(): Promise<OwnerInbox> {
  const secret = new Uint8Array(randomBytes(32));
  const notices: SupportEvent[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = new Uint8Array(Buffer.concat(chunks));
      try {
        const header = (name: string) => {
          const value = req.headers[name];
          return Array.isArray(value) ? value[0] : value;
        };
        verifyWebhookSignature({
          secret,
          body,
          timestamp: header(WEBHOOK_HEADERS.timestamp),
          signature: header(WEBHOOK_HEADERS.signature),
        });
        notices.push(SupportEventSchema.parse(JSON.parse(new TextDecoder().decode(body))));
        res.writeHead(204).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/notices`,
    secret,
    notices,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
