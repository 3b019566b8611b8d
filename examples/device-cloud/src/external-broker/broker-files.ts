import { access, mkdir } from 'node:fs/promises';
import { generateSigningKey, type Clock } from '@cra-kit/core';
import { issueCertificate, toPem, type CaDirectory } from '@cra-kit/identity';
import { CloudError } from '../errors.js';
import { writeFileAtomic } from './atomic-file.js';
import type { ExternalBrokerConfig } from './config.js';
import {
  mosquittoFiles,
  renderAcl,
  renderMosquittoConf,
  type MosquittoFiles,
} from './mosquitto-config.js';

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

/** Host and port of an `mqtts://host:port` URL (validated by the config schema). */
export function brokerAddress(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port) };
}

/**
 * Writes everything Mosquitto needs into `configDir`, each file atomically: the configuration and
 * ACL, our trust anchors, the CRLs, and (only when missing, so a running broker keeps its key) a
 * `tls-server` certificate from our CA for the URL's host. The broker's key file is 0600.
 */
export async function writeMosquittoFiles(options: {
  broker: ExternalBrokerConfig;
  ca: CaDirectory;
  /** Root then issuing CA (PEM). */
  trustPem: string;
  /** Issuing-CA CRL and root CRL (PEM). */
  crlPems: readonly string[];
  clock: Clock;
}): Promise<MosquittoFiles> {
  const { broker } = options;
  if (broker.configDir === undefined || broker.pidFile === undefined) {
    throw new CloudError('CLOUD_CONFIG_INVALID', 'broker paths are not resolved (resolveCloudConfig)');
  }
  const dir = broker.configDir;
  const files = mosquittoFiles(dir);
  await mkdir(dir, { recursive: true, mode: 0o750 });
  if (broker.persistence) await mkdir(files.persistence, { recursive: true, mode: 0o750 });
  const { host, port } = brokerAddress(broker.url);
  if (!((await exists(files.cert)) && (await exists(files.key)))) {
    const key = await generateSigningKey('ecdsa-p256-sha256');
    const issued = await issueCertificate({
      ca: options.ca.issuing,
      subjectPublicKey: await key.signer.publicKey(),
      request: { profile: 'tls-server', serial: host, dnsNames: [host] },
      clock: options.clock,
    });
    await writeFileAtomic(files.key, toPem(key.privateKeyPkcs8, 'PRIVATE KEY'), 0o600);
    key.privateKeyPkcs8.fill(0);
    const chain = toPem(issued.certificate, 'CERTIFICATE') + toPem(options.ca.issuing.certificate, 'CERTIFICATE');
    await writeFileAtomic(files.cert, chain); // last: marks the pair complete
  }
  await writeFileAtomic(files.ca, options.trustPem);
  await writeFileAtomic(files.crl, options.crlPems.join(''));
  await writeFileAtomic(files.acl, renderAcl(broker.serviceNames ?? [broker.serviceName]));
  await writeFileAtomic(files.conf, renderMosquittoConf({ files, port, bindAddress: broker.bindAddress, pidFile: broker.pidFile, persistence: broker.persistence, runAsUser: broker.runAsUser }));
  return files;
} // prettier-ignore
