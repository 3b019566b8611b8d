import { X509Certificate } from 'node:crypto';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { issueCertificate, toPem, type CertificateProfileId } from '@cra-kit/identity';
import type { SignatureAlgorithm } from '@cra-kit/core';
import { HW_TYPE, deviceKey, makeHierarchy, openssl, pemFiles, tempDir } from './helpers.js';

const ALGORITHMS: SignatureAlgorithm[] = ['ecdsa-p256-sha256', 'ecdsa-p384-sha384', 'ed25519'];

describe('issueCertificate', () => {
  for (const algorithm of ALGORITHMS) {
    it(`issues an 802.1AR IDevID that passes openssl verify -x509_strict (${algorithm})`, async () => {
      const { issuing, rootPem, issuingPem } = await makeHierarchy(algorithm);
      const device = await deviceKey(algorithm);
      const issued = await issueCertificate({
        ca: issuing,
        subjectPublicKey: device.spki,
        request: { profile: 'idevid-8021ar', serial: 'VS-0001', hardwareModuleType: HW_TYPE },
      });
      const dir = await tempDir();
      const f = await pemFiles(dir, { 'root.pem': rootPem, 'issuing.pem': issuingPem, 'cert.pem': toPem(issued.certificate, 'CERTIFICATE') });
      const verify = await openssl(['verify', '-x509_strict', '-purpose', 'sslclient', '-CAfile', f['root.pem']!, '-untrusted', f['issuing.pem']!, f['cert.pem']!]);
      expect(verify.out).toContain(': OK');
      expect(verify.ok).toBe(true);
      const text = await openssl(['x509', '-in', f['cert.pem']!, '-noout', '-text']);
      expect(text.out).toMatch(/serialNumber ?= ?VS-0001/);
      expect(text.out).toContain('Not After : Dec 31 23:59:59 9999 GMT');
      expect(text.out).toMatch(/X509v3 Key Usage: critical\s+Digital Signature/);
      expect(text.out).toContain('TLS Web Client Authentication');
      expect(text.out).toMatch(/Hardware Module Name|1\.3\.6\.1\.5\.5\.7\.8\.4/);
      // pkijs 4.0.0 has no Ed25519 (no 1.3.101.112 in its source): it validates the ECDSA chains.
      if (algorithm !== 'ed25519') {
        const engine = new pkijs.CertificateChainValidationEngine({
          trustedCerts: [pkijs.Certificate.fromBER(new X509Certificate(rootPem).raw)],
          certs: [pkijs.Certificate.fromBER(new X509Certificate(issuingPem).raw), pkijs.Certificate.fromBER(issued.certificate)],
        });
        const chain = await engine.verify();
        expect(chain.result, chain.resultMessage).toBe(true);
      }
      const node = new X509Certificate(issued.certificate);
      expect(node.ca).toBe(false);
      expect(node.checkIssued(new X509Certificate(issuingPem))).toBe(true);
      expect(node.serialNumber.toLowerCase()).toBe(issued.serialNumber);
    });
  }

  const profiles: { profile: CertificateProfileId; extra: Record<string, unknown> }[] = [
    { profile: 'ldevid-mtls', extra: { validityDays: 30 } },
    { profile: 'matter-dac', extra: { vendorId: 'FFF1', productId: '8000' } },
    { profile: 'tls-server', extra: { dnsNames: ['localhost'] } },
  ];
  for (const { profile, extra } of profiles) {
    it(`issues a ${profile} certificate that passes openssl verify -x509_strict`, async () => {
      const { issuing, rootPem, issuingPem } = await makeHierarchy();
      const device = await deviceKey();
      const issued = await issueCertificate({ ca: issuing, subjectPublicKey: device.spki, request: { profile, serial: 'VS-0002', ...extra } });
      const dir = await tempDir();
      const f = await pemFiles(dir, { 'root.pem': rootPem, 'issuing.pem': issuingPem, 'cert.pem': toPem(issued.certificate, 'CERTIFICATE') });
      const verify = await openssl(['verify', '-x509_strict', '-CAfile', f['root.pem']!, '-untrusted', f['issuing.pem']!, f['cert.pem']!]);
      expect(verify.ok).toBe(true);
    });
  }
}); // prettier-ignore
