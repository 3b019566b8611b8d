import { generateSigningKey } from '@cra-kit/core';
import { fixedClock } from '@cra-kit/testing';
import {
  createCrl,
  issueCertificate,
  toPem,
  type CaSigner,
  type RevocationEntry,
} from '@cra-kit/identity';
import { makeHierarchy } from './helpers.js';

/** A device's PEM credentials. */
export interface DeviceCredentials {
  key: string;
  cert: string;
  chain: string;
  serialNumber: string;
}

async function device(
  ca: CaSigner,
  chain: string,
  serial: string,
  extra: { clock?: ReturnType<typeof fixedClock>; validityDays?: number } = {},
): Promise<DeviceCredentials> {
  const key = await generateSigningKey('ecdsa-p256-sha256');
  const issued = await issueCertificate({
    ca,
    subjectPublicKey: await key.signer.publicKey(),
    request: {
      profile: 'ldevid-mtls',
      serial,
      ...(extra.validityDays ? { validityDays: extra.validityDays } : {}),
    },
    ...(extra.clock ? { clock: extra.clock } : {}),
  });
  return {
    key: toPem(key.privateKeyPkcs8, 'PRIVATE KEY'),
    cert: toPem(issued.certificate, 'CERTIFICATE'),
    chain,
    serialNumber: issued.serialNumber,
  };
}

/**
 * A small PKI for TLS tests: a server certificate for localhost, a good device, a revoked one,
 * an expired one, one from another CA, and the issuing CA's own credentials (a CA as a client).
 */
export async function tlsFixture() {
  const pki = await makeHierarchy();
  const other = await makeHierarchy('ecdsa-p256-sha256', 'Other Corp');
  const chain = pki.issuingPem;
  const serverKey = await generateSigningKey('ecdsa-p256-sha256');
  const server = await issueCertificate({ ca: pki.issuing, subjectPublicKey: await serverKey.signer.publicKey(), request: { profile: 'tls-server', serial: 'broker-1', dnsNames: ['localhost'] } });
  const good = await device(pki.issuing, chain, 'VS-GOOD');
  const revoked = await device(pki.issuing, chain, 'VS-REVOKED');
  const expired = await device(pki.issuing, chain, 'VS-EXPIRED', { clock: fixedClock(new Date(Date.now() - 400 * 86_400_000)), validityDays: 30 });
  const foreign = await device(other.issuing, other.issuingPem, 'VS-FOREIGN');
  const entries: RevocationEntry[] = [{ serialNumber: revoked.serialNumber, reason: 'keyCompromise', revokedAt: new Date().toISOString(), deviceSerial: 'VS-REVOKED' }];
  const issuingCrl = toPem(await createCrl({ ca: pki.issuing, entries, crlNumber: 1 }), 'X509 CRL');
  const rootCrl = toPem(await createCrl({ ca: pki.root, entries: [], crlNumber: 1 }), 'X509 CRL');
  // The issuing CA presenting its own certificate as a client.
  const issuingKey = await generateSigningKey('ecdsa-p256-sha256');
  const { createIssuingCa } = await import('@cra-kit/identity');
  const caCert = await createIssuingCa({ organization: 'Acme Sensors', commonName: 'Acme Sensors Issuing CA 2', signer: issuingKey.signer, root: pki.root });
  const caAsClient: DeviceCredentials = { key: toPem(issuingKey.privateKeyPkcs8, 'PRIVATE KEY'), cert: toPem(caCert, 'CERTIFICATE'), chain: '', serialNumber: '' };
  return {
    rootPem: pki.rootPem,
    issuingPem: pki.issuingPem,
    server: { key: toPem(serverKey.privateKeyPkcs8, 'PRIVATE KEY'), cert: toPem(server.certificate, 'CERTIFICATE') + chain },
    good, revoked, expired, foreign, caAsClient,
    entries, issuingCrl, rootCrl,
  };
} // prettier-ignore
