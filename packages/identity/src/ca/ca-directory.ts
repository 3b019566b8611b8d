import { createReadStream } from 'node:fs';
import { access, mkdir, readFile, writeFile, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  generateSigningKey,
  parseWith,
  systemClock,
  type Clock,
  type RandomSource,
  type SignatureAlgorithm,
} from '@cra-kit/core';
import { writeFileAtomic } from '@cra-kit/core/node';
import { derOf, toPem } from '../asn1/pem.js';
import type { CaSigner } from '../cert/issue.js';
import { createCrl } from '../crl/create-crl.js';
import {
  createRevocationList,
  type RevocationEntry,
  type RevocationList,
} from '../crl/revocation.js';
import {
  decryptPrivateKey,
  EncryptedKeyFileSchema,
  encryptPrivateKey,
  writeSecretFile,
} from '../keys/encrypted-key.js';
import { IdentityError } from '../errors.js';
import { createIssuingCa, createRootCa } from './create-ca.js';
import { issuingCrlCounter, issuingPaths, readRootRevoked } from './issuing-cas.js';
import { createNodeKeySigner } from '../keys/node-key-signer.js';
import {
  CA_FILES,
  CA_FILE_OPTIONS,
  CaConfigSchema,
  FIRST_ISSUING_CA,
  IssuedRecordSchema,
  RevokedFileSchema,
  type CaConfig,
  type IssuedRecord,
} from './ca-files.js';

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );
const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as unknown;

export { removeTree } from './remove-tree.js';

/**
 * Creates a CA directory: an offline root and a first issuing CA (pathLen 0), both keys encrypted
 * at rest under `passphrase` (files 0600), an empty root CRL, and `ca.json`.
 * @throws {IdentityError} IDENTITY_CA_EXISTS when `dir` holds a CA already
 * @example
 * ```ts
 * await initCaDirectory({ dir: './ca', organization: 'Acme Sensors', passphrase: process.env.CA_PASSPHRASE! });
 * ```
 */
export async function initCaDirectory(options: {
  dir: string;
  organization: string;
  passphrase: string;
  algorithm?: SignatureAlgorithm;
  hardwareModuleType?: string;
  clock?: Clock;
  random?: RandomSource;
  scrypt?: { N: number; r: number; p: number };
}): Promise<CaConfig> {
  const { dir, organization, passphrase } = options;
  const algorithm = options.algorithm ?? 'ecdsa-p256-sha256';
  if (await exists(join(dir, CA_FILES.config))) throw new IdentityError('IDENTITY_CA_EXISTS', `a CA exists in ${dir}`);
  if (passphrase.length < 12) throw new RangeError('passphrase must have at least 12 characters');
  const clock = options.clock ?? systemClock;
  const common = { clock, ...(options.random ? { random: options.random } : {}) };
  const rootKey = await generateSigningKey(algorithm);
  const issuingKey = await generateSigningKey(algorithm);
  const rootCert = await createRootCa({ organization, commonName: `${organization} Device Root CA`, signer: rootKey.signer, ...common });
  const root: CaSigner = { certificate: rootCert, signer: rootKey.signer };
  const issuingCert = await createIssuingCa({ organization, commonName: `${organization} Device Issuing CA 1`, signer: issuingKey.signer, root, ...common });
  const rootCrl = await createCrl({ ca: root, entries: [], crlNumber: 1, nextUpdateDays: 365, clock });
  const encrypt = async (key: typeof rootKey) =>
    JSON.stringify(await encryptPrivateKey({ privateKeyPkcs8: key.privateKeyPkcs8, algorithm, keyId: key.signer.keyId, passphrase, ...(options.scrypt ? { scrypt: options.scrypt } : {}), ...(options.random ? { random: options.random } : {}) }), null, 2);
  const [rootKeyFile, issuingKeyFile] = [await encrypt(rootKey), await encrypt(issuingKey)];
  rootKey.privateKeyPkcs8.fill(0);
  issuingKey.privateKeyPkcs8.fill(0);
  const config: CaConfig = { schemaVersion: 'cra-kit.ca/v1', organization, algorithm, ...(options.hardwareModuleType ? { hardwareModuleType: options.hardwareModuleType } : {}), crlNumber: 0, createdAt: clock.now().toISOString() };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeSecretFile(join(dir, CA_FILES.rootKey), rootKeyFile);
  await writeSecretFile(join(dir, CA_FILES.issuingKey), issuingKeyFile);
  await writeFile(join(dir, CA_FILES.root), toPem(rootCert, 'CERTIFICATE'));
  await writeFile(join(dir, CA_FILES.issuing), toPem(issuingCert, 'CERTIFICATE'));
  await writeFile(join(dir, CA_FILES.rootCrl), toPem(rootCrl, 'X509 CRL'));
  await writeFileAtomic(join(dir, CA_FILES.revoked), JSON.stringify({ schemaVersion: 'cra-kit.revoked/v1', entries: [] }, null, 2), CA_FILE_OPTIONS);
  await writeFileAtomic(join(dir, CA_FILES.config), JSON.stringify(config, null, 2), CA_FILE_OPTIONS); // last: marks the CA complete
  return config;
} // prettier-ignore

