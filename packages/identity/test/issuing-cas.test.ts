// Several issuing CAs per CA directory, revoking one at the root, and re-signing the root CRL
// before it expires, checked by OpenSSL (-crl_check_all, -attime) and our own verifier.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@cra-kit/testing';
import {
  IdentityError,
  addIssuingCa,
  initCaDirectory,
  issueToDirectory,
  listIssuingCas,
  openCaDirectory,
  readCaTrust,
  resignRootCrl,
  revokeIssuingCa,
  toPem,
  verifyDeviceCertificate,
} from '@cra-kit/identity';
import { HW_TYPE, openssl, pemFiles, tempDir } from './helpers.js';

const PASS = 'correct horse battery staple';
const FAST_SCRYPT = { N: 2 ** 14, r: 8, p: 1 };
const T0 = new Date('2027-03-01T10:00:00Z');
const DAY = 86_400_000;
const derOfPem = (pem: string) =>
  new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
const epoch = (d: Date) => String(Math.floor(d.getTime() / 1000));

/** openssl verify of `cert` against the directory's root, one issuing CA, and CRLs, at `at`. */
async function verifyAt(dir: string, issuingPem: string, certPem: string, crls: string, at: Date) {
  const f = await pemFiles(await tempDir(), { 'root.pem': await readFile(join(dir, 'root.pem'), 'utf8'), 'issuing.pem': issuingPem, 'cert.pem': certPem, 'crl.pem': crls });
  return openssl(['verify', '-x509_strict', '-crl_check_all', '-attime', epoch(at), '-CAfile', f['root.pem']!, '-untrusted', f['issuing.pem']!, '-CRLfile', f['crl.pem']!, f['cert.pem']!]);
} // prettier-ignore

