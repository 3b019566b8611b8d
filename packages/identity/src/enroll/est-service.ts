import type { Clock } from '@cra-kit/core';
import { defaultIdentityConfig } from '../config.js';
import type { CaSigner, IssuedCertificate } from '../cert/issue.js';
import { issueFromCsr } from '../cert/issue-from-csr.js';
import { parseCertificate } from '../cert/device-identity.js';
import { verifyDeviceCertificate } from '../cert/verify-chain.js';
import type { RevocationList } from '../crl/revocation.js';
import { IdentityError } from '../errors.js';
import type { BootstrapTokens } from './bootstrap-tokens.js';
import { certsOnlyPkcs7 } from './pkcs7-certs.js';

/** RFC 7030 §4.2.3: the media type of a simpleenroll/simplereenroll response. */
export const EST_CERTS_ONLY = 'application/pkcs7-mime; smime-type=certs-only';

/** An EST response: base64 body as RFC 7030 sends it, plus what was issued. */
export interface EstResponse {
  readonly contentType: typeof EST_CERTS_ONLY;
  /** Base64 of the certs-only PKCS#7 (Content-Transfer-Encoding: base64). */
  readonly body: string;
  readonly issued: IssuedCertificate;
}

/** RFC 7030 request bodies are base64 DER PKCS#10; we also accept PEM. */
function csrOf(body: string | Uint8Array): string | Uint8Array {
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  if (text.length > defaultIdentityConfig.maxCsrBytes * 2) throw new IdentityError('IDENTITY_CSR_MALFORMED', 'request body too large');
  if (text.includes('-----BEGIN')) return text;
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw new IdentityError('IDENTITY_CSR_MALFORMED', 'body is not base64');
  return new Uint8Array(Buffer.from(compact, 'base64'));
} // prettier-ignore

/**
 * The server side of EST-style enrollment (RFC 7030 `/simpleenroll` and `/simplereenroll`
 * shapes), independent of any HTTP framework: wire the two functions to your routes.
 * Operational certificates use the `ldevid-mtls` profile.
 */
export function createEstService(options: {
  ca: CaSigner;
  root: Uint8Array;
  tokens: BootstrapTokens;
  revocations?: () => Promise<RevocationList>;
  validityDays?: number;
  product?: string;
  clock?: Clock;
}) {
  const request = (serial: string) => ({
    profile: 'ldevid-mtls' as const,
    serial,
    ...(options.validityDays ? { validityDays: options.validityDays } : {}),
    ...(options.product ? { product: options.product } : {}),
  });
  const respond = (issued: IssuedCertificate): EstResponse => ({
    contentType: EST_CERTS_ONLY,
    body: Buffer.from(certsOnlyPkcs7([issued.certificate])).toString('base64'),
    issued,
  });
  const clock = options.clock ? { clock: options.clock } : {};
  return {
    /**
     * First enrollment: a one-time bootstrap token (e.g. HTTP `Authorization: Bearer`) and a CSR.
     * @throws {IdentityError} IDENTITY_RATE_LIMITED, IDENTITY_ENROLLMENT_DENIED, and every CSR error
     */
    async simpleEnroll(input: {
      body: string | Uint8Array;
      token: string;
      clientId: string;
    }): Promise<EstResponse> {
      const csr = csrOf(input.body);
      const serial = await options.tokens.redeem(input.token, input.clientId);
      return respond(
        await issueFromCsr({ ca: options.ca, csr, request: request(serial), ...clock }),
      );
    },
    /**
     * Renewal: the device authenticates with its current certificate (the TLS peer certificate,
     * DER) and sends a CSR for the same subject, typically a new key.
     * @throws {IdentityError} IDENTITY_CERT_UNTRUSTED/EXPIRED/REVOKED, and every CSR error
     */
    async simpleReenroll(input: {
      body: string | Uint8Array;
      peerCertificate: Uint8Array;
    }): Promise<EstResponse> {
      if (input.peerCertificate.length === 0)
        throw new IdentityError('IDENTITY_CERT_UNTRUSTED', 'no client certificate');
      const csr = csrOf(input.body);
      const identity = await verifyDeviceCertificate({
        certificate: input.peerCertificate,
        root: options.root,
        issuing: options.ca.certificate,
        ...(options.revocations ? { revocations: await options.revocations() } : {}),
        ...clock,
      });
      return respond(
        await issueFromCsr({ ca: options.ca, csr, request: request(identity.serial), ...clock }),
      );
    },
  };
}

/**
 * When a device should renew: once `fraction` (default 2/3) of its certificate's lifetime has
 * passed, leaving a third of it to retry in.
 * @throws {IdentityError} IDENTITY_CERT_MALFORMED
 */
export function renewalTime(
  certificate: Uint8Array,
  fraction = defaultIdentityConfig.renewAfterFraction,
): Date {
  const { notBefore, notAfter } = parseCertificate(certificate).tbsCertificate.validity;
  const start = notBefore.getTime().getTime();
  return new Date(start + (notAfter.getTime().getTime() - start) * fraction);
}
