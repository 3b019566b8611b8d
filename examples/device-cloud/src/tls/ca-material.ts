import { access, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Clock } from '@cra-kit/core';
import { writeFileAtomic } from '@cra-kit/core/node';
import {
  CA_FILES,
  initCaDirectory,
  issueKeyPair,
  openCaDirectory,
  type CaDirectory,
} from '@cra-kit/identity';
import type { CloudConfig } from '../config/schema.js';
import { CloudError } from '../errors.js';

/** What the TLS listeners need from the CA: trust anchors, CRLs, the server key and chain. */
export interface TlsMaterial {
  readonly ca: CaDirectory;
  /** Root then issuing CA (PEM): the trust store for client certificates. */
  readonly trustPem: string;
  readonly rootPem: string;
  readonly rootCrlPem: string;
  readonly serverKeyPem: string;
  /** Server certificate followed by the issuing CA. */
  readonly serverCertPem: string;
}

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

/**
 * Opens the CA directory (creating it first when `createIfMissing`) with the passphrase from the
 * environment variable the config names, and loads or issues the server certificate.
 * @throws {CloudError} CLOUD_STARTUP_FAILED when the passphrase is missing or the CA unusable
 */
export async function loadTlsMaterial(config: CloudConfig, env: NodeJS.ProcessEnv, clock: Clock): Promise<TlsMaterial> {
  const passphrase = env[config.ca.passphraseEnv];
  if (passphrase === undefined || passphrase === '') {
    throw new CloudError('CLOUD_STARTUP_FAILED', `set the CA passphrase in the environment variable ${config.ca.passphraseEnv}`);
  }
  const dir = config.ca.dir ?? join(config.dataDir, 'ca');
  if (config.ca.createIfMissing && !(await exists(join(dir, CA_FILES.config)))) {
    await initCaDirectory({ dir, organization: config.ca.organization, passphrase, clock });
  }
  const ca = await openCaDirectory({ dir, passphrase, clock });
  const [rootPem, issuingPem, rootCrlPem] = await Promise.all(
    [CA_FILES.root, CA_FILES.issuing, CA_FILES.rootCrl].map((f) => readFile(join(dir, f), 'utf8')),
  ) as [string, string, string];
  const server = await serverCertificate(config, ca, clock);
  return { ca, trustPem: rootPem + issuingPem, rootPem, rootCrlPem, ...server };
} // prettier-ignore

/** The configured server key pair, or one issued from the CA (`tls-server`) on first start. */
async function serverCertificate(config: CloudConfig, ca: CaDirectory, clock: Clock) {
  const certFile = config.tls?.certFile ?? join(config.dataDir, 'tls', 'server.pem');
  const keyFile = config.tls?.keyFile ?? join(config.dataDir, 'tls', 'server.key');
  if (config.tls === undefined && !(await exists(certFile))) {
    const pair = await issueKeyPair({ ca: ca.issuing, algorithm: ca.config.algorithm, request: { profile: 'tls-server', serial: config.hostNames[0] ?? 'localhost', dnsNames: [...config.hostNames] }, clock });
    await mkdir(dirname(certFile), { recursive: true, mode: 0o700 });
    await writeFileAtomic(keyFile, pair.keyPem, { mode: 0o600 });
    await writeFileAtomic(certFile, pair.certificatePem, { mode: 0o644 }); // last: marks the pair complete
  }
  try {
    return { serverKeyPem: await readFile(keyFile, 'utf8'), serverCertPem: await readFile(certFile, 'utf8') };
  } catch (cause) {
    throw new CloudError('CLOUD_STARTUP_FAILED', 'cannot read the server certificate or key', { cause });
  }
} // prettier-ignore
