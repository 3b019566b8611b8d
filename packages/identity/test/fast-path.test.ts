// The fast path (pre-encoded TBS templates, minimal CSR walk, node:crypto) held to the generic
// @peculiar/asn1-x509 path: byte-identical TBSCertificates for the same inputs, the same verdict
// and error code on mutated CSRs, and OpenSSL accepting what it signs.
import { X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, SdkError, type SignatureAlgorithm } from '@cra-kit/core';
import { fixedClock, seededRandom } from '@cra-kit/testing';
import {
  IdentityError,
  createBulkIssuer,
  defaultIdentityConfig,
  createCsr,
  createIssuingCa,
  createNodeKeySigner,
  createRootCa,
  issueCertificate,
  issueFromCsr,
  toPem,
  verifyCsr,
  type CaSigner,
  type IssueRequestInput,
} from '@cra-kit/identity';
import { fastVerifyCsr } from '../src/fast/fast-csr.js';
import { HW_TYPE, openssl, pemFiles, tempDir } from './helpers.js';

/** A P-256 CSR made by OpenSSL for VS-0100 (DER), with extra `openssl req` arguments. */
async function opensslCsr(
  extra: string[],
  subject = ['-subj', '/CN=VS-0100/serialNumber=VS-0100'],
): Promise<Uint8Array> {
  const dir = await tempDir();
  const key = join(dir, 'key.pem');
  const csr = join(dir, 'csr.der');
  expect(
    (await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', key])).ok,
  ).toBe(true);
  const made = await openssl([
    'req',
    '-new',
    '-key',
    key,
    ...subject,
    '-outform',
    'DER',
    '-out',
    csr,
    ...extra,
  ]);
  expect(made.ok, made.out).toBe(true);
  return new Uint8Array(await readFile(csr));
}

/** An `openssl req` config whose requests carry a challengePassword attribute. */
async function passwordConfig(): Promise<string> {
  const path = join(await tempDir(), 'req.cnf');
  await writeFile(
    path,
    '[req]\nprompt = no\ndistinguished_name = dn\nattributes = attrs\n[dn]\nCN = VS-0100\n[attrs]\nchallengePassword = a challenge\n',
  );
  return path;
}

const ALGORITHMS: SignatureAlgorithm[] = ['ecdsa-p256-sha256', 'ecdsa-p384-sha384', 'ed25519'];

/** The TBSCertificate of a certificate, sliced from the DER as received (no re-encoding). */
function tbsOf(der: Uint8Array): Uint8Array {
  const headerAndLength = (at: number) => {
    const first = der[at + 1] as number;
    const n = first < 0x80 ? 0 : first & 0x7f;
    let length = first < 0x80 ? first : 0;
    for (let i = 0; i < n; i++) length = length * 256 + (der[at + 2 + i] as number);
    return { body: at + 2 + n, length };
  };
  const tbsAt = headerAndLength(0).body;
  const tbs = headerAndLength(tbsAt);
  return der.slice(tbsAt, tbs.body + tbs.length);
}

interface Pki {
  root: CaSigner;
  rootPem: string;
  issuing: CaSigner;
  /** The same issuing CA behind core's WebCrypto signer (the async, KMS-like path). */
  issuingAsync: CaSigner;
  issuingPem: string;
}
async function pki(algorithm: SignatureAlgorithm, organization: string): Promise<Pki> {
  const rootKey = await generateSigningKey(algorithm);
  const root = { signer: rootKey.signer, certificate: await createRootCa({ organization, commonName: `${organization} Root`, signer: rootKey.signer }) };
  const key = await generateSigningKey(algorithm);
  const signer = await createNodeKeySigner({ algorithm, privateKeyPkcs8: key.privateKeyPkcs8 });
  const certificate = await createIssuingCa({ organization, commonName: `${organization} Issuing`, signer, root });
  return { root, rootPem: toPem(root.certificate, 'CERTIFICATE'), issuing: { signer, certificate }, issuingAsync: { signer: key.signer, certificate }, issuingPem: toPem(certificate, 'CERTIFICATE') };
} // prettier-ignore

const cas = new Map<SignatureAlgorithm, Pki>();
const devices = new Map<SignatureAlgorithm, Awaited<ReturnType<typeof generateSigningKey>>[]>();
beforeAll(async () => {
  for (const algorithm of ALGORITHMS) {
    cas.set(algorithm, await pki(algorithm, `Acme ${algorithm}`));
    devices.set(algorithm, await Promise.all([0, 1, 2].map(() => generateSigningKey(algorithm))));
  }
}, 60_000);

const serialArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9.:-]{0,30}$/);
const oidArb = fc
  .tuple(
    fc.integer({ min: 0, max: 2 }),
    fc.integer({ min: 0, max: 39 }),
    fc.array(fc.integer({ min: 0, max: 2 ** 31 }), { minLength: 1, maxLength: 6 }),
  )
  .map(([a, b, rest]) => [a, b, ...rest].join('.'));
