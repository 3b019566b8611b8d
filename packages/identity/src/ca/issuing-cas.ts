import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  generateSigningKey,
  parseWith,
  systemClock,
  type Clock,
  type RandomSource,
} from '@cra-kit/core';
import { writeFileAtomic } from '@cra-kit/core/node';
import { derOf, toPem } from '../asn1/pem.js';
import type { CaSigner } from '../cert/issue.js';
import { serialHex } from '../cert/serial.js';
import { parseCertificateDer } from '../cert/sign.js';
import { IdentityError } from '../errors.js';
import {
  decryptPrivateKey,
  EncryptedKeyFileSchema,
  encryptPrivateKey,
  writeSecretFile,
} from '../keys/encrypted-key.js';
import { createNodeKeySigner } from '../keys/node-key-signer.js';
import {
  CA_FILES,
  CA_FILE_OPTIONS,
  CaConfigSchema,
  FIRST_ISSUING_CA,
  IssuingCaNameSchema,
  IssuingCaStateSchema,
  RootRevokedFileSchema,
  type CaConfig,
} from './ca-files.js';
import { createIssuingCa } from './create-ca.js';
import { removeTree } from './remove-tree.js';

/** Where one issuing CA keeps its files inside a CA directory. @internal */
export interface IssuingPaths {
  readonly name: string;
  readonly certificate: string;
  readonly key: string;
  readonly issued: string;
  readonly revoked: string;
  /** `state.json` of an added CA; `undefined` for the first, whose CRL number lives in `ca.json`. */
  readonly state: string | undefined;
}

/** The paths of issuing CA `name` (`default`: the top-level `issuing.pem`). @internal */
export function issuingPaths(dir: string, name: string = FIRST_ISSUING_CA): IssuingPaths {
  parseWith(IssuingCaNameSchema, name, 'issuing CA name');
  const base = name === FIRST_ISSUING_CA ? dir : join(dir, CA_FILES.issuingCas, name);
  return { name, certificate: join(base, CA_FILES.issuing), key: join(base, CA_FILES.issuingKey), issued: join(base, CA_FILES.issued), revoked: join(base, CA_FILES.revoked), state: name === FIRST_ISSUING_CA ? undefined : join(base, CA_FILES.issuingState) };
} // prettier-ignore

const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as unknown;

/** `ca.json`, parsed. @throws {IdentityError} IDENTITY_CA_NOT_FOUND @internal */
export async function readCaConfig(dir: string): Promise<CaConfig> {
  try {
    return parseWith(CaConfigSchema, await readJson(join(dir, CA_FILES.config)), CA_FILES.config);
  } catch (cause) {
    throw new IdentityError('IDENTITY_CA_NOT_FOUND', `no usable CA in ${dir}`, { cause });
  }
}

/** Decrypts the offline root key of a CA directory into a Signer. @internal */
export async function openRoot(dir: string, passphrase: string): Promise<CaSigner> {
  let keyFile;
  let certificate: Uint8Array;
  try {
    keyFile = parseWith(
      EncryptedKeyFileSchema,
      await readJson(join(dir, CA_FILES.rootKey)),
      CA_FILES.rootKey,
    );
    certificate = derOf(
      await readFile(join(dir, CA_FILES.root), 'utf8'),
      'CERTIFICATE',
      'IDENTITY_CA_NOT_FOUND',
    );
  } catch (cause) {
    throw new IdentityError('IDENTITY_CA_NOT_FOUND', `no usable root CA in ${dir}`, { cause });
  }
  const pkcs8 = await decryptPrivateKey(keyFile, passphrase);
  try {
    return {
      certificate,
      signer: await createNodeKeySigner({ algorithm: keyFile.algorithm, privateKeyPkcs8: pkcs8 }),
    };
  } finally {
    pkcs8.fill(0);
  }
}

/** One issuing CA of a CA directory, as {@link listIssuingCas} reports it. */
export interface IssuingCaInfo {
  readonly name: string;
  /** Certificate serial, lower-case hex. */
  readonly serialNumber: string;
  readonly subject: string;
  readonly notAfter: Date;
  /** Revoked at the root (then it may no longer issue). */
  readonly revoked: boolean;
}

/**
 * Lists the issuing CAs of a CA directory: the first (`default`) and every one added with
 * {@link addIssuingCa}. Needs no passphrase.
 * @throws {IdentityError} IDENTITY_CA_NOT_FOUND
 */
export async function listIssuingCas(dir: string): Promise<IssuingCaInfo[]> {
  await readCaConfig(dir);
  const added = await readdir(join(dir, CA_FILES.issuingCas)).catch(() => [] as string[]);
  const revoked = new Set((await readRootRevoked(dir)).entries.map((e) => e.issuingCa));
  const out: IssuingCaInfo[] = [];
  for (const name of [FIRST_ISSUING_CA, ...added.filter((n) => IssuingCaNameSchema.safeParse(n).success).sort()]) {
    const der = derOf(await readFile(issuingPaths(dir, name).certificate, 'utf8'), 'CERTIFICATE', 'IDENTITY_CA_NOT_FOUND');
    const tbs = parseCertificateDer(der).tbsCertificate;
    const subject = tbs.subject.map((rdn) => rdn.map((atv) => atv.value.toString()).join('+')).join(', ');
    out.push({ name, serialNumber: serialHex(new Uint8Array(tbs.serialNumber)), subject, notAfter: tbs.validity.notAfter.getTime(), revoked: revoked.has(name) });
  }
  return out;
} // prettier-ignore

