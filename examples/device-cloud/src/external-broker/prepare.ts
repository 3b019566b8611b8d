import { systemClock, type Clock } from '@cra-kit/core';
import { toPem } from '@cra-kit/identity';
import type { CloudConfig } from '../config/schema.js';
import { CloudError } from '../errors.js';
import { loadTlsMaterial } from '../tls/ca-material.js';
import { writeMosquittoFiles } from './broker-files.js';
import type { MosquittoFiles } from './mosquitto-config.js';

/**
 * Generates the external broker's files before Mosquitto is first started (the cloud writes them
 * again on every start): run it, start `mosquitto -c <conf>`, then start the cloud.
 * @throws {CloudError} CLOUD_CONFIG_INVALID when the config's broker is not `external`;
 *   CLOUD_STARTUP_FAILED when the CA cannot be opened
 */
export async function prepareExternalBroker(options: {
  config: CloudConfig;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
}): Promise<MosquittoFiles> {
  const { config } = options;
  if (config.broker.mode !== 'external') {
    throw new CloudError('CLOUD_CONFIG_INVALID', 'broker.mode is not external');
  }
  const clock = options.clock ?? systemClock;
  const tls = await loadTlsMaterial(config, options.env ?? process.env, clock);
  const issuingCrlPem = toPem(await tls.ca.createCrl(), 'X509 CRL');
  return writeMosquittoFiles({
    broker: config.broker,
    ca: tls.ca,
    trustPem: tls.trustPem,
    crlPems: [issuingCrlPem, tls.rootCrlPem],
    clock,
  });
}
