import { SupportPeriodError } from '../errors.js';
import type { Notifier, SupportEvent } from './event.js';
import { NOTICE_TEXTS, type NoticeTexts } from './notice-text.js';

/** Options of {@link createSmtpNotifier}. */
export interface SmtpNotifierOptions {
  readonly host: string;
  readonly port: number;
  /** Implicit TLS (port 465). Otherwise STARTTLS is required unless `allowPlaintext`. */
  readonly secure?: boolean;
  /** Allow an unencrypted connection (only for a loopback relay). Default false. */
  readonly allowPlaintext?: boolean;
  readonly auth?: { readonly user: string; readonly pass: string };
  readonly from: string;
  /** Maps an owner contact id to an e-mail address; undefined skips the notice (no address). */
  readonly resolveRecipient: (ownerContactId: string) => Promise<string | undefined>;
  /** Language of the notices; default `en`. */
  readonly lang?: string;
  readonly texts?: Readonly<Record<string, NoticeTexts>>;
}

interface Transport {
  sendMail(message: Record<string, unknown>): Promise<unknown>;
}
interface NodemailerModule {
  createTransport(options: Record<string, unknown>): Transport;
}

/**
 * A notifier that e-mails each notice through an SMTP relay, using the optional peer dependency
 * `nodemailer` (install it). The Message-ID is derived from the idempotency key, so mail systems
 * that deduplicate by Message-ID show a re-sent notice once. Notices without an owner contact,
 * or whose contact has no address, are skipped.
 *
 * @throws {SupportPeriodError} SUPPORT_DEPENDENCY_MISSING when nodemailer is not installed
 * @throws {SupportPeriodError} SUPPORT_NOTIFY_FAILED when the relay refuses a message (from `notify`)
 * @example
 * ```ts
 * const notifier = await createSmtpNotifier({ host: 'smtp.example', port: 587, from: 'support@example.com', resolveRecipient });
 * ```
 */
export async function createSmtpNotifier(options: SmtpNotifierOptions): Promise<Notifier> {
  const lang = options.lang ?? 'en';
  const texts = { ...NOTICE_TEXTS, ...options.texts }[lang];
  if (texts === undefined) {
    throw new SupportPeriodError('SUPPORT_LANGUAGE_UNSUPPORTED', `no notice texts for language ${JSON.stringify(lang.slice(0, 20))}`);
  }
  let nodemailer: NodemailerModule;
  try {
    nodemailer = await import('nodemailer');
  } catch (error) {
    throw new SupportPeriodError('SUPPORT_DEPENDENCY_MISSING', 'the SMTP notifier needs nodemailer: npm install nodemailer', { cause: error });
  }
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure ?? false,
    requireTLS: options.secure !== true && options.allowPlaintext !== true,
    ignoreTLS: options.allowPlaintext === true,
    ...(options.auth === undefined ? {} : { auth: { user: options.auth.user, pass: options.auth.pass } }),
  });
  return {
    async notify(event: SupportEvent): Promise<void> {
      if (event.ownerContactId === undefined) return;
      const to = await options.resolveRecipient(event.ownerContactId);
      if (to === undefined) return;
      const { subject, text } = texts[event.kind](event);
      try {
        await transport.sendMail({
          from: options.from, to, subject, text,
          messageId: `<${event.idempotencyKey}@cra-kit.support>`,
          headers: { 'X-Cra-Kit-Idempotency-Key': event.idempotencyKey, 'X-Cra-Kit-Event': event.kind },
        });
      } catch (error) {
        throw new SupportPeriodError('SUPPORT_NOTIFY_FAILED', 'the SMTP relay did not accept the notice', {
          cause: error, details: { idempotencyKey: event.idempotencyKey },
        });
      }
    },
  };
} // prettier-ignore
