import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSigningKey, keyIdOf, type SignatureAlgorithm } from '@cra-kit/core';
import { IdentityError, createBulkIssuer, createNodeKeySigner } from '@cra-kit/identity';
import { makeHierarchy } from './helpers.js';

const HASH: Record<SignatureAlgorithm, string | null> = {
  'ecdsa-p256-sha256': 'sha256',
  'ecdsa-p384-sha384': 'sha384',
  ed25519: null,
};

describe('createNodeKeySigner', () => {
  for (const algorithm of Object.keys(HASH) as SignatureAlgorithm[]) {
    it(`signs like core's signer and reports the same key id (${algorithm})`, async () => {
      const key = await generateSigningKey(algorithm);
      const signer = await createNodeKeySigner({ algorithm, privateKeyPkcs8: key.privateKeyPkcs8 });
      const spki = await signer.publicKey();
      expect(Buffer.compare(spki, await key.signer.publicKey())).toBe(0);
      expect(signer.keyId).toBe(await keyIdOf(spki));
      const data = new TextEncoder().encode('tbs bytes');
      const signature = await signer.sign(data);
      const publicKey = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
      expect(verify(HASH[algorithm], data, publicKey, signature)).toBe(true);
    });
  }

  it('refuses garbage and a key of another algorithm with IDENTITY_INPUT_INVALID', async () => {
    await expect(createNodeKeySigner({ algorithm: 'ed25519', privateKeyPkcs8: new Uint8Array([1, 2, 3]) })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_INPUT_INVALID');
    const p384 = await generateSigningKey('ecdsa-p384-sha384');
    await expect(createNodeKeySigner({ algorithm: 'ecdsa-p256-sha256', privateKeyPkcs8: p384.privateKeyPkcs8 })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_INPUT_INVALID');
    const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey.export({ format: 'der', type: 'pkcs8' });
    await expect(createNodeKeySigner({ algorithm: 'ecdsa-p256-sha256', privateKeyPkcs8: k1 })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_INPUT_INVALID');
  });
}); // prettier-ignore

describe('createBulkIssuer.issueCertificate', () => {
  it('refuses what the generic path refuses: RSA and other curves, and requests the profile forbids', async () => {
    const { issuing } = await makeHierarchy();
    const issuer = createBulkIssuer({ ca: issuing });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'der', type: 'spki' });
    await expect(issuer.issueCertificate(rsa, { serial: 'VS-1' })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_KEY_UNSUPPORTED');
    const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey.export({ format: 'der', type: 'spki' });
    await expect(issuer.issueCertificate(k1, { serial: 'VS-1' })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_KEY_UNSUPPORTED');
    await expect(issuer.issueCertificate(new Uint8Array([0x30, 0x00]), { serial: 'VS-1' })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_KEY_UNSUPPORTED');
    const ed = await (await generateSigningKey('ed25519')).signer.publicKey();
    await expect(issuer.issueCertificate(ed, { profile: 'matter-dac', serial: 'VS-1', vendorId: 'FFF1', productId: '8000' })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_POLICY_VIOLATION');
    await expect(issuer.issueCertificate(ed, { profile: 'tls-server', serial: 'VS-1' })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_POLICY_VIOLATION');
    await expect(issuer.issueCertificate(ed, { profile: 'ldevid-mtls', serial: 'VS-1', validityDays: 398 })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_POLICY_VIOLATION');
    const ok = await issuer.issueCertificate(ed, { profile: 'ldevid-mtls', serial: 'VS-1' });
    expect(ok.deviceSerial).toBe('VS-1');
  });
}); // prettier-ignore
