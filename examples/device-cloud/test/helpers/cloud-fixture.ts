import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HTTP_PATHS } from '@cra-kit-examples/device-protocol';
import { generateSigningKey } from '@cra-kit/core';
import {
  CA_FILES,
  certificatesOfPkcs7,
  createCsr,
  initCaDirectory,
  openCaDirectory,
  toPem,
  type CaDirectory,
} from '@cra-kit/identity';
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import {
  resolveCloudConfig,
  startCloud,
  type Cloud,
  type CloudConfig,
  type CloudConfigInput,
  type CloudModule,
} from '../../src/index.js';

export const PASSPHRASE = 'test passphrase for the cloud CA';
export const FAST_SCRYPT = { N: 16_384, r: 8, p: 1 };
export const PROFILE = fileURLToPath(
  new URL('../../../products/vibration-sensor.cra.product.yaml', import.meta.url),
);

export interface Fixture {
  readonly dir: string;
  readonly cloud: Cloud;
  readonly ca: CaDirectory;
  readonly rootPem: string;
  readonly adminToken: string;
  readonly config: CloudConfig;
  /** Stops the cloud and starts it again on the same data (new ephemeral ports). */
  restart(modules?: CloudModule[]): Promise<void>;
  /** A JSON (or raw) request to the public listener. */
  api(
    method: string,
    path: string,
    options?: {
      token?: string;
      body?: unknown;
      raw?: string | Buffer;
      headers?: Record<string, string>;
    },
  ): Promise<HttpResult>;
  close(): Promise<void>;
}

export interface HttpResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  /** The body parsed as JSON, typed by the caller (test fixtures only). */
  json<T = Record<string, unknown>>(): T; // eslint-disable-line @typescript-eslint/no-unnecessary-type-parameters
}

/** One HTTPS request with our root as the only trust anchor (and a client certificate if given). */
export function httpsCall(url: string, options: RequestOptions & { body?: string | Buffer }): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { agent: false, servername: 'localhost', timeout: 20_000, ...options }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as never });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.end(options.body);
  });
} // prettier-ignore

