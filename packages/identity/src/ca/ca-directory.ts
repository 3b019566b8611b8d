import { createReadStream } from 'node:fs';
import { access, mkdir, readFile, rename, rm, writeFile, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  createKeySigner,
  generateSigningKey,
  parseWith,
  systemClock,
  type Clock,
  type RandomSource,
  type SignatureAlgorithm,
} from '@cra-kit/core';
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
import {
  CA_FILES,
  CaConfigSchema,
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

/** Writes `data` to `path` atomically (temp file + rename), so a crash never half-writes. @internal */
export async function writeAtomic(path: string, data: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, data);
  await rename(temp, path);
}

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
  await writeAtomic(join(dir, CA_FILES.revoked), JSON.stringify({ schemaVersion: 'cra-kit.revoked/v1', entries: [] }, null, 2));
  await writeAtomic(join(dir, CA_FILES.config), JSON.stringify(config, null, 2)); // last: marks the CA complete
  return config;
} // prettier-ignore

/** An opened CA directory: the issuing CA ready to sign, and its records. */
export interface CaDirectory {
  readonly dir: string;
  readonly config: CaConfig;
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
  /** Signs a fresh CRL for the issuing CA (and bumps the CRL number). Returns DER. */
  createCrl(nextUpdateDays?: number): Promise<Uint8Array>;
}

/**
 * Opens a CA directory made by {@link initCaDirectory}. Only the issuing key is decrypted; the
 * root key stays encrypted (offline).
 * @throws {IdentityError} IDENTITY_CA_NOT_FOUND, IDENTITY_KEY_DECRYPTION_FAILED
 */
export async function openCaDirectory(options: { dir: string; passphrase: string; clock?: Clock }): Promise<CaDirectory> {
  const { dir } = options;
  const clock = options.clock ?? systemClock;
  let config: CaConfig;
  let keyFile;
  let issuingCert: Uint8Array;
  let rootCert: Uint8Array;
  try {
    config = parseWith(CaConfigSchema, await readJson(join(dir, CA_FILES.config)), CA_FILES.config);
    keyFile = parseWith(EncryptedKeyFileSchema, await readJson(join(dir, CA_FILES.issuingKey)), CA_FILES.issuingKey);
    issuingCert = derOf(await readFile(join(dir, CA_FILES.issuing), 'utf8'), 'CERTIFICATE', 'IDENTITY_CA_NOT_FOUND');
    rootCert = derOf(await readFile(join(dir, CA_FILES.root), 'utf8'), 'CERTIFICATE', 'IDENTITY_CA_NOT_FOUND');
  } catch (cause) {
    throw new IdentityError('IDENTITY_CA_NOT_FOUND', `no usable CA in ${dir}`, { cause });
  }
  const pkcs8 = await decryptPrivateKey(keyFile, options.passphrase);
  const signer = await createKeySigner({ algorithm: keyFile.algorithm, privateKeyPkcs8: pkcs8 });
  pkcs8.fill(0);
  const issuing: CaSigner = { certificate: issuingCert, signer };
  const revokedPath = join(dir, CA_FILES.revoked);
  const readRevoked = async () => parseWith(RevokedFileSchema, await readJson(revokedPath), CA_FILES.revoked).entries;
  async function* issued(): AsyncIterable<IssuedRecord> {
    const path = join(dir, CA_FILES.issued);
    if (!(await exists(path))) return;
    const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
    for await (const line of lines) if (line.trim() !== '') yield parseWith(IssuedRecordSchema, JSON.parse(line), CA_FILES.issued);
  }
  return {
    dir,
    get config() {
      return config;
    },
    issuing,
    rootCertificate: rootCert,
    chainPem: toPem(issuingCert, 'CERTIFICATE') + toPem(rootCert, 'CERTIFICATE'),
    issued,
    recordIssued: (record) => appendFile(join(dir, CA_FILES.issued), `${JSON.stringify(record)}\n`),
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
      await writeAtomic(revokedPath, JSON.stringify({ schemaVersion: 'cra-kit.revoked/v1', entries: [...current, ...added] }, null, 2));
      return added;
    },
    async createCrl(nextUpdateDays = 7) {
      const next = { ...config, crlNumber: config.crlNumber + 1 };
      const crl = await createCrl({ ca: issuing, entries: await readRevoked(), crlNumber: next.crlNumber, nextUpdateDays, clock });
      await writeAtomic(join(dir, CA_FILES.config), JSON.stringify(next, null, 2));
      config = next;
      return crl;
    },
  };
} // prettier-ignore

/** Removes a directory tree; used to clean up a partial output. @internal */
export const removeTree = (path: string) => rm(path, { recursive: true, force: true });

/**
 * Reads what a verifier needs from a CA directory, without the passphrase: the root and issuing
 * certificates (DER) and the revocation list.
 * @throws {IdentityError} IDENTITY_CA_NOT_FOUND
 */
export async function readCaTrust(dir: string): Promise<{ root: Uint8Array; issuing: Uint8Array; revocations: RevocationList }> {
  try {
    const root = derOf(await readFile(join(dir, CA_FILES.root), 'utf8'), 'CERTIFICATE', 'IDENTITY_CA_NOT_FOUND');
    const issuing = derOf(await readFile(join(dir, CA_FILES.issuing), 'utf8'), 'CERTIFICATE', 'IDENTITY_CA_NOT_FOUND');
    const revoked = parseWith(RevokedFileSchema, await readJson(join(dir, CA_FILES.revoked)), CA_FILES.revoked);
    return { root, issuing, revocations: createRevocationList(revoked.entries) };
  } catch (cause) {
    throw new IdentityError('IDENTITY_CA_NOT_FOUND', `no usable CA in ${dir}`, { cause });
  }
} // prettier-ignore
