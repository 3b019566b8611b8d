import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parseWith } from '@cra-kit/core';
import { parse } from 'yaml';
import { CloudError } from '../errors.js';
import { resolveBrokerConfig } from '../external-broker/config.js';
import { CloudConfigSchema, type CloudConfig, type CloudConfigInput } from './schema.js';

const MAX_CONFIG_BYTES = 256 * 1024;

/**
 * Validates a configuration object and makes every path absolute (relative to `baseDir`), filling
 * the path defaults that depend on `dataDir`.
 * @throws {ValidationError} CORE_VALIDATION_FAILED
 */
export function resolveCloudConfig(
  input: CloudConfigInput | object,
  baseDir = process.cwd(),
): CloudConfig {
  const config = parseWith(CloudConfigSchema, input, 'cloud config');
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  const opt = (p: string | undefined) => (p === undefined ? undefined : abs(p));
  const dataDir = abs(config.dataDir);
  return {
    ...config,
    dataDir,
    database:
      typeof config.database === 'object'
        ? config.database
        : abs(config.database ?? join(dataDir, 'cloud.sqlite')),
    productProfile: abs(config.productProfile),
    ca: { ...config.ca, dir: abs(config.ca.dir ?? join(dataDir, 'ca')) },
    tls: config.tls && { certFile: abs(config.tls.certFile), keyFile: abs(config.tls.keyFile) },
    ota: {
      repositoryDir: opt(config.ota.repositoryDir),
      directorKeyFile: opt(config.ota.directorKeyFile),
      trustedRoot: opt(config.ota.trustedRoot),
    },
    operators: {
      bootstrapTokenFile: abs(config.operators.bootstrapTokenFile ?? join(dataDir, 'admin.token')),
    },
    broker: resolveBrokerConfig(config.broker, baseDir, dataDir),
  };
}

/**
 * Reads a YAML configuration file; relative paths resolve against its directory.
 * @throws {CloudError} CLOUD_CONFIG_INVALID when the file is missing, too large or not YAML
 * @throws {ValidationError} CORE_VALIDATION_FAILED when it does not match {@link CloudConfigSchema}
 */
export async function loadCloudConfig(path: string): Promise<CloudConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new CloudError('CLOUD_CONFIG_INVALID', `cannot read ${path}`, { cause });
  }
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) {
    throw new CloudError(
      'CLOUD_CONFIG_INVALID',
      `${path} is larger than ${MAX_CONFIG_BYTES} bytes`,
    );
  }
  let data: object | null;
  try {
    data = parse(text, { maxAliasCount: 10 }) as object | null;
  } catch (cause) {
    throw new CloudError('CLOUD_CONFIG_INVALID', `${path} is not valid YAML`, { cause });
  }
  return resolveCloudConfig(data ?? {}, dirname(resolve(path)));
}
