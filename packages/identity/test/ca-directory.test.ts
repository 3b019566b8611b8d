import 'reflect-metadata';
import { X509Certificate as NodeX509 } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { X509Certificate as PeculiarX509, X509Crl } from '@peculiar/x509';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  IdentityError,
  initCaDirectory,
  issueToDirectory,
  openCaDirectory,
  toPem,
  verifyDeviceCertificate,
  type CaDirectory,
} from '@cra-kit/identity';
import { HW_TYPE, openssl, pemFiles, tempDir } from './helpers.js';

const PASS = 'correct horse battery staple';
const FAST_SCRYPT = { N: 2 ** 14, r: 8, p: 1 }; // the default (2^17) is exercised in encrypted-key.test.ts

const derOfPem = (pem: string) =>
  new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));

async function pkijsValidate(rootPem: string, chain: string[], crls: string[] = []) {
  const parse = (pem: string) => pkijs.Certificate.fromBER(derOfPem(pem));
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: [parse(rootPem)],
    certs: chain.map(parse),
    crls: crls.map((c) => pkijs.CertificateRevocationList.fromBER(derOfPem(c))),
  });
  return engine.verify();
}

describe('a CA directory', () => {
  let dir: string;
  let ca: CaDirectory;
  beforeAll(async () => {
    dir = join(await tempDir(), 'ca');
    await initCaDirectory({ dir, organization: 'Acme Sensors', passphrase: PASS, hardwareModuleType: HW_TYPE, scrypt: FAST_SCRYPT });
    ca = await openCaDirectory({ dir, passphrase: PASS });
  });

  it('writes the fixed files, keys 0600 and encrypted', async () => {
    for (const f of ['root.key.json', 'issuing.key.json']) {
      expect((await stat(join(dir, f))).mode & 0o777).toBe(0o600);
      const text = await readFile(join(dir, f), 'utf8');
      expect(text).not.toContain('PRIVATE KEY');
      expect(JSON.parse(text)).toMatchObject({ kdf: { name: 'scrypt' }, cipher: { name: 'aes-256-gcm' } });
    }
    const root = await readFile(join(dir, 'root.pem'), 'utf8');
    const issuing = await readFile(join(dir, 'issuing.pem'), 'utf8');
    const f = await pemFiles(await tempDir(), { 'root.pem': root, 'issuing.pem': issuing });
    expect((await openssl(['verify', '-x509_strict', '-CAfile', f['root.pem']!, f['issuing.pem']!])).ok).toBe(true);
    expect((await openssl(['x509', '-in', f['issuing.pem']!, '-noout', '-text'])).out).toMatch(/CA:TRUE, pathlen:0/);
  });

  it('refuses a wrong passphrase and a second init', async () => {
    await expect(openCaDirectory({ dir, passphrase: 'wrong passphrase!' })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_KEY_DECRYPTION_FAILED');
    await expect(initCaDirectory({ dir, organization: 'X', passphrase: PASS })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_CA_EXISTS');
    await expect(openCaDirectory({ dir: join(dir, 'nope'), passphrase: PASS })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_CA_NOT_FOUND');
  });

  it('issues, never twice per serial, and the device passes openssl, pkijs, @peculiar/x509 and Node', async () => {
    const out = join(await tempDir(), 'VS-0001');
    const issued = await issueToDirectory({ ca, request: { profile: 'idevid-8021ar', serial: 'VS-0001' }, out });
    expect((await stat(join(out, 'key.pem'))).mode & 0o777).toBe(0o600);
    await expect(issueToDirectory({ ca, request: { profile: 'idevid-8021ar', serial: 'VS-0001' }, out: `${out}-again` })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_SERIAL_ALREADY_ISSUED');
    const certPem = await readFile(join(out, 'cert.pem'), 'utf8');
    const rootPem = await readFile(join(dir, 'root.pem'), 'utf8');
    const issuingPem = await readFile(join(dir, 'issuing.pem'), 'utf8');
    const crlPem = toPem(await ca.createCrl(), 'X509 CRL');
    const rootCrlPem = await readFile(join(dir, 'root.crl.pem'), 'utf8');
    const f = await pemFiles(await tempDir(), { 'root.pem': rootPem, 'chain.pem': await readFile(join(out, 'chain.pem'), 'utf8'), 'cert.pem': certPem, 'crl.pem': crlPem + rootCrlPem });
    const ok = await openssl(['verify', '-x509_strict', '-crl_check_all', '-CAfile', f['root.pem']!, '-untrusted', f['chain.pem']!, '-CRLfile', f['crl.pem']!, f['cert.pem']!]);
    expect(ok.out).toContain(': OK');
    expect((await openssl(['crl', '-in', f['crl.pem']!, '-noout', '-text'])).out).toMatch(/Version 2/);
    expect(new NodeX509(certPem).checkIssued(new NodeX509(issuingPem))).toBe(true);
    const peculiar = new PeculiarX509(certPem);
    expect(peculiar.subject).toContain('VS-0001');
    expect(await peculiar.verify({ publicKey: new PeculiarX509(issuingPem) })).toBe(true);
    expect(new X509Crl(crlPem).issuer).toContain('Issuing CA');
    const chain = await pkijsValidate(rootPem, [issuingPem, certPem], [crlPem, rootCrlPem]);
    expect(chain.result, chain.resultMessage).toBe(true);
    const identity = await verifyDeviceCertificate({ certificate: derOfPem(certPem), root: derOfPem(rootPem), issuing: derOfPem(issuingPem), revocations: await ca.revocations() });
    expect(identity).toMatchObject({ serial: 'VS-0001', profile: 'idevid-8021ar', certificateSerial: issued.serialNumber, hardwareModule: { hwType: HW_TYPE, serial: 'VS-0001' } });
  });

  it('revokes: the CRL, openssl -crl_check, pkijs and the revocation list all refuse the device', async () => {
    const out = join(await tempDir(), 'VS-0002');
    await issueToDirectory({ ca, request: { serial: 'VS-0002' }, out });
    const entries = await ca.revoke('VS-0002', 'keyCompromise');
    await expect(ca.revoke('VS-NEVER-ISSUED', 'superseded')).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_INPUT_INVALID');
    expect(entries).toHaveLength(1);
    const crlPem = toPem(await ca.createCrl(), 'X509 CRL');
    const certPem = await readFile(join(out, 'cert.pem'), 'utf8');
    const rootPem = await readFile(join(dir, 'root.pem'), 'utf8');
    const issuingPem = await readFile(join(dir, 'issuing.pem'), 'utf8');
    const f = await pemFiles(await tempDir(), { 'root.pem': rootPem, 'issuing.pem': issuingPem, 'cert.pem': certPem, 'crl.pem': crlPem });
    const res = await openssl(['verify', '-x509_strict', '-crl_check', '-CAfile', f['root.pem']!, '-untrusted', f['issuing.pem']!, '-CRLfile', f['crl.pem']!, f['cert.pem']!]);
    expect(res.ok).toBe(false);
    expect(res.out).toContain('certificate revoked');
    expect((await openssl(['crl', '-in', f['crl.pem']!, '-noout', '-text'])).out).toContain('Key Compromise');
    const chain = await pkijsValidate(rootPem, [issuingPem, certPem], [crlPem, await readFile(join(dir, 'root.crl.pem'), 'utf8')]);
    expect(chain.result).toBe(false);
    await expect(verifyDeviceCertificate({ certificate: derOfPem(certPem), root: derOfPem(rootPem), issuing: derOfPem(issuingPem), revocations: await ca.revocations() })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_CERT_REVOKED');
  });
}); // prettier-ignore