describe('several issuing CAs in one CA directory', () => {
  let dir: string;
  beforeAll(async () => {
    dir = join(await tempDir(), 'ca');
    await initCaDirectory({ dir, organization: 'Acme Sensors', passphrase: PASS, hardwareModuleType: HW_TYPE, scrypt: FAST_SCRYPT, clock: fixedClock(T0) });
  });

  it('adds an issuing CA per product line, issues from the one selected, and keeps records apart', async () => {
    const added = await addIssuingCa({ dir, name: 'vs-2027', passphrase: PASS, scrypt: FAST_SCRYPT, clock: fixedClock(T0) });
    expect(added).toMatchObject({ name: 'vs-2027', revoked: false });
    expect(added.subject).toContain('Device Issuing CA vs-2027');
    expect((await stat(join(dir, 'issuing', 'vs-2027', 'issuing.key.json'))).mode & 0o777).toBe(0o600);
    await expect(addIssuingCa({ dir, name: 'vs-2027', passphrase: PASS })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_CA_EXISTS');
    await expect(addIssuingCa({ dir, name: 'Bad Name', passphrase: PASS })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_INPUT_INVALID');
    await expect(addIssuingCa({ dir, name: 'default', passphrase: PASS })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_INPUT_INVALID');
    await expect(addIssuingCa({ dir, name: 'other', passphrase: 'wrong passphrase!' })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_KEY_DECRYPTION_FAILED');
    expect((await listIssuingCas(dir)).map((c) => c.name)).toEqual(['default', 'vs-2027']);

    const clock = fixedClock(new Date(T0.getTime() + DAY));
    const first = await openCaDirectory({ dir, passphrase: PASS, clock });
    const second = await openCaDirectory({ dir, passphrase: PASS, clock, issuingCa: 'vs-2027' });
    expect([first.issuingCa, second.issuingCa]).toEqual(['default', 'vs-2027']);
    const out = join(await tempDir(), 'VS-0001');
    await issueToDirectory({ ca: second, request: { profile: 'idevid-8021ar', serial: 'VS-0001' }, out });
    // The same device serial in another issuing CA is another record (product lines are separate).
    await issueToDirectory({ ca: first, request: { profile: 'idevid-8021ar', serial: 'VS-0001' }, out: `${out}-first` });
    const certPem = await readFile(join(out, 'cert.pem'), 'utf8');
    const chain = await readFile(join(out, 'chain.pem'), 'utf8');
    expect(chain).toContain(await readFile(join(dir, 'issuing', 'vs-2027', 'issuing.pem'), 'utf8'));
    const crls = toPem(await second.createCrl(), 'X509 CRL') + (await readFile(join(dir, 'root.crl.pem'), 'utf8'));
    expect(second.crlNumber).toBe(1);
    expect((await verifyAt(dir, chain, certPem, crls, clock.now())).out).toContain(': OK');
    // The wrong issuing CA does not verify it.
    const trustFirst = await readCaTrust(dir);
    await expect(verifyDeviceCertificate({ certificate: derOfPem(certPem), ...trustFirst, clock })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_CERT_UNTRUSTED');
    const trust = await readCaTrust(dir, { issuingCa: 'vs-2027' });
    expect((await verifyDeviceCertificate({ certificate: derOfPem(certPem), ...trust, clock })).serial).toBe('VS-0001');
  });

  it('re-signs the root CRL before it expires: openssl -crl_check_all fails on the old one, passes on the new', async () => {
    const later = fixedClock(new Date(T0.getTime() + 400 * DAY)); // the init root CRL ran out at T0 + 365 d
    const ca = await openCaDirectory({ dir, passphrase: PASS, clock: later });
    const out = join(await tempDir(), 'VS-0100');
    await issueToDirectory({ ca, request: { profile: 'idevid-8021ar', serial: 'VS-0100' }, out });
    const certPem = await readFile(join(out, 'cert.pem'), 'utf8');
    const issuingCrl = toPem(await ca.createCrl(), 'X509 CRL');
    const stale = await verifyAt(dir, ca.chainPem, certPem, issuingCrl + (await readFile(join(dir, 'root.crl.pem'), 'utf8')), later.now());
    expect(stale.out).toContain('CRL has expired');
    const before = JSON.parse(await readFile(join(dir, 'ca.json'), 'utf8')) as { crlNumber: number };
    const root = await resignRootCrl({ dir, passphrase: PASS, clock: later });
    expect(root.crlNumber).toBe(2);
    expect(root.nextUpdate.getTime()).toBe(later.now().getTime() + 365 * DAY);
    const rootCrlPem = await readFile(join(dir, 'root.crl.pem'), 'utf8');
    expect(rootCrlPem).toBe(toPem(root.crl, 'X509 CRL'));
    expect((await verifyAt(dir, ca.chainPem, certPem, issuingCrl + rootCrlPem, later.now())).out).toContain(': OK');
    const text = (await openssl(['crl', '-in', (await pemFiles(await tempDir(), { 'r.pem': rootCrlPem }))['r.pem']!, '-noout', '-text'])).out;
    expect(text).toMatch(/X509v3 CRL Number:\s+2/);
    expect(text).toContain('Device Root CA');
    // The issuing CA's own counter in ca.json is untouched.
    expect(JSON.parse(await readFile(join(dir, 'ca.json'), 'utf8'))).toMatchObject({ crlNumber: before.crlNumber, rootCrlNumber: 2 });
    await expect(resignRootCrl({ dir, passphrase: 'wrong passphrase!' })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_KEY_DECRYPTION_FAILED');
    await expect(resignRootCrl({ dir, passphrase: PASS, nextUpdateDays: 0 })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_INPUT_INVALID');
  });

  it('revokes a whole issuing CA at the root: its devices fail, the other CA still works', async () => {
    const clock = fixedClock(new Date(T0.getTime() + 401 * DAY));
    await addIssuingCa({ dir, name: 'batch-7', passphrase: PASS, scrypt: FAST_SCRYPT, clock });
    const batch = await openCaDirectory({ dir, passphrase: PASS, clock, issuingCa: 'batch-7' });
    const out = join(await tempDir(), 'B7-0001');
    await issueToDirectory({ ca: batch, request: { profile: 'idevid-8021ar', serial: 'B7-0001' }, out });
    const certPem = await readFile(join(out, 'cert.pem'), 'utf8');
    const issuingCrl = toPem(await batch.createCrl(), 'X509 CRL');

    const result = await revokeIssuingCa({ dir, name: 'batch-7', reason: 'cACompromise', passphrase: PASS, clock });
    expect(result).toMatchObject({ crlNumber: 3, revokedIssuingCas: ['batch-7'] });
    await expect(revokeIssuingCa({ dir, name: 'nope', reason: 'cACompromise', passphrase: PASS })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_CA_NOT_FOUND');
    const rootCrlPem = await readFile(join(dir, 'root.crl.pem'), 'utf8');
    const res = await verifyAt(dir, batch.chainPem, certPem, issuingCrl + rootCrlPem, clock.now());
    expect(res.ok).toBe(false);
    expect(res.out).toContain('certificate revoked');
    const text = (await openssl(['crl', '-in', (await pemFiles(await tempDir(), { 'r.pem': rootCrlPem }))['r.pem']!, '-noout', '-text'])).out;
    expect(text).toContain('CA Compromise');
    expect((await listIssuingCas(dir)).find((c) => c.name === 'batch-7')).toMatchObject({ revoked: true });
    const trust = await readCaTrust(dir, { issuingCa: 'batch-7' });
    await expect(verifyDeviceCertificate({ certificate: derOfPem(certPem), ...trust, clock })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_CERT_REVOKED');
    await expect(openCaDirectory({ dir, passphrase: PASS, issuingCa: 'batch-7' })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_CERT_REVOKED');
    // Revoking again keeps one entry; the other issuing CAs still verify under the new root CRL.
    expect((await revokeIssuingCa({ dir, name: 'batch-7', reason: 'cACompromise', passphrase: PASS, clock })).revokedIssuingCas).toEqual(['batch-7']);
    const other = await openCaDirectory({ dir, passphrase: PASS, clock, issuingCa: 'vs-2027' });
    const otherOut = join(await tempDir(), 'VS-0200');
    await issueToDirectory({ ca: other, request: { profile: 'idevid-8021ar', serial: 'VS-0200' }, out: otherOut });
    const ok = await verifyAt(dir, other.chainPem, await readFile(join(otherOut, 'cert.pem'), 'utf8'), toPem(await other.createCrl(), 'X509 CRL') + (await readFile(join(dir, 'root.crl.pem'), 'utf8')), clock.now());
    expect(ok.out).toContain(': OK');
  });
}); // prettier-ignore
