import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateSigningKey, type SignatureAlgorithm } from '@cra-kit/core';
import { createIssuingCa, createRootCa, toPem, type CaSigner } from '@cra-kit/identity';

const run = promisify(execFile);

/** Runs openssl; resolves to { ok, out } instead of throwing on a non-zero exit. */
export async function openssl(args: string[]): Promise<{ ok: boolean; out: string }> {
  try {
    const { stdout, stderr } = await run('openssl', args);
    return { ok: true, out: stdout + stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

export const tempDir = () => mkdtemp(join(tmpdir(), 'cra-identity-'));

/** Writes PEM files into a temp dir and returns their paths. */
export async function pemFiles(dir: string, files: Record<string, string>) {
  const out: Record<string, string> = {};
  for (const [name, pem] of Object.entries(files)) {
    out[name] = join(dir, name);
    await writeFile(out[name], pem);
  }
  return out;
}

/** A root and an issuing CA with in-memory keys. */
export async function makeHierarchy(algorithm: SignatureAlgorithm = 'ecdsa-p256-sha256', organization = 'Acme Sensors') {
  const rootKey = await generateSigningKey(algorithm);
  const root: CaSigner = {
    signer: rootKey.signer,
    certificate: await createRootCa({ organization, commonName: `${organization} Root CA`, signer: rootKey.signer }),
  };
  const issuingKey = await generateSigningKey(algorithm);
  const issuing: CaSigner = {
    signer: issuingKey.signer,
    certificate: await createIssuingCa({ organization, commonName: `${organization} Issuing CA`, signer: issuingKey.signer, root }),
  };
  return { root, issuing, rootPem: toPem(root.certificate, 'CERTIFICATE'), issuingPem: toPem(issuing.certificate, 'CERTIFICATE') };
} // prettier-ignore

/** A device key pair: its signer and DER SPKI. */
export async function deviceKey(algorithm: SignatureAlgorithm = 'ecdsa-p256-sha256') {
  const key = await generateSigningKey(algorithm);
  return { ...key, spki: await key.signer.publicKey() };
}

export const HW_TYPE = '1.3.6.1.4.1.99999.1';