/** Starts a cloud on ephemeral ports over a fresh CA in a temp directory. */
export async function startFixture(
  options: {
    /** Modules, or a function of the resolved config that makes them (e.g. `defaultModules`). */
    modules?: CloudModule[] | ((config: CloudConfig) => readonly CloudModule[]);
    /** Writes OTA material under `dir` and returns the `ota` section of the config. */
    ota?: (dir: string) => Promise<CloudConfigInput['ota']>;
    /** The `broker` section (default embedded), and work once the config is resolved, before the cloud starts (e.g. start Mosquitto). */
    broker?: (dir: string) => Promise<CloudConfigInput['broker']>;
    beforeStart?: (config: CloudConfig) => Promise<void>;
  } = {},
): Promise<Fixture> {
  const dir = await mkdtemp(join(tmpdir(), 'cra-cloud-'));
  const caDir = join(dir, 'ca');
  await initCaDirectory({ dir: caDir, organization: 'Acme Sensors', passphrase: PASSPHRASE, scrypt: FAST_SCRYPT });
  const config = resolveCloudConfig({
    dataDir: join(dir, 'data'),
    productProfile: PROFILE,
    ports: { public: 0, device: 0, mqtt: 0 },
    ca: { dir: caDir, passphraseEnv: 'TEST_CA_PASSPHRASE' },
    log: { level: 'silent' },
    ...(options.ota ? { ota: await options.ota(dir) } : {}),
    ...(options.broker ? { broker: await options.broker(dir) } : {}),
  });
  await options.beforeStart?.(config);
  const initial = typeof options.modules === 'function' ? [...options.modules(config)] : (options.modules ?? []);
  const start = (modules: CloudModule[]) => startCloud({ config, modules, env: { TEST_CA_PASSPHRASE: PASSPHRASE } });
  let cloud = await start(initial);
  const ca = await openCaDirectory({ dir: caDir, passphrase: PASSPHRASE });
  const rootPem = await readFile(join(caDir, CA_FILES.root), 'utf8');
  const adminToken = (await readFile(cloud.adminTokenFile, 'utf8')).trim();
  return {
    dir,
    get cloud() {
      return cloud;
    },
    ca,
    rootPem,
    adminToken,
    config,
    async restart(modules = []) {
      await cloud.close();
      cloud = await start(modules);
    },
    api(method, path, o = {}) {
      const body = o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
      const headers: Record<string, string> = { ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...o.headers };
      return httpsCall(cloud.publicUrl + path, { method, ca: rootPem, headers, ...(body === undefined ? {} : { body }) });
    },
    async close() {
      await cloud.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
} // prettier-ignore

/** A device's credentials (PEM) after enrollment. */
export interface DeviceCredentials {
  readonly serial: string;
  readonly keyPem: string;
  readonly certPem: string;
}

/** Creates a key and CSR for `serial` (base64 DER, as RFC 7030 sends it). */
export async function makeCsr(serial: string) {
  const key = await generateSigningKey('ecdsa-p256-sha256');
  const csr = await createCsr({ signer: key.signer, serial });
  return {
    keyPem: toPem(key.privateKeyPkcs8, 'PRIVATE KEY'),
    csrBase64: Buffer.from(csr).toString('base64'),
  };
}

/** Issues a bootstrap token (as admin) for `serial`. */
export async function bootstrapToken(f: Fixture, serial: string): Promise<string> {
  const res = await f.api('POST', '/api/v1/devices/bootstrap-tokens', {
    token: f.adminToken,
    body: { serials: [serial] },
  });
  if (res.status !== 201) throw new Error(`bootstrap-tokens: ${res.status} ${res.text}`);
  const [first] = res.json<{ tokens: { token: string }[] }>().tokens;
  if (first === undefined) throw new Error('no token returned');
  return first.token;
}

/** Enrolls `serial` through EST with a bootstrap token; returns its credentials. */
export async function enrollDevice(f: Fixture, serial: string): Promise<DeviceCredentials> {
  const token = await bootstrapToken(f, serial);
  const { keyPem, csrBase64 } = await makeCsr(serial);
  const res = await f.api('POST', HTTP_PATHS.estSimpleEnroll, {
    token,
    raw: csrBase64,
    headers: { 'content-type': 'application/pkcs10' },
  });
  if (res.status !== 200) throw new Error(`simpleenroll: ${res.status} ${res.text}`);
  const [cert] = certificatesOfPkcs7(new Uint8Array(Buffer.from(res.text, 'base64')));
  if (cert === undefined) throw new Error('no certificate in the EST response');
  return { serial, keyPem, certPem: toPem(cert, 'CERTIFICATE') + f.ca.chainPem };
}

/** Connects a device over MQTT with mutual TLS (no reconnects: a refusal stays visible). */
export function connectDevice(f: Fixture, creds: { keyPem: string; certPem: string }, clientId: string, extra: Partial<IClientOptions> = {}): Promise<MqttClient> {
  const client = connect(f.cloud.mqttUrl, {
    clientId,
    key: creds.keyPem,
    cert: creds.certPem,
    ca: f.rootPem,
    servername: 'localhost',
    rejectUnauthorized: true,
    reconnectPeriod: 0,
    connectTimeout: 15_000,
    protocolVersion: 4,
    ...extra,
  });
  // mqtt.js does not reject a connect that the server drops after the TLS handshake (TLS 1.3
  // reports a refused client certificate only then): a close before CONNACK is a refusal too.
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      client.end(true);
      reject(error);
    };
    client.once('connect', () => {
      resolve(client);
    });
    client.once('error', fail);
    client.once('close', () => {
      fail(new Error('connection closed before CONNACK'));
    });
  });
} // prettier-ignore

/** Subscribes and returns the granted QoS per topic (128: refused), without throwing on 128. */
export function subscribeGranted(client: MqttClient, topics: string[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    client.subscribe(topics, { qos: 1 }, (error, granted) => {
      const fromError = (error as { packet?: { granted?: number[] } } | null)?.packet?.granted;
      if (fromError) resolve(fromError);
      else if (error) reject(error);
      else resolve((granted ?? []).map((g) => g.qos));
    });
  });
}

/** A request on the device listener with a client certificate. */
export function deviceCall(
  f: Fixture,
  path: string,
  creds: { keyPem: string; certPem: string } | undefined,
  options: RequestOptions & { body?: string | Buffer } = {},
): Promise<HttpResult> {
  return httpsCall(f.cloud.deviceUrl + path, {
    ca: f.rootPem,
    ...(creds ? { key: creds.keyPem, cert: creds.certPem } : {}),
    ...options,
  });
}

/** Creates an operator with `roles` (as admin) and returns an API token for it. */
export async function operatorToken(f: Fixture, name: string, roles: string[]): Promise<string> {
  const created = await f.api('POST', '/api/v1/operators', {
    token: f.adminToken,
    body: { name, roles },
  });
  if (created.status !== 201) throw new Error(`create operator: ${created.status} ${created.text}`);
  const id = created.json<{ id: string }>().id;
  const token = await f.api('POST', `/api/v1/operators/${id}/tokens`, {
    token: f.adminToken,
    body: {},
  });
  if (token.status !== 201) throw new Error(`create token: ${token.status} ${token.text}`);
  return token.json<{ token: string }>().token;
}

/** Resolves when the MQTT client's connection is closed by the server. */
export function closed(client: MqttClient): Promise<void> {
  return new Promise((resolve) => {
    if (!client.connected) resolve();
    client.once('close', () => {
      resolve();
    });
  });
}
