import { generateSigningKey } from '@cra-kit/core';
import {
  compareSemver,
  fileStorage,
  isDelegatedPath,
  keyIdOfTufKey,
  OtaSigningError,
  parseMetadata,
  publicKeyOfTufKey,
  signMetadata,
  tufKeyOf,
  verifyThreshold,
  type DelegatedRole,
} from '@cra-kit/ota-signing';
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

describe('TUF keys', () => {
  it.each(['ed25519', 'ecdsa-p256-sha256'] as const)(
    'round-trips a %s key through its TUF form and verifies thresholds',
    async (algorithm) => {
      const { signer } = await generateSigningKey(algorithm);
      const { keyid, key } = await tufKeyOf(signer);
      expect(keyIdOfTufKey(key)).toBe(keyid);
      expect(publicKeyOfTufKey(key).spki).toEqual(await signer.publicKey());
      const envelope = await signMetadata({ _type: 'targets', n: 1 }, [signer, signer]);
      expect(envelope.signatures).toHaveLength(1);
      const trust = {
        role: 'targets',
        keys: { [keyid]: key },
        roleKeys: { keyids: [keyid], threshold: 1 },
      };
      expect(await verifyThreshold(trust, envelope.signed, envelope.signatures)).toEqual([keyid]);
      // A duplicated signature does not count twice; a changed document does not verify.
      await expect(
        verifyThreshold(
          { ...trust, roleKeys: { keyids: [keyid], threshold: 2 } },
          envelope.signed,
          [...envelope.signatures, ...envelope.signatures],
        ),
      ).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_SIGNATURE_THRESHOLD');
      await expect(
        verifyThreshold(trust, { _type: 'targets', n: 2 }, envelope.signatures),
      ).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_SIGNATURE_THRESHOLD');
    },
  );

  it('refuses unreadable keys and key types TUF does not define for us', async () => {
    expect(() =>
      publicKeyOfTufKey({ keytype: 'ed25519', scheme: 'ed25519', keyval: { public: 'zz' } }),
    ).toThrowWithCode(OtaSigningError, 'OTA_KEY_INVALID');
    expect(() =>
      publicKeyOfTufKey({ keytype: 'rsa', scheme: 'rsassa-pss-sha256', keyval: { public: 'x' } }),
    ).toThrowWithCode(OtaSigningError, 'OTA_KEY_INVALID');
    expect(() =>
      publicKeyOfTufKey({
        keytype: 'ecdsa',
        scheme: 'ecdsa-sha2-nistp256',
        keyval: { public: 'not pem' },
      }),
    ).toThrowWithCode(OtaSigningError, 'OTA_KEY_INVALID');
    const { signer } = await generateSigningKey('ecdsa-p384-sha384');
    await expect(tufKeyOf(signer)).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_KEY_INVALID');
  });
});

describe('delegation paths', () => {
  const role = (r: Partial<DelegatedRole>): DelegatedRole => ({
    name: 'r',
    keyids: [],
    threshold: 1,
    terminating: false,
    ...r,
  });
  it('matches globs segment by segment and hash-bin prefixes', () => {
    expect(isDelegatedPath(role({ paths: ['vs-200-*'] }), 'vs-200-fw-1.bin')).toBe(true);
    expect(isDelegatedPath(role({ paths: ['vs-200-*'] }), 'vs-300-fw-1.bin')).toBe(false);
    expect(isDelegatedPath(role({ paths: ['*.bin'] }), 'dir/fw.bin')).toBe(false);
    expect(isDelegatedPath(role({ paths: ['dir/*.bin'] }), 'dir/fw.bin')).toBe(true);
    // sha256("fw.bin") starts with 1c…
    const bins = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'];
    expect(
      bins.filter((p) => isDelegatedPath(role({ path_hash_prefixes: [p] }), 'fw.bin')),
    ).toHaveLength(1);
  });
});

describe('compareSemver', () => {
  it('orders versions by SemVer precedence', () => {
    const sorted = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.2.0',
      '1.10.0',
      '2.0.0+build',
    ];
    for (let i = 1; i < sorted.length; i++)
      expect(compareSemver(sorted[i - 1]!, sorted[i]!)).toBeLessThan(0);
    expect(compareSemver('1.0.0+a', '1.0.0+b')).toBe(0);
  });
});

describe('fileStorage', () => {
  it('writes atomically, compares and sets, and refuses keys that are not file names', async () => {
    const dir = await tempDir('state-');
    const storage = await fileStorage(dir);
    const v1 = await storage.put('root.json', new Uint8Array([1]));
    await expect(
      storage.put('root.json', new Uint8Array([2]), { ifMatch: 'stale' }),
    ).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_REPOSITORY_INVALID');
    await storage.put('root.json', new Uint8Array([2]), { ifMatch: v1 });
    expect((await storage.get('root.json'))?.value).toEqual(new Uint8Array([2]));
    expect(await readdir(dir)).toEqual(['root.json']);
    await expect(storage.put('../escape', new Uint8Array([1]))).rejects.toBeErrorWithCode(
      OtaSigningError,
      'OTA_REPOSITORY_INVALID',
    );
    await storage.delete('root.json');
    await storage.delete('root.json');
    expect(await storage.get('root.json')).toBeUndefined();
  });
});

describe('metadata parsing', () => {
  it('refuses a delegated role named like a top-level role (it would shadow its trust)', () => {
    const targets = (name: string) =>
      new TextEncoder().encode(
        JSON.stringify({
          signatures: [],
          signed: {
            _type: 'targets',
            spec_version: '1.0.31',
            version: 1,
            expires: '2030-01-01T00:00:00Z',
            targets: {},
            delegations: {
              keys: {},
              roles: [{ name, keyids: [], threshold: 1, terminating: true, paths: ['*'] }],
            },
          },
        }),
      );
    expect(parseMetadata(targets('vs-200'), 'targets').signed.delegations?.roles[0]?.name).toBe(
      'vs-200',
    );
    expect(() => parseMetadata(targets('root'), 'targets')).toThrowWithCode(
      OtaSigningError,
      'OTA_METADATA_INVALID',
    );
    expect(() => parseMetadata(targets('../x'), 'targets')).toThrowWithCode(
      OtaSigningError,
      'OTA_METADATA_INVALID',
    );
    expect(() => parseMetadata(new TextEncoder().encode('{"signed":'), 'targets')).toThrowWithCode(
      OtaSigningError,
      'OTA_METADATA_INVALID',
    );
  });
});