/** An opened CA directory: the issuing CA ready to sign, and its records. */
export interface CaDirectory {
  readonly dir: string;
  readonly config: CaConfig;
  /** Name of the issuing CA opened (`default` for the first; see {@link addIssuingCa}). */
  readonly issuingCa: string;
  /** The issuing CA (certificate + signer over the decrypted key, non-extractable). */
  readonly issuing: CaSigner;
  readonly rootCertificate: Uint8Array;
  /** PEM: issuing CA then root, the chain a device presents after its certificate. */
  readonly chainPem: string;
  /** Streams `issued.jsonl` (bounded memory). */
  issued(): AsyncIterable<IssuedRecord>;
  /** Appends a record to `issued.jsonl`. */
  recordIssued(record: IssuedRecord): Promise<void>;
  /** The current revocation list. */
  revocations(): Promise<RevocationList>;
  /** Revokes every certificate issued to `deviceSerial`; returns the new entries. */
  revoke(deviceSerial: string, reason: RevocationEntry['reason']): Promise<RevocationEntry[]>;
  /** Signs a fresh CRL for the issuing CA (and bumps its CRL number). Returns DER. */
  createCrl(nextUpdateDays?: number): Promise<Uint8Array>;
  /** Number of the last CRL {@link CaDirectory.createCrl} signed for this issuing CA. */
  readonly crlNumber: number;
}

/**
 * Opens a CA directory made by {@link initCaDirectory}, with one of its issuing CAs (the first
 * unless `issuingCa` names one added by {@link addIssuingCa}). Only that issuing key is
 * decrypted; the root key stays encrypted (offline). Issuance, revocation and CRLs then apply
 * to that issuing CA and its own records.
 * @throws {IdentityError} IDENTITY_CA_NOT_FOUND, IDENTITY_KEY_DECRYPTION_FAILED,
 *   IDENTITY_CERT_REVOKED (the issuing CA is revoked at the root)
 */