const hex4 = fc.stringMatching(/^[0-9A-F]{4}$/);
const dnsArb = fc.array(
  fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?(\.[a-z]{2,8}){0,2}$/),
  { minLength: 1, maxLength: 3 },
);
const requestArb: fc.Arbitrary<{ request: IssueRequestInput; keyAlgorithms: SignatureAlgorithm[] }> = fc.oneof(
  fc.record({ serial: serialArb, product: fc.option(fc.string({ minLength: 1, maxLength: 64 }), { nil: undefined }), hw: oidArb, noExpiry: fc.boolean(), days: fc.integer({ min: 1, max: 36_500 }) })
    .map(({ serial, product, hw, noExpiry, days }) => ({ request: { profile: 'idevid-8021ar' as const, serial, hardwareModuleType: hw, ...(product ? { product } : {}), ...(noExpiry ? { noExpiry } : { validityDays: days }) }, keyAlgorithms: ALGORITHMS })),
  fc.record({ serial: serialArb, product: fc.option(fc.string({ minLength: 1, maxLength: 64 }), { nil: undefined }), days: fc.option(fc.integer({ min: 1, max: 397 }), { nil: undefined }) })
    .map(({ serial, product, days }) => ({ request: { profile: 'ldevid-mtls' as const, serial, ...(product ? { product } : {}), ...(days ? { validityDays: days } : {}) }, keyAlgorithms: ALGORITHMS })),
  fc.record({ serial: serialArb, vendorId: hex4, productId: hex4 })
    .map((r) => ({ request: { profile: 'matter-dac' as const, ...r }, keyAlgorithms: ['ecdsa-p256-sha256'] as SignatureAlgorithm[] })),
  fc.record({ serial: serialArb, dnsNames: dnsArb })
    .map((r) => ({ request: { profile: 'tls-server' as const, ...r }, keyAlgorithms: ALGORITHMS })),
); // prettier-ignore

