import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdentityError, createCsr, issueFromCsr, toPem, verifyCsr } from '@cra-kit/identity';
import { SdkError } from '@cra-kit/core';
import { HW_TYPE, deviceKey, makeHierarchy, openssl, pemFiles, tempDir } from './helpers.js';

async function opensslCsr(
  keyArgs: string[],
  extra: string[] = [],
  subject = '/CN=VS-0100/serialNumber=VS-0100',
) {
  const dir = await tempDir();
  const key = join(dir, 'key.pem');
  const csr = join(dir, 'csr.pem');
  const gen = await openssl([...keyArgs, '-out', key]);
  expect(gen.ok, gen.out).toBe(true);
  const req = await openssl(['req', '-new', '-key', key, '-subj', subject, '-out', csr, ...extra]);
  expect(req.ok, req.out).toBe(true);
  return readFile(csr, 'utf8');
}

describe('the CSR flow', () => {
  it('issues from an OpenSSL-made P-256 CSR and the result verifies', async () => {
    const { issuing, rootPem, issuingPem } = await makeHierarchy();
    const csr = await opensslCsr(['ecparam', '-name', 'prime256v1', '-genkey', '-noout']);
    const issued = await issueFromCsr({ ca: issuing, csr, request: { profile: 'idevid-8021ar', serial: 'VS-0100', hardwareModuleType: HW_TYPE } });
    const f = await pemFiles(await tempDir(), { 'root.pem': rootPem, 'issuing.pem': issuingPem, 'cert.pem': toPem(issued.certificate, 'CERTIFICATE') });
    expect((await openssl(['verify', '-x509_strict', '-CAfile', f['root.pem']!, '-untrusted', f['issuing.pem']!, f['cert.pem']!])).ok).toBe(true);
  });

  it('issues from our own CSR (Ed25519)', async () => {
    const { issuing } = await makeHierarchy();
    const device = await deviceKey('ed25519');
    const csr = await createCsr({ signer: device.signer, serial: 'VS-0101' });
    const verified = await verifyCsr(csr);
    expect(verified.keyAlgorithm).toBe('ed25519');
    const issued = await issueFromCsr({ ca: issuing, csr, request: { serial: 'VS-0101' } });
    expect(issued.deviceSerial).toBe('VS-0101');
  });

  it('refuses a CSR whose subject names another device', async () => {
    const { issuing } = await makeHierarchy();
    const device = await deviceKey();
    const csr = await createCsr({ signer: device.signer, serial: 'VS-0102' });
    await expect(issueFromCsr({ ca: issuing, csr, request: { serial: 'VS-9999' } })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_POLICY_VIOLATION');
  });
}); // prettier-ignore

describe('bad CSRs end in typed errors', () => {
  const issue = async (csr: string | Uint8Array) => {
    const { issuing } = await makeHierarchy();
    return issueFromCsr({ ca: issuing, csr, request: { serial: 'VS-0100' } });
  };

  it('wrong signature', async () => {
    const device = await deviceKey();
    const csr = await createCsr({ signer: device.signer, serial: 'VS-0100' });
    const other = await deviceKey();
    // Same request info, signed by a different key: no proof of possession.
    const forged = await createCsr({ signer: { ...device.signer, sign: (d) => other.signer.sign(d), publicKey: device.signer.publicKey }, serial: 'VS-0100' });
    expect(forged.length).toBeGreaterThan(0);
    await expect(issue(forged)).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_CSR_SIGNATURE_INVALID');
    await expect(issue(csr)).resolves.toBeDefined();
  });

  it('RSA-1024', async () => {
    const csr = await opensslCsr(['genrsa'], [], '/CN=VS-0100');
    await expect(issue(csr)).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_KEY_UNSUPPORTED');
  });

  it('an unsupported curve (secp256k1)', async () => {
    const csr = await opensslCsr(['ecparam', '-name', 'secp256k1', '-genkey', '-noout']);
    await expect(issue(csr)).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_KEY_UNSUPPORTED');
  });

  it('a CA:TRUE request', async () => {
    const csr = await opensslCsr(['ecparam', '-name', 'prime256v1', '-genkey', '-noout'], ['-addext', 'basicConstraints=critical,CA:TRUE']);
    await expect(issue(csr)).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_POLICY_VIOLATION');
  });

  it('a 1 MB subject', async () => {
    const device = await deviceKey();
    const big = await createCsr({ signer: device.signer, serial: 'VS-0100' });
    const huge = 'A'.repeat(1_048_576);
    await expect(issue(huge)).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_CSR_MALFORMED');
    // Within the byte limit but with an oversize subject: refused by policy.
    await expect(verifyCsr(big, { maxCsrBytes: 16_384, maxSubjectBytes: 16 })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_POLICY_VIOLATION');
  });

  it('garbage bytes', async () => {
    await expect(issue(new Uint8Array([0x30, 0x82, 0xff, 0xff, 1, 2, 3]))).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_CSR_MALFORMED');
    await expect(issue('not a csr')).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_CSR_MALFORMED');
    await expect(issue(new Uint8Array(0))).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_CSR_MALFORMED');
  });

  it('fast-check: 10,000 mutated CSRs never crash and never sign', async () => {
    const device = await deviceKey();
    const csr = await createCsr({ signer: device.signer, serial: 'VS-0100' });
    const mutation = fc.array(fc.record({ at: fc.nat({ max: csr.length + 8 }), value: fc.integer({ min: 0, max: 255 }), op: fc.constantFrom('set', 'insert', 'delete', 'truncate') }), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(mutation, async (ops) => {
        let bytes = Array.from(csr);
        for (const { at, value, op } of ops) {
          const i = Math.min(at, bytes.length);
          if (op === 'set' && i < bytes.length) bytes[i] = value;
          else if (op === 'insert') bytes.splice(i, 0, value);
          else if (op === 'delete') bytes.splice(i, 1);
          else if (op === 'truncate') bytes = bytes.slice(0, i);
        }
        const mutated = new Uint8Array(bytes);
        const same = Buffer.compare(mutated, csr) === 0;
        try {
          await verifyCsr(mutated);
          return same;
        } catch (error) {
          return SdkError.isInstance(error) && error.name === 'IdentityError';
        }
      }),
      { numRuns: 10_000 },
    );
  });
}); // prettier-ignore
