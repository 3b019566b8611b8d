import { HTTP_PATHS } from '@cra-kit-examples/device-protocol';
import type { ProductProfile } from '@cra-kit/core';
import { toSecurityTxt, type SecurityTxtFields } from '@cra-kit/vuln-intake';
import type { FastifyInstance } from 'fastify';
import type { CloudContext } from '../context.js';

/** What an operator may set beyond what the product profile says. */
export interface SecurityTxtOptions {
  /** Days until `Expires` (RFC 9116 recommends less than a year). */
  readonly expiresDays: number;
  readonly preferredLanguages?: readonly string[];
  readonly acknowledgments?: readonly string[];
}

/**
 * The fields from the product profile (Annex II(2): the single point of contact and where the
 * CVD policy is), plus this cloud's own intake form, Canonical and CSAF URLs.
 */
export function securityTxtFields(
  profile: ProductProfile,
  ctx: Pick<CloudContext, 'publicUrl'>,
  now: Date,
  options: SecurityTxtOptions,
): SecurityTxtFields {
  const contact = profile.manufacturer.securityContact;
  return {
    contact: [`${ctx.publicUrl}${HTTP_PATHS.vulnReports}`, ...(contact.email === undefined ? [] : [`mailto:${contact.email}`]), ...(contact.url === undefined ? [] : [contact.url])],
    expires: new Date(now.getTime() + options.expiresDays * 86_400_000).toISOString(),
    ...(contact.encryptionKeyUrl === undefined ? {} : { encryption: [contact.encryptionKeyUrl] }),
    policy: [profile.manufacturer.cvdPolicyUrl],
    ...(options.preferredLanguages === undefined ? {} : { preferredLanguages: options.preferredLanguages }),
    ...(options.acknowledgments === undefined ? {} : { acknowledgments: options.acknowledgments }),
    canonical: [`${ctx.publicUrl}${HTTP_PATHS.securityTxt}`],
    csaf: [`${ctx.publicUrl}${HTTP_PATHS.csafProviderMetadata}`],
  }; // prettier-ignore
}

/** `GET /.well-known/security.txt` (RFC 9116), rebuilt per request so `Expires` stays fresh. */
export function serveSecurityTxt(
  app: FastifyInstance,
  ctx: CloudContext,
  options: SecurityTxtOptions,
): void {
  app.get(HTTP_PATHS.securityTxt, async (_request, reply) => {
    await Promise.resolve();
    const now = ctx.clock.now();
    return reply.header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(toSecurityTxt(securityTxtFields(ctx.profile, ctx, now, options), now));
  }); // prettier-ignore
}
