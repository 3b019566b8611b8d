import { createReadStream } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { access, mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseWith, type SignatureAlgorithm } from '@cra-kit/core';
import { toPem } from '../asn1/pem.js';
import { DEVICE_FILES, IssuedRecordSchema, type IssuedRecord } from '../ca/ca-files.js';
import { removeTree, type CaDirectory } from '../ca/ca-directory.js';
import { sha256Hex, type IssuedCertificate } from '../cert/issue.js';
import { createBulkIssuer } from '../fast/bulk-issuer.js';
import { DeviceSerialSchema, type CertificateProfileId } from '../cert/request.js';
import { writeSecretFile } from '../keys/encrypted-key.js';
import { derOf } from '../asn1/pem.js';
import { parseCertificateDer } from '../cert/sign.js';
import { serialHex } from '../cert/serial.js';

/** The manifest a batch writes next to its device directories (one JSON line per device). */
export const BATCH_MANIFEST = 'manifest.jsonl';

/** Where a batch puts each device's credentials. */
export type BatchSink =
  /** One directory per device serial under `out` with `cert.pem`, `chain.pem`, `key.pem`. */
  | { readonly kind: 'directories' }
  /** A callback (e.g. to a secure-element programmer); nothing but the manifest is written. */
  | {
      readonly kind: 'callback';
      deliver(device: {
        serial: string;
        certificate: Uint8Array;
        privateKeyPkcs8: Uint8Array;
      }): Promise<void>;
    };

/** Progress of a batch, reported every few devices. */
export interface BatchProgress {
  readonly done: number;
  readonly total: number;
  /** Devices found complete from an earlier run. */
  readonly resumed: number;
}

const pad = (i: number, count: number) =>
  String(i).padStart(Math.max(6, String(count).length), '0');

async function countManifest(path: string): Promise<number> {
  if (!(await access(path).then(() => true, () => false))) return 0;
  let n = 0;
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== '') { parseWith(IssuedRecordSchema, JSON.parse(line), BATCH_MANIFEST); n++; }
  return n;
} // prettier-ignore

// A device key made on the line, DER-encoded once: node:crypto, synchronous (no thread-pool trip).
function deviceKey(algorithm: SignatureAlgorithm): { spki: Uint8Array; privateKeyPkcs8: Uint8Array } {
  const publicKeyEncoding = { type: 'spki', format: 'der' } as const;
  const privateKeyEncoding = { type: 'pkcs8', format: 'der' } as const;
  const pair = algorithm === 'ed25519'
    ? generateKeyPairSync('ed25519', { publicKeyEncoding, privateKeyEncoding })
    : generateKeyPairSync('ec', { namedCurve: algorithm === 'ecdsa-p384-sha384' ? 'P-384' : 'P-256', publicKeyEncoding, privateKeyEncoding });
  return { spki: pair.publicKey, privateKeyPkcs8: pair.privateKey };
} // prettier-ignore

/**
 * The batch flow: issues `count` devices `<serialPrefix><000001…>` with keys generated on the
 * line, streaming each to `out` and a line to `manifest.jsonl`. Memory stays flat (one device in
 * flight), and a rerun resumes: devices already in the manifest (or whose directory is complete)
 * are never issued a second certificate.
 * @example
 * ```ts
 * await issueBatch({ ca, count: 1000, serialPrefix: 'VS-2026-', out: './batch-1', onProgress: (p) => console.error(p.done) });
 * ```
 */
export async function issueBatch(options: {
  ca: CaDirectory;
  count: number;
  serialPrefix: string;
  out: string;
  profile?: CertificateProfileId;
  validityDays?: number;
  keyAlgorithm?: SignatureAlgorithm;
  sink?: BatchSink;
  onProgress?: (progress: BatchProgress) => void;
}): Promise<{ issued: number; resumed: number; manifest: string }> {
  const { ca, count, out } = options;
  if (!Number.isSafeInteger(count) || count < 1 || count > 100_000_000) throw new RangeError('count must be 1..100,000,000');
  parseWith(DeviceSerialSchema, `${options.serialPrefix}${pad(count, count)}`, 'serial prefix');
  const sink = options.sink ?? { kind: 'directories' };
  await mkdir(out, { recursive: true, mode: 0o700 });
  const manifest = join(out, BATCH_MANIFEST);
  const resumed = await countManifest(manifest);
  const profile = options.profile ?? (ca.config.hardwareModuleType ? 'idevid-8021ar' : 'ldevid-mtls');
  const issuer = createBulkIssuer({ ca: ca.issuing });
  // One append handle for the whole run: a line per device, no open/close per device.
  const manifestFile = await open(manifest, 'a');
  const record = async (r: IssuedRecord) => {
    await ca.recordIssued(r);
    await manifestFile.write(`${JSON.stringify(r)}\n`);
  };
  let issued = 0;
  try {
  for (let i = resumed + 1; i <= count; i++) {
    const serial = `${options.serialPrefix}${pad(i, count)}`;
    const dir = join(out, serial);
    // A complete directory without a manifest line: the last run stopped in between. Record it.
    if (sink.kind === 'directories' && (await access(join(dir, DEVICE_FILES.certificate)).then(() => true, () => false))) {
      const der = derOf(await readFile(join(dir, DEVICE_FILES.certificate), 'utf8'), 'CERTIFICATE', 'IDENTITY_CERT_MALFORMED');
      const tbs = parseCertificateDer(der).tbsCertificate;
      await record({ deviceSerial: serial, serialNumber: serialHex(new Uint8Array(tbs.serialNumber)), fingerprint: sha256Hex(der), notAfter: tbs.validity.notAfter.getTime().toISOString(), profile });
      continue;
    }
    const key = deviceKey(options.keyAlgorithm ?? ca.config.algorithm);
    const cert: IssuedCertificate = await issuer.issueCertificate(key.spki, { profile, serial, ...(ca.config.hardwareModuleType ? { hardwareModuleType: ca.config.hardwareModuleType } : {}), ...(options.validityDays ? { validityDays: options.validityDays } : {}) });
    if (sink.kind === 'directories') {
      const temp = `${dir}.partial`;
      await removeTree(temp);
      await mkdir(temp, { mode: 0o700 });
      await writeFile(join(temp, DEVICE_FILES.certificate), toPem(cert.certificate, 'CERTIFICATE'));
      await writeFile(join(temp, DEVICE_FILES.chain), ca.chainPem);
      await writeSecretFile(join(temp, DEVICE_FILES.key), toPem(key.privateKeyPkcs8, 'PRIVATE KEY'));
      await rename(temp, dir);
    } else {
      await sink.deliver({ serial, certificate: cert.certificate, privateKeyPkcs8: key.privateKeyPkcs8 });
    }
    key.privateKeyPkcs8.fill(0);
    await record({ deviceSerial: serial, serialNumber: cert.serialNumber, fingerprint: cert.fingerprint, notAfter: cert.notAfter.toISOString(), profile });
    issued++;
    if (options.onProgress && (i % 100 === 0 || i === count)) options.onProgress({ done: i, total: count, resumed });
  }
  } finally {
    await manifestFile.close();
  }
  return { issued, resumed, manifest };
} // prettier-ignore
