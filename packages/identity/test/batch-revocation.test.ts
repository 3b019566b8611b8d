import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCrl, deviceIdentityOf, issueCertificate, toPem } from '@cra-kit/identity';
import { deviceKey, makeHierarchy, openssl, pemFiles, tempDir } from './helpers.js';

describe('revoking a production batch', () => {
  it('a root CRL that revokes the batch issuing CA makes openssl -crl_check_all refuse its devices', async () => {
    const pki = await makeHierarchy();
    const device = await deviceKey();
    const issued = await issueCertificate({
      ca: pki.issuing,
      subjectPublicKey: device.spki,
      request: { serial: 'VS-B1' },
    });
    const issuingSerial = deviceIdentityOfCa(pki.issuing.certificate);
    const leafCrl = toPem(
      await createCrl({ ca: pki.issuing, entries: [], crlNumber: 1 }),
      'X509 CRL',
    );
    const cleanRoot = toPem(
      await createCrl({ ca: pki.root, entries: [], crlNumber: 1 }),
      'X509 CRL',
    );
    const revokingRoot = toPem(
      await createCrl({
        ca: pki.root,
        entries: [
          {
            serialNumber: issuingSerial,
            reason: 'cACompromise',
            revokedAt: new Date().toISOString(),
          },
        ],
        crlNumber: 2,
      }),
      'X509 CRL',
    );
    const f = await pemFiles(await tempDir(), {
      'root.pem': pki.rootPem,
      'issuing.pem': pki.issuingPem,
      'cert.pem': toPem(issued.certificate, 'CERTIFICATE'),
      'ok.pem': leafCrl + cleanRoot,
      'revoked.pem': leafCrl + revokingRoot,
    });
    const args = (crl: string) => [
      'verify',
      '-x509_strict',
      '-crl_check_all',
      '-CAfile',
      f['root.pem']!,
      '-untrusted',
      f['issuing.pem']!,
      '-CRLfile',
      crl,
      f['cert.pem']!,
    ];
    expect((await openssl(args(f['ok.pem']!))).ok).toBe(true);
    const refused = await openssl(args(f['revoked.pem']!));
    expect(refused.ok).toBe(false);
    expect(refused.out).toContain('certificate revoked');
  });
});

/** The serial (hex) of a CA certificate, read the way openssl prints it. */
function deviceIdentityOfCa(der: Uint8Array): string {
  // deviceIdentityOf refuses CA certificates by design; read the serial through Node instead.
  expect(() => deviceIdentityOf(der)).toThrow();
  return new X509Certificate(der).serialNumber.toLowerCase();
} // prettier-ignore