/** `root-revoked.json`, or an empty list. @internal */
export async function readRootRevoked(dir: string) {
  const path = join(dir, CA_FILES.rootRevoked);
  const raw = await readJson(path).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { schemaVersion: 'cra-kit.root-revoked/v1', entries: [] };
    throw new IdentityError('IDENTITY_CA_NOT_FOUND', `${CA_FILES.rootRevoked} cannot be read`, {
      cause: error,
    });
  });
  return parseWith(RootRevokedFileSchema, raw, CA_FILES.rootRevoked);
}

/**
 * Adds an issuing CA (pathLen 0) under the offline root, e.g. one per product line or
 * production batch, so that one can be revoked at the root without touching the others. Its
 * files go to `issuing/<name>/` (certificate, key encrypted under `passphrase` and 0600, its
 * own `issued.jsonl` and `revoked.json`); select it with `openCaDirectory({ issuingCa: name })`.
 *
 * @throws {IdentityError} IDENTITY_CA_NOT_FOUND, IDENTITY_KEY_DECRYPTION_FAILED, IDENTITY_CA_EXISTS
 *   (the name is taken), IDENTITY_INPUT_INVALID (a bad name)
 * @example
 * ```ts
 * await addIssuingCa({ dir: './ca', name: 'vs-2027', passphrase });
 * ```
 */
export async function addIssuingCa(options: { dir: string; name: string; passphrase: string; clock?: Clock; random?: RandomSource; scrypt?: { N: number; r: number; p: number } }): Promise<IssuingCaInfo> {
  const { dir, name, passphrase } = options;
  if (!IssuingCaNameSchema.safeParse(name).success || name === FIRST_ISSUING_CA) throw new IdentityError('IDENTITY_INPUT_INVALID', `"${name}" is not a name for an added issuing CA`);
  const config = await readCaConfig(dir);
  const paths = issuingPaths(dir, name);
  const base = join(dir, CA_FILES.issuingCas, name);
  if (await readFile(paths.certificate).then(() => true, () => false)) throw new IdentityError('IDENTITY_CA_EXISTS', `issuing CA ${name} exists already`);
  const root = await openRoot(dir, passphrase);
  const clock = options.clock ?? systemClock;
  const key = await generateSigningKey(config.algorithm);
  try {
    const certificate = await createIssuingCa({ organization: config.organization, commonName: `${config.organization} Device Issuing CA ${name}`, signer: key.signer, root, clock, ...(options.random ? { random: options.random } : {}) });
    const keyFile = await encryptPrivateKey({ privateKeyPkcs8: key.privateKeyPkcs8, algorithm: config.algorithm, keyId: key.signer.keyId, passphrase, ...(options.scrypt ? { scrypt: options.scrypt } : {}), ...(options.random ? { random: options.random } : {}) });
    // Built in a temp folder and renamed into place: the CA appears complete or not at all.
    const temp = `${base}.partial-${process.pid}`;
    await removeTree(temp);
    await mkdir(temp, { recursive: true, mode: 0o700 });
    try {
      await writeSecretFile(join(temp, CA_FILES.issuingKey), JSON.stringify(keyFile, null, 2));
      await writeFile(join(temp, CA_FILES.issuing), toPem(certificate, 'CERTIFICATE'));
      await writeFile(join(temp, CA_FILES.revoked), JSON.stringify({ schemaVersion: 'cra-kit.revoked/v1', entries: [] }, null, 2));
      await writeFile(join(temp, CA_FILES.issuingState), JSON.stringify({ schemaVersion: 'cra-kit.issuing-ca/v1', name, crlNumber: 0, createdAt: clock.now().toISOString() }, null, 2));
      await rename(temp, base);
    } catch (error) {
      await removeTree(temp);
      throw error;
    }
  } finally {
    key.privateKeyPkcs8.fill(0);
  }
  const info = (await listIssuingCas(dir)).find((c) => c.name === name);
  if (info === undefined) throw new IdentityError('IDENTITY_CA_NOT_FOUND', `issuing CA ${name} did not appear`);
  return info;
} // prettier-ignore

/** The CRL number of an issuing CA, and how to store the next one. @internal */
export async function issuingCrlCounter(dir: string, paths: IssuingPaths) {
  if (paths.state === undefined) {
    const config = await readCaConfig(dir);
    return { crlNumber: config.crlNumber, save: (n: number) => writeFileAtomic(join(dir, CA_FILES.config), JSON.stringify({ ...config, crlNumber: n }, null, 2), CA_FILE_OPTIONS) };
  }
  const statePath = paths.state;
  const state = parseWith(IssuingCaStateSchema, await readJson(statePath), CA_FILES.issuingState);
  return { crlNumber: state.crlNumber, save: (n: number) => writeFileAtomic(statePath, JSON.stringify({ ...state, crlNumber: n }, null, 2), CA_FILE_OPTIONS) };
} // prettier-ignore
