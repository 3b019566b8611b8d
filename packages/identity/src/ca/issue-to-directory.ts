import { access, mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSigningKey, type SignatureAlgorithm } from '@cra-kit/core';
import { toPem } from '../asn1/pem.js';
import { issueCertificate, type IssuedCertificate } from '../cert/issue.js';
import { issueFromCsr } from '../cert/issue-from-csr.js';
import { parseIssueRequest, type IssueRequestInput } from '../cert/request.js';
import { IdentityError } from '../errors.js';
import { writeSecretFile } from '../keys/encrypted-key.js';
import { DEVICE_FILES } from './ca-files.js';
import { removeTree, type CaDirectory } from './ca-directory.js';

/**
 * Issues one device certificate from a CA directory into `out` (`cert.pem`, `chain.pem`, and
 * `key.pem` 0600 when no CSR is given and we generate the key). The output appears complete or
 * not at all, and a device serial is never issued twice.
 *
 * @throws {IdentityError} IDENTITY_SERIAL_ALREADY_ISSUED, IDENTITY_CA_EXISTS (out exists), and
 *   every error of {@link issueFromCsr}
 */
export async function issueToDirectory(options: {
  ca: CaDirectory;
  request: IssueRequestInput;
  out: string;
  csr?: string | Uint8Array;
  keyAlgorithm?: SignatureAlgorithm;
}): Promise<IssuedCertificate> {
  const { ca, out } = options;
  const request = parseIssueRequest({
    ...(ca.config.hardwareModuleType ? { hardwareModuleType: ca.config.hardwareModuleType } : {}),
    ...options.request,
  });
  for await (const record of ca.issued()) {
    if (record.deviceSerial === request.serial) {
      throw new IdentityError('IDENTITY_SERIAL_ALREADY_ISSUED', `${request.serial} has a certificate already`, {
        details: { serialNumber: record.serialNumber },
      });
    }
  }
  if (await access(out).then(() => true, () => false)) {
    throw new IdentityError('IDENTITY_CA_EXISTS', `${out} exists already`);
  }
  let issued: IssuedCertificate;
  let keyPem: string | undefined;
  if (options.csr !== undefined) {
    issued = await issueFromCsr({ ca: ca.issuing, csr: options.csr, request });
  } else {
    const key = await generateSigningKey(options.keyAlgorithm ?? ca.config.algorithm);
    issued = await issueCertificate({ ca: ca.issuing, subjectPublicKey: await key.signer.publicKey(), request });
    keyPem = toPem(key.privateKeyPkcs8, 'PRIVATE KEY');
    key.privateKeyPkcs8.fill(0);
  }
  const temp = `${out}.partial-${process.pid}`;
  await removeTree(temp);
  await mkdir(temp, { recursive: true, mode: 0o700 });
  try {
    await writeFile(join(temp, DEVICE_FILES.certificate), toPem(issued.certificate, 'CERTIFICATE'));
    await writeFile(join(temp, DEVICE_FILES.chain), ca.chainPem);
    if (keyPem !== undefined) await writeSecretFile(join(temp, DEVICE_FILES.key), keyPem);
    await rename(temp, out);
  } catch (error) {
    await removeTree(temp);
    throw error;
  }
  await ca.recordIssued({
    deviceSerial: issued.deviceSerial,
    serialNumber: issued.serialNumber,
    fingerprint: issued.fingerprint,
    notAfter: issued.notAfter.toISOString(),
    profile: request.profile,
  });
  return issued;
} // prettier-ignore
