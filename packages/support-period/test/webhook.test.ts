import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '@cra-kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createWebhookNotifier,
  type SupportEvent,
  SupportEventSchema,
  SupportPeriodError,
  verifyWebhookSignature,
  WEBHOOK_HEADERS,
} from '@cra-kit/support-period';

const secret = new TextEncoder().encode('a shared secret of 32 bytes.....');

function event(n: number): SupportEvent {
  return SupportEventSchema.parse({
    schemaVersion: 1, kind: 'update-available', idempotencyKey: n.toString(16).padStart(64, '0'),
    serial: `VS3-${n}`, model: 'vs300', installedVersion: '1.0.0', availableVersion: '1.1.0',
    supportEnd: '2035-12-11', occurredAt: '2030-01-01T00:00:00Z',
  }); // prettier-ignore
}

type Behaviour = 'fail' | 'apply-then-hang' | 'reset' | 'ok';

/** A real receiver: verifies the signature, applies each idempotency key once. */
async function receiver(script: Behaviour[]) {
  const applied: SupportEvent[] = [];
  const seenKeys = new Set<string>();
  let deliveries = 0;
  let rejected = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => { chunks.push(c); });
    req.on('end', () => {
      deliveries += 1;
      const behaviour = script.shift() ?? 'ok';
      if (behaviour === 'reset') {
        req.socket.destroy();
        return;
      }
      if (behaviour === 'fail') {
        res.writeHead(503).end();
        return;
      }
      const body = new Uint8Array(Buffer.concat(chunks));
      try {
        verifyWebhookSignature({ secret, body, timestamp: req.headers[WEBHOOK_HEADERS.timestamp] as string, signature: req.headers[WEBHOOK_HEADERS.signature] as string });
      } catch {
        rejected += 1;
        res.writeHead(401).end();
        return;
      }
      const key = req.headers[WEBHOOK_HEADERS.idempotencyKey] as string;
      if (!seenKeys.has(key)) {
        seenKeys.add(key);
        applied.push(SupportEventSchema.parse(JSON.parse(new TextDecoder().decode(body))));
      }
      if (behaviour === 'apply-then-hang') setTimeout(() => { res.writeHead(200).end(); }, 400);
      else res.writeHead(200).end();
    });
  }); // prettier-ignore
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  servers.push(server);
  return {
    url: `http://127.0.0.1:${port}/hooks/cra`,
    applied,
    stats: () => ({ deliveries, rejected }),
  };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

const fast = { timeoutMs: 150, baseDelayMs: 5, maxDelayMs: 40, random: seededRandom(7) };

describe('webhook notifier against a real local receiver', () => {
  it('survives failures, a timeout after the receiver applied the notice, a reset, then recovery: each event applied exactly once, none lost', async () => {
    const r = await receiver(['fail', 'apply-then-hang', 'ok', 'reset', 'fail', 'apply-then-hang', 'apply-then-hang']);
    const notifier = createWebhookNotifier({ url: r.url, secret, ...fast });
    const events = Array.from({ length: 6 }, (_, i) => event(i + 1));
    // event 1: 503, applied but timed out, ok (3); event 2: reset, 503, timeout, timeout, ok (5); 3–6: ok
    for (const e of events) await notifier.notify(e);
    expect(r.applied.map((e) => e.idempotencyKey)).toEqual(events.map((e) => e.idempotencyKey));
    expect(r.applied).toEqual(events);
    expect(r.stats()).toEqual({ deliveries: 12, rejected: 0 });
  });

  it('gives up with SUPPORT_NOTIFY_FAILED after maxAttempts', async () => {
    const r = await receiver(['fail', 'fail', 'fail', 'ok']);
    const notifier = createWebhookNotifier({ url: r.url, secret, ...fast, maxAttempts: 3 });
    await expect(notifier.notify(event(1))).rejects.toBeErrorWithCode(SupportPeriodError, 'SUPPORT_NOTIFY_FAILED');
    expect(r.applied).toEqual([]);
  });

  it('does not retry a refusal, and the receiver refuses a wrong signature', async () => {
    const r = await receiver([]);
    const wrong = createWebhookNotifier({ url: r.url, secret: new Uint8Array(32), ...fast });
    await expect(wrong.notify(event(1))).rejects.toBeErrorWithCode(SupportPeriodError, 'SUPPORT_NOTIFY_REJECTED');
    expect(r.stats()).toEqual({ deliveries: 1, rejected: 1 });
  });

  it('rejects stale deliveries and plain http to other hosts', () => {
    const body = new Uint8Array([1, 2, 3]);
    const timestamp = '1000';
    const signature = 'v1=' + '0'.repeat(64);
    expect(() => { verifyWebhookSignature({ secret, body, timestamp, signature }); }).toThrowWithCode(SupportPeriodError, 'SUPPORT_NOTIFY_REJECTED');
    expect(() => createWebhookNotifier({ url: 'http://hooks.example/cra', secret })).toThrow(RangeError);
    expect(() => createWebhookNotifier({ url: 'https://hooks.example/cra', secret: new Uint8Array(8) })).toThrow(RangeError);
  });
}); // prettier-ignore
