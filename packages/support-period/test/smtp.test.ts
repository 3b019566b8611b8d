import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createSmtpNotifier,
  type SupportEvent,
  SupportEventSchema,
  SupportPeriodError,
} from '@cra-kit/support-period';

interface Received {
  readonly from: string;
  readonly to: string[];
  readonly raw: string;
}

const servers: SMTPServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0))
    await new Promise<void>((resolve) => {
      s.close(() => {
        resolve();
      });
    });
});

/** A real SMTP server on loopback (no STARTTLS offered); refuses recipients at `refuse.example`. */
async function smtpServer() {
  const inbox: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      callback(address.address.endsWith('@refuse.example') ? new Error('mailbox unavailable') : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        inbox.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  }); // prettier-ignore
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { port: (server.server.address() as AddressInfo).port, inbox };
}

const event = (kind: SupportEvent['kind'], owner?: string): SupportEvent =>
  SupportEventSchema.parse({
    schemaVersion: 1, kind, idempotencyKey: 'ab'.repeat(32), serial: 'VS3-2748-000123', model: 'vs300',
    ...(owner === undefined ? {} : { ownerContactId: owner }),
    supportEnd: '2035-12-11', occurredAt: '2035-10-01T00:00:00Z',
  }); // prettier-ignore

const contacts: Record<string, string> = {
  'owner-1': 'plant-ops@customer.example',
  'owner-2': 'nobody@refuse.example',
};
const resolveRecipient = (id: string) => Promise.resolve(contacts[id]);

describe('SMTP notifier against a real local SMTP server', () => {
  it('mails the notice in German with the idempotency key as Message-ID', async () => {
    const { port, inbox } = await smtpServer();
    const notifier = await createSmtpNotifier({ host: '127.0.0.1', port, allowPlaintext: true, from: 'support@acme-sensors.example', resolveRecipient, lang: 'de' });
    await notifier.notify(event('support-ending', 'owner-1'));
    await notifier.notify(event('support-ended')); // no owner contact: skipped
    await notifier.notify(event('support-ended', 'owner-unknown')); // no address: skipped
    expect(inbox).toHaveLength(1);
    const [mail] = inbox;
    const headers = mail!.raw.replace(/\r?\n[ \t]+/g, ' '); // unfold folded header lines
    expect(mail!.from).toBe('support@acme-sensors.example');
    expect(mail!.to).toEqual(['plant-ops@customer.example']);
    expect(headers).toMatch(new RegExp(`^Message-ID: <${'ab'.repeat(32)}@cra-kit.support>`, 'mi'));
    expect(headers).toMatch(/^X-Cra-Kit-Event: support-ending/m);
    expect(mail!.raw).toContain('2035-12-11');
  });

  it('reports a refused recipient as SUPPORT_NOTIFY_FAILED', async () => {
    const { port } = await smtpServer();
    const notifier = await createSmtpNotifier({ host: '127.0.0.1', port, allowPlaintext: true, from: 'support@acme-sensors.example', resolveRecipient });
    await expect(notifier.notify(event('support-ended', 'owner-2'))).rejects.toBeErrorWithCode(SupportPeriodError, 'SUPPORT_NOTIFY_FAILED');
  });

  it('refuses to send in plain text unless allowed (STARTTLS required by default)', async () => {
    const { port, inbox } = await smtpServer();
    const notifier = await createSmtpNotifier({ host: '127.0.0.1', port, from: 'support@acme-sensors.example', resolveRecipient });
    await expect(notifier.notify(event('support-ended', 'owner-1'))).rejects.toBeErrorWithCode(SupportPeriodError, 'SUPPORT_NOTIFY_FAILED');
    expect(inbox).toEqual([]);
  });

  it('refuses a language without notice texts', async () => {
    await expect(createSmtpNotifier({ host: '127.0.0.1', port: 25, from: 'a@b.example', resolveRecipient, lang: 'xx' })).rejects.toBeErrorWithCode(SupportPeriodError, 'SUPPORT_LANGUAGE_UNSUPPORTED');
  });
}); // prettier-ignore