describe('fast path vs @peculiar/asn1-x509 path', () => {
  it('fast-check: byte-identical TBSCertificates for the same inputs (serial and key fixed)', async () => {
    await fc.assert(
      fc.asyncProperty(
        requestArb,
        fc.constantFrom(...ALGORITHMS),
        fc.nat({ max: 2 }),
        fc.nat({ max: 20 }),
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2080, 0, 1) }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        async ({ request, keyAlgorithms }, caAlgorithm, keyIndex, keyPick, time, seed) => {
          const keyAlgorithm = keyAlgorithms[keyPick % keyAlgorithms.length] as SignatureAlgorithm;
          const ca = cas.get(caAlgorithm)!;
          const key = devices.get(keyAlgorithm)![keyIndex]!;
          const csr = await createCsr({ signer: key.signer, serial: request.serial });
          const clock = fixedClock(new Date(time));
          const fast = await createBulkIssuer({ ca: ca.issuing, clock, random: seededRandom(seed) }).issueFromCsr(csr, request);
          const viaFunction = await issueFromCsr({ ca: ca.issuingAsync, csr, request, clock, random: seededRandom(seed) });
          const verified = await verifyCsr(csr);
          const generic = await issueCertificate({ ca: ca.issuing, subjectPublicKey: verified.subjectPublicKey, request, clock, random: seededRandom(seed) });
          expect(Buffer.from(tbsOf(fast.certificate)).toString('hex')).toBe(Buffer.from(tbsOf(generic.certificate)).toString('hex'));
          expect(Buffer.compare(tbsOf(viaFunction.certificate), tbsOf(generic.certificate))).toBe(0);
          expect({ ...fast, certificate: undefined, fingerprint: undefined }).toEqual({ ...generic, certificate: undefined, fingerprint: undefined });
          if (caAlgorithm === 'ed25519') expect(fast.certificate).toEqual(generic.certificate); // deterministic signatures
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);

  it('OpenSSL verify -x509_strict accepts fast-path certificates of every profile and algorithm', async () => {
    const dir = await tempDir();
    for (const algorithm of ALGORITHMS) {
      const ca = cas.get(algorithm)!;
      const issuer = createBulkIssuer({ ca: ca.issuing });
      const requests: IssueRequestInput[] = [
        { profile: 'idevid-8021ar', serial: 'VS-0001', hardwareModuleType: HW_TYPE, product: 'Vibration sensor' },
        { profile: 'ldevid-mtls', serial: 'VS-0002', validityDays: 30 },
        { profile: 'tls-server', serial: 'broker-1', dnsNames: ['broker.example', 'localhost'] },
        ...(algorithm === 'ecdsa-p256-sha256' ? [{ profile: 'matter-dac', serial: 'VS-0003', vendorId: 'FFF1', productId: '8000' } as const] : []),
      ];
      for (const [i, request] of requests.entries()) {
        const csr = await createCsr({ signer: devices.get(algorithm)![0]!.signer, serial: request.serial });
        const issued = await issuer.issueFromCsr(toPem(csr, 'CERTIFICATE REQUEST'), request);
        const f = await pemFiles(dir, { 'root.pem': ca.rootPem, 'issuing.pem': ca.issuingPem, [`c${i}.pem`]: toPem(issued.certificate, 'CERTIFICATE') });
        const purpose = request.profile === 'tls-server' ? 'sslserver' : 'sslclient';
        const res = await openssl(['verify', '-x509_strict', ...(request.profile === 'matter-dac' ? [] : ['-purpose', purpose]), '-CAfile', f['root.pem']!, '-untrusted', f['issuing.pem']!, f[`c${i}.pem`]!]);
        expect(res.out, `${algorithm} ${request.profile}`).toContain(': OK');
      }
    }
  }, 60_000);

  it('the minimal CSR walk answers exactly as verifyCsr, and defers what it does not handle', async () => {
    const plain = await createCsr({ signer: devices.get('ecdsa-p384-sha384')![0]!.signer, serial: 'VS-0100' });
    const withExtensions = await opensslCsr(['-addext', 'subjectAltName=DNS:vs-0100.example', '-addext', 'keyUsage=critical,digitalSignature', '-addext', 'basicConstraints=CA:FALSE']);
    for (const csr of [plain, withExtensions]) {
      const fast = fastVerifyCsr(csr, defaultIdentityConfig);
      expect(fast).toBeDefined();
      expect(fast).toEqual(await verifyCsr(csr));
    }
    expect(fastVerifyCsr(withExtensions, defaultIdentityConfig)?.requestedExtensions).toEqual(['2.5.29.17', '2.5.29.15', '2.5.29.19']);
    // A requested CA bit and other attributes go to the generic path, which decides.
    const caTrue = await opensslCsr(['-addext', 'basicConstraints=critical,CA:TRUE']);
    expect(fastVerifyCsr(caTrue, defaultIdentityConfig)).toBeUndefined();
    await expect(verifyCsr(caTrue)).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_POLICY_VIOLATION');
    const password = await opensslCsr(['-config', await passwordConfig()], []);
    expect(fastVerifyCsr(password, defaultIdentityConfig)).toBeUndefined();
    expect((await verifyCsr(password)).requestedExtensions).toEqual([]);
  });

  for (const kind of ['our CSR', 'an OpenSSL CSR with an extensionRequest'] as const) {
    it(`fast-check: on 3,000 mutations of ${kind} the fast and the generic path agree (verdict and code)`, async () => {
      const ca = cas.get('ecdsa-p256-sha256')!;
      const issuer = createBulkIssuer({ ca: ca.issuing });
      const csr = kind === 'our CSR' ? await createCsr({ signer: devices.get('ecdsa-p256-sha256')![0]!.signer, serial: 'VS-0100' }) : await opensslCsr(['-addext', 'subjectAltName=DNS:vs-0100.example', '-addext', 'basicConstraints=CA:FALSE']);
      const request = { serial: 'VS-0100' };
      const outcome = async (run: () => Promise<unknown>) => {
        try {
          await run();
          return 'issued';
        } catch (error) {
          if (!SdkError.isInstance(error)) throw error; // a crash, not a typed refusal
          return error.code;
        }
      };
      const mutation = fc.array(fc.record({ at: fc.nat({ max: csr.length + 8 }), value: fc.integer({ min: 0, max: 255 }), op: fc.constantFrom('set', 'insert', 'delete', 'truncate') }), { minLength: 1, maxLength: 4 });
      await fc.assert(
        fc.asyncProperty(mutation, async (ops) => {
          let bytes = Array.from(csr);
          for (const { at, value, op } of ops) {
            const i = Math.min(at, bytes.length);
            if (op === 'set' && i < bytes.length) bytes[i] = value;
            else if (op === 'insert') bytes.splice(i, 0, value);
            else if (op === 'delete') bytes.splice(i, 1);
            else bytes = bytes.slice(0, i);
          }
          const mutated = new Uint8Array(bytes);
          const fast = await outcome(() => issuer.issueFromCsr(mutated, request));
          const generic = await outcome(async () => issueCertificate({ ca: ca.issuing, subjectPublicKey: (await verifyCsr(mutated)).subjectPublicKey, request }));
          expect(fast).toBe(generic);
        }),
        { numRuns: 3_000 },
      );
    }, 120_000);
  }

  it('async signers get their own TBS copy: 12 concurrent issuances each verify and name their device', async () => {
    const ca = cas.get('ecdsa-p256-sha256')!;
    const issuer = createBulkIssuer({ ca: ca.issuingAsync });
    const key = devices.get('ecdsa-p256-sha256')![2]!;
    const serials = Array.from({ length: 12 }, (_, i) => `VS-C${i}`);
    const csrs = await Promise.all(serials.map((serial) => createCsr({ signer: key.signer, serial })));
    const issued = await Promise.all(serials.map((serial, i) => issuer.issueFromCsr(csrs[i]!, { serial })));
    const issuing = new X509Certificate(ca.issuingPem);
    for (const [i, cert] of issued.entries()) {
      const x = new X509Certificate(Buffer.from(cert.certificate));
      expect(x.verify(issuing.publicKey), serials[i]).toBe(true);
      expect(x.subject).toContain(`CN=${serials[i]}`);
    }
  });

  it('a TBS larger than the first writer buffer (16 long DNS names) still matches the generic path', async () => {
    const ca = cas.get('ed25519')!;
    const label = (c: string) => c.repeat(63);
    const dnsNames = Array.from({ length: 16 }, (_, i) => `${label(String.fromCharCode(97 + i))}.${label('x')}.${label('y')}.${'z'.repeat(61)}`);
    const request = { profile: 'tls-server' as const, serial: 'gw-1', dnsNames };
    const key = devices.get('ed25519')![0]!;
    const csr = await createCsr({ signer: key.signer, serial: 'gw-1' });
    const fast = await createBulkIssuer({ ca: ca.issuing, random: seededRandom(7) }).issueFromCsr(csr, request);
    const generic = await issueCertificate({ ca: ca.issuing, subjectPublicKey: (await verifyCsr(csr)).subjectPublicKey, request, random: seededRandom(7) });
    expect(fast.certificate.length).toBeGreaterThan(4096);
    expect(Buffer.compare(fast.certificate, generic.certificate)).toBe(0);
  });

  it('a Signer without a synchronous twin (KMS, HSM) still issues through the fast path', async () => {
    const ca = cas.get('ecdsa-p384-sha384')!;
    const calls: number[] = [];
    const kms: CaSigner = { certificate: ca.issuing.certificate, signer: { ...ca.issuingAsync.signer, sign: (data) => (calls.push(data.length), ca.issuingAsync.signer.sign(data)) } };
    const csr = await createCsr({ signer: devices.get('ecdsa-p384-sha384')![1]!.signer, serial: 'VS-0200' });
    const issued = await createBulkIssuer({ ca: kms }).issueFromCsr(csr, { serial: 'VS-0200' });
    expect(calls).toHaveLength(1);
    const f = await pemFiles(await tempDir(), { 'root.pem': ca.rootPem, 'issuing.pem': ca.issuingPem, 'cert.pem': toPem(issued.certificate, 'CERTIFICATE') });
    expect((await openssl(['verify', '-x509_strict', '-CAfile', f['root.pem']!, '-untrusted', f['issuing.pem']!, f['cert.pem']!])).out).toContain(': OK');
  });
}); // prettier-ignore
