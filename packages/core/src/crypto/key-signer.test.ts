import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors/core-error.js';
import type { SignatureAlgorithm } from '../interfaces/signer.js';
import {
  assertValidSignature,
  createKeySigner,
  generateSigningKey,
  keyIdOf,
} from './key-signer.js';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const text = (s: string) => new TextEncoder().encode(s);
const ALGORITHMS: SignatureAlgorithm[] = ['ecdsa-p256-sha256', 'ecdsa-p384-sha384', 'ed25519'];
const NODE_HASH = { 'ecdsa-p256-sha256': 'sha256', 'ecdsa-p384-sha384': 'sha384', ed25519: null };

describe('RFC 8032 Ed25519 test vector 1', () => {
  // Section 7.1, TEST 1: the empty message.
  const secret = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
  const expected =
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';

  it('signs to the published signature and derives the published public key', async () => {
    const pkcs8 = hex(`302e020100300506032b657004220420${secret}`);
    const signer = await createKeySigner({ algorithm: 'ed25519', privateKeyPkcs8: pkcs8 });
    expect(Buffer.from(await signer.sign(new Uint8Array())).toString('hex')).toBe(expected);
    const spki = await signer.publicKey();
    expect(Buffer.from(spki.subarray(-32)).toString('hex')).toBe(
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    );
    expect(signer.keyId).toBe(await keyIdOf(spki));
  });
});

describe.each(ALGORITHMS)('%s', (algorithm) => {
  it('signs what OpenSSL (node:crypto) verifies, and verifies itself', async () => {
    const { signer, privateKeyPkcs8 } = await generateSigningKey(algorithm);
    const data = text('firmware 1.4.2');
    const signature = await signer.sign(data);
    const publicKey = createPublicKey({
      key: Buffer.from(await signer.publicKey()),
      format: 'der',
      type: 'spki',
    });
    expect(
      nodeVerify(NODE_HASH[algorithm], data, { key: publicKey, dsaEncoding: 'der' }, signature),
    ).toBe(true);
    await assertValidSignature({ algorithm, publicKey: await signer.publicKey(), data, signature });
    // The stored private key gives the same public key and key id back.
    const again = await createKeySigner({ algorithm, privateKeyPkcs8 });
    expect(again.keyId).toBe(signer.keyId);
    expect(signer.specificationVersion).toBe('v1');
  });

  it('refuses a signature over other data, and one made by another key', async () => {
    const { signer } = await generateSigningKey(algorithm);
    const other = await generateSigningKey(algorithm);
    const data = text('image');
    const signature = await signer.sign(data);
    const publicKey = await signer.publicKey();
    await expect(assertValidSignature({ algorithm, publicKey, data: text('imagf'), signature })).rejects.toBeErrorWithCode(CoreError, 'CORE_SIGNATURE_INVALID');
    await expect(assertValidSignature({ algorithm, publicKey, data, signature: await other.signer.sign(data) })).rejects.toBeErrorWithCode(CoreError, 'CORE_SIGNATURE_INVALID');
  }); // prettier-ignore

  it('hands out copies of the public key', async () => {
    const { signer } = await generateSigningKey(algorithm);
    const first = await signer.publicKey();
    first.fill(0);
    expect((await signer.publicKey()).some((b) => b !== 0)).toBe(true);
  });
});

describe('bad keys', () => {
  it('refuses bytes that are not a PKCS#8 key of the algorithm', async () => {
    const { privateKeyPkcs8 } = await generateSigningKey('ed25519');
    await expect(createKeySigner({ algorithm: 'ecdsa-p256-sha256', privateKeyPkcs8 })).rejects.toBeErrorWithCode(CoreError, 'CORE_KEY_INVALID');
    await expect(createKeySigner({ algorithm: 'ed25519', privateKeyPkcs8: new Uint8Array([1, 2, 3]) })).rejects.toBeErrorWithCode(CoreError, 'CORE_KEY_INVALID');
  }); // prettier-ignore

  it('refuses a public key of another algorithm', async () => {
    const { signer } = await generateSigningKey('ed25519');
    const publicKey = await signer.publicKey();
    await expect(assertValidSignature({ algorithm: 'ecdsa-p256-sha256', publicKey, data: new Uint8Array(), signature: new Uint8Array(8) })).rejects.toBeErrorWithCode(CoreError, 'CORE_KEY_INVALID');
  }); // prettier-ignore

  it('refuses an unknown algorithm with a TypeError', async () => {
    await expect(generateSigningKey('rsa-1024' as SignatureAlgorithm)).rejects.toThrow(TypeError);
  });
});
