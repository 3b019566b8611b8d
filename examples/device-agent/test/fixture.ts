import { once } from 'node:events';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { Aedes } from 'aedes';
import { SdkError, generateSigningKey, type Signer } from '@cra-kit/core';
import { memoryStorage } from '@cra-kit/testing';
import {
  authenticateTlsPeer,
  certsOnlyPkcs7,
  createBootstrapTokens,
  createEstService,
  createIssuingCa,
  createRootCa,
  deviceIdentityOf,
  issueKeyPair,
  mtlsServerOptions,
  toPem,
  type CaSigner,
} from '@cra-kit/identity';
import {
  FileRepository,
  addTarget,
  initRepository,
  rotateKeys,
  signDirectorTargets,
  tufKeyOf,
  type TargetFile,
  type TufKey,
} from '@cra-kit/ota-signing';
import {
  HTTP_PATHS,
  devicePrefix,
  noticesTopic,
  type Notice,
} from '@cra-kit-examples/device-protocol';
import type { AgentConfigInput } from '@cra-kit-examples/device-agent';
// prettier-ignore

export const HARDWARE_ID = 'vs-200-revB';
export const tempDir = (prefix: string) => mkdtemp(join(tmpdir(), `cra-agent-${prefix}-`));

/** Deterministic pseudo-random bytes (an image's content). */
export function imageBytes(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let x = seed >>> 0;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

async function listen(server: Server | ReturnType<typeof createTlsServer>): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

const readBody = async (req: AsyncIterable<Buffer>) => {
  const parts: Buffer[] = [];
  for await (const p of req) parts.push(p);
  return Buffer.concat(parts).toString('utf8');
};

const STATUS: Record<string, number> = { IDENTITY_ENROLLMENT_DENIED: 401, IDENTITY_RATE_LIMITED: 429, IDENTITY_CERT_UNTRUSTED: 401, IDENTITY_CERT_REVOKED: 401, IDENTITY_CERT_EXPIRED: 401 }; // prettier-ignore

/**
 * A stand-in for the reference cloud made of real parts: a PKI from @cra-kit/identity, EST
 * enrollment behind real node `https` servers (public: server TLS; device: mutual TLS), a TUF
 * image repository with 2-of-3 targets keys from @cra-kit/ota-signing, a director signing per
 * device, and optionally an Aedes broker over mutual TLS (client id = certificate serial).
 */
export async function startCloud(options: { broker?: boolean } = {}) {
  const dir = await tempDir('cloud');
  // PKI
  const rootKey = await generateSigningKey('ecdsa-p256-sha256');
  const root: CaSigner = {
    signer: rootKey.signer,
    certificate: await createRootCa({
      organization: 'Acme Sensors',
      commonName: 'Acme Sensors Root CA',
      signer: rootKey.signer,
    }),
  };
  const issuingKey = await generateSigningKey('ecdsa-p256-sha256');
  const issuing: CaSigner = {
    signer: issuingKey.signer,
    certificate: await createIssuingCa({
      organization: 'Acme Sensors',
      commonName: 'Acme Sensors Issuing CA',
      signer: issuingKey.signer,
      root,
    }),
  };
  const rootPem = toPem(root.certificate, 'CERTIFICATE');
  const server = await issueKeyPair({
    ca: issuing,
    request: { profile: 'tls-server', serial: 'cloud-1', dnsNames: ['localhost'] },
  });
  const serverTls = mtlsServerOptions({
    key: server.keyPem,
    cert: server.certificatePem,
    ca: rootPem,
  });
  const tokens = createBootstrapTokens({
    storage: memoryStorage(),
    rateLimit: { attempts: 1000, windowMs: 60_000 },
  });
  const est = createEstService({ ca: issuing, root: root.certificate, tokens });

  // TUF image repository: targets 2-of-3, the third key offline (not in this process's key dir).
  const repoDir = join(dir, 'repo');
  const init = await initRepository({ dir: repoDir, thresholds: { targets: 2 } });
  const offline = await generateSigningKey('ed25519');
  await rotateKeys(init, { role: 'targets', add: [offline.signer], threshold: 2 });
  await init.publish();
  const rootFile = join(repoDir, 'metadata', '1.root.json');
  const director = await generateSigningKey('ed25519');
  const directorKey: TufKey = (await tufKeyOf(director.signer)).key;
  const images = join(dir, 'images');
  await import('node:fs/promises').then((fs) => fs.mkdir(images));
  const released = new Map<string, TargetFile>();
  const assignments = new Map<string, { name: string; version: number }>();
  const directorSigners: Signer[] = [director.signer];

  // Public listener: simpleenroll + cacerts. Client certificates are not asked for.
  const publicServer = createServer({ ...serverTls, requestCert: false, rejectUnauthorized: false }, (req, res) => {
    const fail = (error: unknown) => { const code = SdkError.isInstance(error) ? error.code : 'INTERNAL'; res.writeHead(STATUS[code] ?? 400, { 'content-type': 'application/json' }).end(JSON.stringify({ code })); };
    if (req.url === HTTP_PATHS.estCaCerts) {
      res.writeHead(200, { 'content-type': 'application/pkcs7-mime', 'content-transfer-encoding': 'base64' }).end(Buffer.from(certsOnlyPkcs7([issuing.certificate, root.certificate])).toString('base64'));
      return;
    }
    if (req.url !== HTTP_PATHS.estSimpleEnroll || req.method !== 'POST') { res.writeHead(404).end(); return; }
    readBody(req).then((body) => est.simpleEnroll({ body, token: (req.headers.authorization ?? '').replace(/^Bearer /, ''), clientId: req.socket.remoteAddress ?? '' }))
      .then((r) => { res.writeHead(200, { 'content-type': r.contentType, 'content-transfer-encoding': 'base64' }).end(r.body); }, fail);
  }); // prettier-ignore

  // Device listener: mutual TLS required; renewal, repository, director.
  const deviceServer = createServer(serverTls, (req, res) => {
    const socket: unknown = req.socket;
    const identity = authenticateTlsPeer(socket as TLSSocket);
    const path = new URL(req.url ?? '/', 'https://x').pathname;
    if (path === HTTP_PATHS.estSimpleReenroll && req.method === 'POST') {
      const raw = (socket as TLSSocket).getPeerCertificate().raw;
      readBody(req).then((body) => est.simpleReenroll({ body, peerCertificate: new Uint8Array(raw) }))
        .then((r) => { res.writeHead(200, { 'content-type': r.contentType }).end(r.body); }, () => { res.writeHead(401).end(); });
      return;
    }
    if (path === HTTP_PATHS.otaDirectorTargets) {
      const assigned = assignments.get(identity.serial);
      const target = assigned && released.get(assigned.name);
      if (!assigned || !target) { res.writeHead(404).end(); return; }
      signDirectorTargets({ deviceId: identity.serial, hardwareId: HARDWARE_ID, name: assigned.name, target, version: assigned.version, expires: new Date(Date.now() + 86_400_000), signers: directorSigners })
        .then((envelope) => { res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(envelope)); }, () => { res.writeHead(500).end(); });
      return;
    }
    if (path.startsWith(HTTP_PATHS.otaRepository)) {
      const rel = normalize(decodeURIComponent(path.slice(HTTP_PATHS.otaRepository.length)));
      if (!/^(metadata|targets)\/[^/]+$/.test(rel)) { res.writeHead(404).end(); return; }
      const file = join(repoDir, rel);
      stat(file).then((s) => { res.writeHead(200, { 'content-length': s.size }); createReadStream(file).pipe(res); }, () => { res.writeHead(404).end(); });
      return;
    }
    res.writeHead(404).end();
  }); // prettier-ignore
  const publicPort = await listen(publicServer);
  const devicePort = await listen(deviceServer);

  // MQTT broker over mutual TLS.
  let broker: Aedes | undefined;
  let brokerServer: ReturnType<typeof createTlsServer> | undefined;
  let mqttPort = 0;
  if (options.broker) {
    const b = await Aedes.createBroker();
    b.authenticate = (client, _u, _p, done) => {
      try {
        done(null, authenticateTlsPeer(client.conn as TLSSocket).serial === client.id);
      } catch {
        done(null, false);
      }
    };
    b.authorizeSubscribe = (client, sub, done) => { done(sub.topic.startsWith(devicePrefix(client.id)) ? null : new Error('forbidden'), sub); }; // prettier-ignore
    broker = b;
    brokerServer = createTlsServer(serverTls, b.handle);
    mqttPort = await listen(brokerServer);
  }
  const caFile = join(dir, 'ca.pem');
  await writeFile(caFile, rootPem);

  return {
    dir, rootPem, caFile, rootFile, repoDir, tokens, broker,
    publicUrl: `https://127.0.0.1:${publicPort}`,
    deviceUrl: `https://127.0.0.1:${devicePort}`,
    mqttUrl: `mqtts://127.0.0.1:${mqttPort}`,
    directorKeys: [directorKey],
    /** Signs and publishes an image (2 of the 3 targets keys sign). */
    async release(r: { version: string; counter: number; releaseType?: 'security' | 'feature'; size?: number; seed?: number; minimumInstalledVersion?: string }) {
      const name = `fw-${r.version}.bin`;
      const path = join(images, name);
      await writeFile(path, imageBytes(r.size ?? 200_000, r.seed ?? r.counter + 7));
      const repo = await FileRepository.open({ dir: repoDir });
      const added = await addTarget(repo, { image: path, name, firmware: { schemaVersion: 1, hardwareIds: [HARDWARE_ID], version: r.version, securityCounter: r.counter, releaseType: r.releaseType ?? 'security', ...(r.minimumInstalledVersion ? { minimumInstalledVersion: r.minimumInstalledVersion } : {}) } });
      if (!added.committed || added.signatures !== 2 || added.threshold !== 2) throw new Error('release not signed 2-of-3');
      await repo.publish();
      released.set(name, added.target);
      const sha256 = added.target.hashes['sha256'] ?? '';
      const notice: Notice = { kind: 'update-available', releaseId: `rel-${r.version}`, targetName: name, version: r.version, releaseType: r.releaseType ?? 'security' };
      return { name, sha256, notice, repoFile: join(repoDir, 'targets', `${sha256}.${name}`) };
    },
    /** The director assigns `name` to `serial` (a new director version each time). */
    assign(serial: string, name: string) {
      assignments.set(serial, { name, version: (assignments.get(serial)?.version ?? 0) + 1 });
    },
    async publishNotice(serial: string, notice: Notice) {
      await new Promise<void>((resolve, reject) => { broker?.publish({ cmd: 'publish', topic: noticesTopic(serial), payload: Buffer.from(JSON.stringify(notice)), qos: 1, retain: false, dup: false }, (e) => { if (e) reject(e); else resolve(); }); }); // prettier-ignore
    },
    /** A factory image file and its description. */
    async factoryImage(version = '1.0.0') {
      const path = join(dir, `factory-${version}.bin`);
      await writeFile(path, imageBytes(150_000, 1));
      return { path, version, securityCounter: 0 };
    },
    async agentConfig(serial: string, dataDir: string, extra: Partial<AgentConfigInput> = {}): Promise<AgentConfigInput> {
      return {
        dataDir, serial, hardwareId: HARDWARE_ID, bootstrapToken: await tokens.issue(serial, 3600),
        cloud: { publicUrl: `https://127.0.0.1:${publicPort}`, deviceUrl: `https://127.0.0.1:${devicePort}`, caPem: rootPem, servername: 'localhost', ...(options.broker ? { mqttUrl: `mqtts://127.0.0.1:${mqttPort}` } : {}) },
        ota: { initialRoot: new Uint8Array(await readFile(rootFile)), director: { keys: [directorKey], threshold: 1 } },
        factoryImage: await this.factoryImage(), ...extra,
      };
    },
    identityOf: (pem: string) => deviceIdentityOf(new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'))),
    async close() {
      const closed = (s: { close(cb: () => void): unknown }) => new Promise<void>((resolve) => { s.close(() => { resolve(); }); });
      const closing = [closed(publicServer), closed(deviceServer), ...(brokerServer ? [closed(brokerServer)] : [])];
      publicServer.closeAllConnections();
      deviceServer.closeAllConnections(); // prettier-ignore
      broker?.close();
      await Promise.all(closing);
    },
  }; // prettier-ignore
}
export type TestCloud = Awaited<ReturnType<typeof startCloud>>;
