import type { TLSSocket, TlsOptions } from 'node:tls';
import { deviceIdentityOf, type DeviceIdentity } from '../cert/device-identity.js';
import type { RevocationList } from '../crl/revocation.js';
import { IdentityError } from '../errors.js';

/** TLS 1.2 suites we allow: ECDHE with AEAD only (TLS 1.3 suites are OpenSSL's defaults, all AEAD). */
export const TLS12_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

/**
 * Server options for `tls.createServer` / `https.createServer` that require a client certificate
 * from our CA: TLS 1.2 minimum, AEAD suites, `requestCert` + `rejectUnauthorized`, and the CRLs
 * (issuing and root, PEM) applied by OpenSSL during the handshake.
 * @example
 * ```ts
 * const server = tls.createServer(mtlsServerOptions({ key, cert, ca: rootPem, crl: [issuingCrl, rootCrl] }), onSocket);
 * ```
 */
export function mtlsServerOptions(options: {
  /** Server key and certificate chain (PEM). */
  key: string | Uint8Array;
  cert: string;
  /** The trust anchor(s): our root CA (PEM). */
  ca: string;
  /** CRLs in PEM; with a CRL, OpenSSL checks every certificate of the chain. */
  crl?: string | readonly string[];
}): TlsOptions {
  return {
    key: typeof options.key === 'string' ? options.key : Buffer.from(options.key),
    cert: options.cert,
    ca: options.ca,
    ...(options.crl === undefined
      ? {}
      : { crl: typeof options.crl === 'string' ? options.crl : [...options.crl] }),
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
    ciphers: TLS12_CIPHERS,
    honorCipherOrder: true,
  };
}

/** What {@link mtlsClientOptions} returns: spreads into `tls.connect`, `https.request` or `mqtt.connect`. */
export interface MtlsClientOptions {
  readonly key: string;
  /** The device certificate followed by its chain. */
  readonly cert: string;
  readonly ca: string;
  readonly ciphers: string;
  readonly minVersion: 'TLSv1.2';
  readonly rejectUnauthorized: true;
  readonly servername?: string;
}

/** Client options for a device agent: its key and certificate chain, our root, TLS 1.2 minimum. */
export function mtlsClientOptions(options: {
  key: string;
  cert: string;
  chain?: string;
  ca: string;
  servername?: string;
}): MtlsClientOptions {
  return {
    key: options.key,
    cert: options.chain === undefined ? options.cert : options.cert + options.chain,
    ca: options.ca,
    ciphers: TLS12_CIPHERS,
    minVersion: 'TLSv1.2',
    rejectUnauthorized: true,
    ...(options.servername === undefined ? {} : { servername: options.servername }),
  };
}

/**
 * After the handshake: maps the verified peer certificate to the device identity and applies the
 * revocation list (the deny list can be fresher than the CRL). Call it on every connection and
 * destroy the socket when it throws.
 *
 * @throws {IdentityError} IDENTITY_CERT_UNTRUSTED (handshake did not verify a client
 *   certificate), IDENTITY_CERT_NOT_DEVICE, IDENTITY_CERT_REVOKED
 */
export function authenticateTlsPeer(
  socket: TLSSocket,
  revocations?: RevocationList,
): DeviceIdentity {
  // Without a client certificate Node returns an empty object, so `raw` may be missing.
  const raw = (socket.getPeerCertificate() as { raw?: Uint8Array }).raw;
  if (!socket.authorized || raw === undefined) {
    throw new IdentityError('IDENTITY_CERT_UNTRUSTED', 'no verified client certificate', {
      details: { reason: String(socket.authorizationError) },
    });
  }
  const identity = deviceIdentityOf(new Uint8Array(raw));
  revocations?.assertNotRevoked(identity.certificateSerial);
  return identity;
}
