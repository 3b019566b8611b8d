#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { SdkError } from '@cra-kit/core';
import { startCloud } from './cloud.js';
import { loadCloudConfig } from './config/load.js';
import { defaultModules } from './default-modules.js';
import { prepareExternalBroker } from './external-broker/index.js';
import { tuneGarbageCollection } from './runtime/gc-tuning.js';

const USAGE = `usage: cra-cloud --config <cloud.config.yaml> [--prepare-broker] [--json]
  --prepare-broker  write the external Mosquitto broker's files (broker.mode: external) and exit:
                    run it once before Mosquitto's first start
`;

/**
 * `cra-cloud --config <file>`: runs the cloud until SIGTERM/SIGINT, then shuts down gracefully.
 * With `--prepare-broker`, writes the external broker's configuration and exits.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string', short: 'c' },
      'prepare-broker': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  if (values.config === undefined) {
    process.stderr.write(USAGE);
    process.exitCode = 2;
    return;
  }
  const config = await loadCloudConfig(values.config);
  if (values['prepare-broker'] === true) {
    const files = await prepareExternalBroker({ config });
    process.stdout.write(
      values.json === true
        ? `${JSON.stringify(files)}\n`
        : `wrote the Mosquitto configuration: ${files.conf}\nstart it with: mosquitto -c ${files.conf}\n`,
    );
    return;
  }
  tuneGarbageCollection(config.runtime.heapGrowingPercent);
  const cloud = await startCloud({ config, modules: defaultModules(config).modules });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    cloud.ctx.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      process.exit(1);
    }, 15_000).unref();
    cloud.close().then(
      () => {
        clearTimeout(force);
      },
      (err: unknown) => {
        cloud.ctx.log.error({ err }, 'shutdown failed');
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
}

main().catch((error: unknown) => {
  const detail = SdkError.isInstance(error) ? JSON.stringify(error.toJSON()) : String(error);
  process.stderr.write(`cra-cloud: ${detail}\n`);
  process.exitCode = 1;
});
