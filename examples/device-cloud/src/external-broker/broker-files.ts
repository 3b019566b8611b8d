import { access, mkdir } from 'node:fs/promises';
import type { Clock } from '@cra-kit/core';
import { issueKeyPair, type CaDirectory } from '@cra-kit/identity';
import { CloudError } from '../errors.js';
import { writeFileAtomic } from '@cra-kit/core/node';
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

/** Mosquitto re-reads these after dropping privileges (`user`), so they are world-readable. */
const PUBLIC = { mode: 0o644 } as const;

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
    const pair = await issueKeyPair({ ca: options.ca.issuing, request: { profile: 'tls-server', serial: host, dnsNames: [host] }, clock: options.clock });
    await writeFileAtomic(files.key, pair.keyPem, { mode: 0o600 });
    await writeFileAtomic(files.cert, pair.certificatePem, PUBLIC); // last: marks the pair complete
  }
  await writeFileAtomic(files.ca, options.trustPem, PUBLIC);
  await writeFileAtomic(files.crl, options.crlPems.join(''), PUBLIC);
  await writeFileAtomic(files.acl, renderAcl(broker.serviceNames ?? [broker.serviceName], { receivers: broker.receivers }), PUBLIC);
  await writeFileAtomic(files.conf, renderMosquittoConf({ files, port, bindAddress: broker.bindAddress, pidFile: broker.pidFile, persistence: broker.persistence, runAsUser: broker.runAsUser, maxQueuedMessages: broker.maxQueuedMessages }), PUBLIC);
  return files;
} // prettier-ignore
