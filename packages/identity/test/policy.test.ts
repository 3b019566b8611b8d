import { describe, expect, it } from 'vitest';
import { ValidationError } from '@cra-kit/core';
import { fixedClock } from '@cra-kit/testing';
import {
  IdentityError,
  issueCertificate,
  verifyDeviceCertificate,
  type IssueRequestInput,
} from '@cra-kit/identity';
import { HW_TYPE, deviceKey, makeHierarchy } from './helpers.js';

describe('profiles refuse what they do not allow', () => {
  const cases: [string, IssueRequestInput, 'p256' | 'ed25519'][] = [
    ['no expiry on an operational certificate', { profile: 'ldevid-mtls', serial: 'VS-1', noExpiry: true }, 'p256'],
    ['a validity beyond the profile maximum', { profile: 'ldevid-mtls', serial: 'VS-1', validityDays: 398 }, 'p256'],
    ['802.1AR without a hardware module type', { profile: 'idevid-8021ar', serial: 'VS-1' }, 'p256'],
    ['a Matter DAC without vendor and product id', { profile: 'matter-dac', serial: 'VS-1' }, 'p256'],
    ['a Matter DAC on an Ed25519 key', { profile: 'matter-dac', serial: 'VS-1', vendorId: 'FFF1', productId: '8000' }, 'ed25519'],
    ['a server certificate without DNS names', { profile: 'tls-server', serial: 'VS-1' }, 'p256'],
  ];
  for (const [name, request, alg] of cases) {
    it(name, async () => {
      const { issuing } = await makeHierarchy();
      const device = await deviceKey(alg === 'p256' ? 'ecdsa-p256-sha256' : 'ed25519');
      await expect(issueCertificate({ ca: issuing, subjectPublicKey: device.spki, request })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_POLICY_VIOLATION');
    });
  }

  it('bad request fields are validation errors; a non-SPKI key is refused', async () => {
    const { issuing } = await makeHierarchy();
    const device = await deviceKey();
    await expect(issueCertificate({ ca: issuing, subjectPublicKey: device.spki, request: { serial: 'bad serial with spaces' } })).rejects.toBeErrorWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
    await expect(issueCertificate({ ca: issuing, subjectPublicKey: device.spki, request: { serial: 'VS-1', ca: true } as never })).rejects.toBeErrorWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
    await expect(issueCertificate({ ca: issuing, subjectPublicKey: new Uint8Array([1, 2, 3]), request: { serial: 'VS-1' } })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_KEY_UNSUPPORTED');
  });
}); // prettier-ignore

describe('verifyDeviceCertificate fails closed', () => {
  it('another CA, an expired certificate, a CA certificate, garbage', async () => {
    const pki = await makeHierarchy();
    const other = await makeHierarchy('ecdsa-p256-sha256', 'Other Corp');
    const device = await deviceKey();
    const good = await issueCertificate({ ca: pki.issuing, subjectPublicKey: device.spki, request: { profile: 'idevid-8021ar', serial: 'VS-1', hardwareModuleType: HW_TYPE } });
    const trust = { root: pki.root.certificate, issuing: pki.issuing.certificate };
    await expect(verifyDeviceCertificate({ certificate: good.certificate, ...trust })).resolves.toMatchObject({ serial: 'VS-1' });
    const foreign = await issueCertificate({ ca: other.issuing, subjectPublicKey: device.spki, request: { serial: 'VS-1' } });
    await expect(verifyDeviceCertificate({ certificate: foreign.certificate, ...trust })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_CERT_UNTRUSTED');
    // The right names but the wrong key: same subject, issued by an impostor CA with the same name.
    const impostor = await makeHierarchy();
    const forged = await issueCertificate({ ca: impostor.issuing, subjectPublicKey: device.spki, request: { serial: 'VS-1' } });
    await expect(verifyDeviceCertificate({ certificate: forged.certificate, ...trust })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_CERT_UNTRUSTED');
    await expect(verifyDeviceCertificate({ certificate: good.certificate, ...trust, clock: fixedClock(new Date(Date.now() - 86_400_000)) })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_CERT_EXPIRED');
    await expect(verifyDeviceCertificate({ certificate: pki.issuing.certificate, ...trust })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_CERT_NOT_DEVICE');
    const server = await issueCertificate({ ca: pki.issuing, subjectPublicKey: device.spki, request: { profile: 'tls-server', serial: 'VS-2', dnsNames: ['broker.local'] } });
    await expect(verifyDeviceCertificate({ certificate: server.certificate, ...trust })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_CERT_NOT_DEVICE');
    await expect(verifyDeviceCertificate({ certificate: new Uint8Array([0x30, 0x03, 1, 2, 3]), ...trust })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_CERT_MALFORMED');
  });
}); // prettier-ignore