export async function openCaDirectory(options: { dir: string; passphrase: string; clock?: Clock; issuingCa?: string }): Promise<CaDirectory> {
  const { dir } = options;
  const clock = options.clock ?? systemClock;
  const paths = issuingPaths(dir, options.issuingCa);
  let config: CaConfig;
  let keyFile;
  let issuingCert: Uint8Array;
  let rootCert: Uint8Array;
  try {
    config = parseWith(CaConfigSchema, await readJson(join(dir, CA_FILES.config)), CA_FILES.config);
    keyFile = parseWith(EncryptedKeyFileSchema, await readJson(paths.key), CA_FILES.issuingKey);
    issuingCert = derOf(await readFile(paths.certificate, 'utf8'), 'CERTIFICATE', 'IDENTITY_CA_NOT_FOUND');
    rootCert = derOf(await readFile(join(dir, CA_FILES.root), 'utf8'), 'CERTIFICATE', 'IDENTITY_CA_NOT_FOUND');
  } catch (cause) {
    throw new IdentityError('IDENTITY_CA_NOT_FOUND', `no usable CA${paths.name === FIRST_ISSUING_CA ? '' : ` with issuing CA ${paths.name}`} in ${dir}`, { cause });
  }
  if ((await readRootRevoked(dir)).entries.some((e) => e.issuingCa === paths.name)) {
    throw new IdentityError('IDENTITY_CERT_REVOKED', `issuing CA ${paths.name} is revoked at the root`, { details: { issuingCa: paths.name } });
  }
  const pkcs8 = await decryptPrivateKey(keyFile, options.passphrase);
  let signer;
  try {
    // A node:crypto key: issuance from this directory takes the synchronous fast path.
    signer = await createNodeKeySigner({ algorithm: keyFile.algorithm, privateKeyPkcs8: pkcs8 });
  } finally {
    pkcs8.fill(0);
  }
  const issuing: CaSigner = { certificate: issuingCert, signer };
  const readRevoked = async () => parseWith(RevokedFileSchema, await readJson(paths.revoked), CA_FILES.revoked).entries;
  let crlNumber = (await issuingCrlCounter(dir, paths)).crlNumber;
  async function* issued(): AsyncIterable<IssuedRecord> {
    if (!(await exists(paths.issued))) return;
    const lines = createInterface({ input: createReadStream(paths.issued), crlfDelay: Infinity });
    for await (const line of lines) if (line.trim() !== '') yield parseWith(IssuedRecordSchema, JSON.parse(line), CA_FILES.issued);
  }
  return {
    dir,
    get config() {
      return config;
    },
    issuingCa: paths.name,
    issuing,
    rootCertificate: rootCert,
    chainPem: toPem(issuingCert, 'CERTIFICATE') + toPem(rootCert, 'CERTIFICATE'),
    issued,
    recordIssued: (record) => appendFile(paths.issued, `${JSON.stringify(record)}\n`),
    revocations: async () => createRevocationList(await readRevoked()),
    async revoke(deviceSerial, reason) {
      const current = await readRevoked();
      const known = new Set(current.map((e) => e.serialNumber));
      const added: RevocationEntry[] = [];
      for await (const r of issued()) {
        if (r.deviceSerial === deviceSerial && !known.has(r.serialNumber)) {
          known.add(r.serialNumber);
          added.push({ serialNumber: r.serialNumber, reason, revokedAt: new Date(Math.floor(clock.now().getTime() / 1000) * 1000).toISOString(), deviceSerial });
        }
      }
      if (added.length === 0 && !current.some((e) => e.deviceSerial === deviceSerial)) {
        throw new IdentityError('IDENTITY_INPUT_INVALID', `no certificate issued to ${deviceSerial}`);
      }
      await writeFileAtomic(paths.revoked, JSON.stringify({ schemaVersion: 'cra-kit.revoked/v1', entries: [...current, ...added] }, null, 2), CA_FILE_OPTIONS);
      return added;
    },
    get crlNumber() {
      return crlNumber;
    },
    async createCrl(nextUpdateDays = 7) {
      const counter = await issuingCrlCounter(dir, paths);
      const next = counter.crlNumber + 1;
      const crl = await createCrl({ ca: issuing, entries: await readRevoked(), crlNumber: next, nextUpdateDays, clock });
      await counter.save(next);
      crlNumber = next;
      if (paths.state === undefined) config = { ...config, crlNumber: next };
      return crl;
    },
  };
} // prettier-ignore

/**
 * Reads what a verifier needs from a CA directory, without the passphrase: the root and issuing
 * certificates (DER), the issuing CA's revocation list, and `caRevocations`, the issuing CAs
 * revoked at the root (pass both to {@link verifyDeviceCertificate}).
 * @throws {IdentityError} IDENTITY_CA_NOT_FOUND
 */
export async function readCaTrust(dir: string, options: { issuingCa?: string } = {}): Promise<{ root: Uint8Array; issuing: Uint8Array; revocations: RevocationList; caRevocations: RevocationList }> {
  const paths = issuingPaths(dir, options.issuingCa);
  try {
    const root = derOf(await readFile(join(dir, CA_FILES.root), 'utf8'), 'CERTIFICATE', 'IDENTITY_CA_NOT_FOUND');
    const issuing = derOf(await readFile(paths.certificate, 'utf8'), 'CERTIFICATE', 'IDENTITY_CA_NOT_FOUND');
    const revoked = parseWith(RevokedFileSchema, await readJson(paths.revoked), CA_FILES.revoked);
    const caRevoked = (await readRootRevoked(dir)).entries.map(({ serialNumber, reason, revokedAt }) => ({ serialNumber, reason, revokedAt }));
    return { root, issuing, revocations: createRevocationList(revoked.entries), caRevocations: createRevocationList(caRevoked) };
  } catch (cause) {
    throw new IdentityError('IDENTITY_CA_NOT_FOUND', `no usable CA in ${dir}`, { cause });
  }
} // prettier-ignore
