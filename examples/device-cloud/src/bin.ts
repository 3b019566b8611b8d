#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { SdkError } from '@cra-kit/core';
import { startCloud } from './cloud.js';
import { loadCloudConfig } from './config/load.js';
import { defaultModules } from './default-modules.js';

/** `cra-cloud --config <file>`: runs the cloud until SIGTERM/SIGINT, then shuts down gracefully. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { config: { type: 'string', short: 'c' } } });
  if (values.config === undefined) {
    process.stderr.write('usage: cra-cloud --config <cloud.config.yaml>\n');
    process.exitCode = 2;
    return;
  }
  const config = await loadCloudConfig(values.config);
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
