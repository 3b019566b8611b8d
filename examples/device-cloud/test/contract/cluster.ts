import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CA_FILES, initCaDirectory, openCaDirectory } from '@cra-kit/identity';
import {
  resolveCloudConfig,
  startCloud,
  type CloudConfig,
  type CloudConfigInput,
  type CloudModule,
} from '../../src/index.js';
import {
  FAST_SCRYPT,
  httpsCall,
  PASSPHRASE,
  PROFILE,
  type Fixture,
} from '../helpers/cloud-fixture.js';

/** Several cloud instances on one PostgreSQL database and one CA, each with its own data directory and ports. */
export interface Cluster {
  readonly dir: string;
  readonly caDir: string;
  readonly nodes: Fixture[];
  close(): Promise<void>;
}

/** The configuration file of instance `name` of a cluster (ephemeral ports, shared CA and database). */
export function nodeConfigInput(
  dir: string,
  caDir: string,
  url: string,
  name: string,
  extra: Partial<CloudConfigInput> = {},
): CloudConfigInput {
  return {
    dataDir: join(dir, name),
    productProfile: PROFILE,
    ports: { public: 0, device: 0, mqtt: 0 },
    ca: { dir: caDir, passphraseEnv: 'TEST_CA_PASSPHRASE' },
    log: { level: 'silent' },
    database: { url, poolSize: 4 },
    ...extra,
  };
}

/**
 * Starts `count` instances one after the other against the database at `url`. The first creates
 * the admin; every node's `adminToken` is that one token (operators live in the database).
 */
export async function startCluster(url: string, count: number, modules: (config: CloudConfig) => CloudModule[], extra: Partial<CloudConfigInput> = {}): Promise<Cluster> {
  const dir = await mkdtemp(join(tmpdir(), 'cra-cluster-'));
  const caDir = join(dir, 'ca');
  await initCaDirectory({ dir: caDir, organization: 'Acme Sensors', passphrase: PASSPHRASE, scrypt: FAST_SCRYPT });
  const ca = await openCaDirectory({ dir: caDir, passphrase: PASSPHRASE });
  const rootPem = await readFile(join(caDir, CA_FILES.root), 'utf8');
  const nodes: Fixture[] = [];
  let adminToken = '';
  try {
    for (let i = 0; i < count; i += 1) {
      const config = resolveCloudConfig(nodeConfigInput(dir, caDir, url, `node-${i}`, extra));
      const start = (m: CloudModule[]) => startCloud({ config, modules: m, env: { TEST_CA_PASSPHRASE: PASSPHRASE } });
      let cloud = await start(modules(config));
      if (i === 0) adminToken = (await readFile(cloud.adminTokenFile, 'utf8')).trim();
      nodes.push({
        dir, ca, rootPem, adminToken, config,
        get cloud() { return cloud; },
        async restart(m = modules(config)) {
          await cloud.close();
          cloud = await start(m);
        },
        api(method, path, o = {}) {
          const body = o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
          const headers: Record<string, string> = { ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...o.headers };
          return httpsCall(cloud.publicUrl + path, { method, ca: rootPem, headers, ...(body === undefined ? {} : { body }) });
        },
        close: () => cloud.close(),
      });
    }
  } catch (error) {
    await Promise.all(nodes.map((n) => n.close()));
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir, caDir, nodes,
    async close() {
      await Promise.all(nodes.map((n) => n.close()));
      await rm(dir, { recursive: true, force: true });
    },
  };
} // prettier-ignore

/** Polls `probe` until it returns a value other than undefined (the other instance's write is visible). */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
