import { describe, expect, it } from 'vitest';
import { ValidationError, createKeySigner } from '@cra-kit/core';
import {
  IdentityError,
  createFactoryBundle,
  decryptPrivateKey,
  deviceIdentityOf,
  encryptPrivateKey,
  openFactoryBundle,
} from '@cra-kit/identity';
import { deviceKey, makeHierarchy } from './helpers.js';

const FAST = { N: 2 ** 14, r: 8, p: 1 };

describe('the factory flow', () => {
  it('delivers key and certificate once, the key encrypted; the device opens it and the key matches', async () => {
    const { issuing, issuingPem, rootPem } = await makeHierarchy();
    const { bundle, issued } = await createFactoryBundle({ ca: issuing, chainPem: issuingPem + rootPem, request: { serial: 'VS-0500' }, transportPassphrase: 'per-device transport secret', scrypt: FAST });
    expect(JSON.stringify(bundle)).not.toContain('PRIVATE KEY');
    const opened = await openFactoryBundle(JSON.parse(JSON.stringify(bundle)), 'per-device transport secret');
    const signer = await createKeySigner({ algorithm: 'ecdsa-p256-sha256', privateKeyPkcs8: opened.privateKeyPkcs8 });
    const { X509Certificate } = await import('node:crypto');
    const spki = new X509Certificate(opened.certificatePem).publicKey.export({ type: 'spki', format: 'der' });
    expect(Buffer.from(await signer.publicKey()).equals(spki)).toBe(true);
    expect(deviceIdentityOf(issued.certificate).serial).toBe('VS-0500');
    await expect(openFactoryBundle(bundle, 'wrong transport secret')).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_KEY_DECRYPTION_FAILED');
    await expect(openFactoryBundle({ ...bundle, deviceSerial: 42 }, 'per-device transport secret')).rejects.toBeErrorWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
  });
}); // prettier-ignore

describe('keys at rest', () => {
  it('default cost is scrypt N=2^17; a changed header or ciphertext fails to decrypt', async () => {
    const key = await deviceKey();
    const file = await encryptPrivateKey({ privateKeyPkcs8: key.privateKeyPkcs8, algorithm: 'ecdsa-p256-sha256', keyId: key.signer.keyId, passphrase: 'twelve chars or more' });
    expect(file.kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    expect(Buffer.from(await decryptPrivateKey(file, 'twelve chars or more')).equals(Buffer.from(key.privateKeyPkcs8))).toBe(true);
    await expect(decryptPrivateKey({ ...file, algorithm: 'ed25519' }, 'twelve chars or more')).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_KEY_DECRYPTION_FAILED');
    const flipped = Buffer.from(file.ciphertext, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    await expect(decryptPrivateKey({ ...file, ciphertext: flipped.toString('base64') }, 'twelve chars or more')).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_KEY_DECRYPTION_FAILED');
    await expect(encryptPrivateKey({ privateKeyPkcs8: key.privateKeyPkcs8, algorithm: 'ecdsa-p256-sha256', keyId: key.signer.keyId, passphrase: 'short' })).rejects.toThrow(RangeError);
  });
}); // prettier-ignore
