import { mkdir, readFile } from 'node:fs/promises';
import type { TlsOptions } from 'node:tls';
import { parseProductProfile, systemClock, type Clock, type ProductProfile } from '@cra-kit/core';
import { mtlsServerOptions, TLS12_CIPHERS } from '@cra-kit/identity';
import type { FastifyBaseLogger } from 'fastify';
import { parse } from 'yaml';
import { registerAuditRoutes } from './audit/index.js';
import { bootstrapAdmin, createOperatorAuth, registerOperatorRoutes } from './auth/index.js';
import {
  createDeviceMessageHandler,
  startDeviceBroker,
  type DeviceBroker,
} from './broker/index.js';
import { createCloudContext } from './cloud-context.js';
import { connectExternalBroker, type ExternalDeviceBroker } from './external-broker/index.js';
import type { CloudConfig } from './config/schema.js';
import type { CloudContext, CloudModule } from './context.js';
import { openCloudDatabase } from './db/open-cloud-database.js';
import { SHELL_MIGRATIONS } from './db/shell-migrations.js';
import { createPostgresCaFilesLock } from './pg/ca-files-lock.js';
import { migrateDatabase, openShellStores } from './db/stores.js';
import {
  createRevoker,
  installDeviceAuth,
  processLocalLock,
  registerDeviceRoutes,
  signRegistryCrl,
} from './devices/index.js';
import { CloudError } from './errors.js';
import { createHttpsApp, type HttpsApp, type RouteSummary } from './http/create-app.js';
import {
  createEnrollment,
  openEnrollmentAttempts,
  registerDeviceProvisioning,
  registerPublicProvisioning,
} from './provisioning/index.js';
import { registerTelemetryRoutes } from './telemetry/index.js';
import { loadTlsMaterial } from './tls/ca-material.js';
import { WEB_MIGRATIONS, createDelegation, openWebState, registerWebUi } from './web/index.js';

/** A running cloud. */
export interface Cloud {
  readonly publicUrl: string;
  readonly deviceUrl: string;
  /** `mqtts://host:port` of the broker. */
  readonly mqttUrl: string;
  readonly ports: { readonly public: number; readonly device: number; readonly mqtt: number };
  /** Routes of each HTTPS listener (shell and modules). */
  readonly routes: {
    readonly public: readonly RouteSummary[];
    readonly device: readonly RouteSummary[];
  };
  /** The context modules received (for tests and embedding). */
  readonly ctx: CloudContext;
  /** Where the first admin token was written (only read by an operator, never logged). */
  readonly adminTokenFile: string;
  /** Stops modules, listeners and the broker, then closes the database. Idempotent. */
  close(): Promise<void>;
}

/** Options of {@link startCloud}. */
export interface StartCloudOptions {
  /** A resolved configuration ({@link loadCloudConfig} / {@link resolveCloudConfig}). */
  readonly config: CloudConfig;
  readonly modules?: readonly CloudModule[];
  readonly clock?: Clock;
  /** Where the CA passphrase variable is read from (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
}

const CRL_REFRESH_MS = 24 * 3600_000; // CRLs are valid 7 days; re-sign daily

async function loadProfile(path: string): Promise<ProductProfile> {
  try {
    return parseProductProfile(parse(await readFile(path, 'utf8')));
  } catch (cause) {
    throw new CloudError('CLOUD_STARTUP_FAILED', `cannot load the product profile ${path}`, {
      cause,
    });
  }
}

/**
 * Starts the reference cloud in one process: SQLite or PostgreSQL (with the shell's and the modules'
 * migrations), the public HTTPS listener (server TLS), the device HTTPS listener and the MQTT
 * broker (both mutual TLS with our CA and CRLs), then each module's routes and background work.
 * @throws {CloudError} CLOUD_STARTUP_FAILED, CLOUD_MIGRATION_FAILED; everything opened so far is closed again
 */
export async function startCloud(options: StartCloudOptions): Promise<Cloud> {
  const { config } = options;
  const modules = options.modules ?? [];
  const clock = options.clock ?? systemClock;
  const cleanups: (() => Promise<void> | void)[] = [];
  const closeAll = async () => {
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch {
        // Keep closing the rest; a failed close must not leak the other listeners.
      }
    }
  };
  try {
    await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
    const profile = await loadProfile(config.productProfile);
    const tls = await loadTlsMaterial(config, options.env ?? process.env, clock);
    const database = await openCloudDatabase(config);
    cleanups.push(() => database.close());
    await migrateDatabase(database, [{ owner: 'shell', migrations: SHELL_MIGRATIONS }, { owner: 'web', migrations: WEB_MIGRATIONS }, ...modules.map((m) => ({ owner: m.name, migrations: m.migrations ?? [] }))], clock.now());

    // The logger exists once the public listener does; queued audit writes fail later than this.
    const logger: { current?: FastifyBaseLogger } = {};
    const { audit, operators, devices, storage, telemetry } = openShellStores(database, clock, (err: unknown) => { logger.current?.error({ err }, 'audit entry not stored'); });
    // Queued audit writes (PostgreSQL) reach the database before it closes.
    cleanups.push(() => audit.flush());
    const delegation = createDelegation();
    const auth = createOperatorAuth(operators, delegation.authenticate);
    // Instances sharing the CA directory take turns on its files (CRL number, revocations); the
    // CRL is signed from the registry, so it covers every instance's revocations and repairs a
    // crash between the database and the CA file.
    const caFilesLock = database.kind === 'postgres' ? createPostgresCaFilesLock(database.pool) : processLocalLock;
    let issuingCrlPem = await signRegistryCrl(devices, tls.ca, caFilesLock);
    const deviceTls = (): TlsOptions => mtlsServerOptions({ key: tls.serverKeyPem, cert: tls.serverCertPem, ca: tls.trustPem, crl: [issuingCrlPem, tls.rootCrlPem] });
    const bodyLimit = config.limits.bodyLimitBytes;
    const pub: HttpsApp = await createHttpsApp({ tls: { key: tls.serverKeyPem, cert: tls.serverCertPem, minVersion: 'TLSv1.2', ciphers: TLS12_CIPHERS, honorCipherOrder: true }, host: config.host, port: config.ports.public, bodyLimit, logger: { level: config.log.level } });
    cleanups.push(() => closeHttps(pub));
    const log: FastifyBaseLogger = pub.app.log;
    logger.current = log;
    const dev: HttpsApp = await createHttpsApp({ tls: deviceTls(), host: config.host, port: config.ports.device, bodyLimit, logger: log.child({ listener: 'device' }) });
    cleanups.push(() => closeHttps(dev));

    const messages = createDeviceMessageHandler({ profile, devices, telemetry, clock, log });
    // Another instance revoked devices (announced through the external broker): re-sign now.
    const peers = { revoked: async () => Promise.resolve() };
    let external: ExternalDeviceBroker | undefined;
    const broker: DeviceBroker = config.broker.mode === 'external'
      ? (external = await connectExternalBroker({ broker: config.broker, ca: tls.ca, trustPem: tls.trustPem, rootPem: tls.rootPem, crlPems: [issuingCrlPem, tls.rootCrlPem], devices, messages, clock, log: log.child({ listener: 'mqtt' }), onPeerRevocation: () => peers.revoked() }))
      : await startDeviceBroker({ tls: deviceTls(), sessionTickets: config.broker.tlsSessionTickets, host: config.host, port: config.ports.mqtt, devices, messages, log: log.child({ listener: 'mqtt' }) });
    cleanups.push(() => broker.close());
    const revoker = createRevoker({
      store: devices,
      ca: tls.ca,
      applyCrl: (pem) => {
        issuingCrlPem = pem;
        dev.server.setSecureContext(deviceTls());
        return broker.applyCrl([issuingCrlPem, tls.rootCrlPem], deviceTls());
      },
      disconnect: (id) => {
        broker.disconnect(id);
      },
      log,
      lock: caFilesLock,
    });
    peers.revoked = () => revoker.refreshCrl();
    const crlTimer = setInterval(() => {
      revoker.refreshCrl().catch((err: unknown) => {
        log.error({ err }, 'CRL refresh failed');
      });
    }, CRL_REFRESH_MS).unref();
    cleanups.push(() => {
      clearInterval(crlTimer);
    });
    const enrollment = createEnrollment({ ca: tls.ca, storage, store: devices, clock, validityDays: config.enrollment.certificateValidityDays, rateLimit: config.enrollment.rateLimit, attempts: openEnrollmentAttempts(database) });
    const deviceAuth = installDeviceAuth(dev.app, devices);
    const host = config.hostNames[0] ?? 'localhost';
    const ctx = createCloudContext({ config, database, clock, profile, publicUrl: `https://${host}:${pub.port}`, deviceUrl: `https://${host}:${dev.port}`, log, devices, audit, auth, deviceAuth, broker, messages });

    registerOperatorRoutes(pub.app, ctx, operators);
    registerAuditRoutes(pub.app, ctx, audit);
    registerDeviceRoutes(pub.app, ctx, devices, revoker);
    registerTelemetryRoutes(pub.app, ctx, telemetry);
    registerPublicProvisioning(pub.app, ctx, { ca: tls.ca, enrollment, store: devices, tokenTtlSeconds: config.enrollment.bootstrapTokenTtlSeconds });
    registerDeviceProvisioning(dev.app, { ca: tls.ca, enrollment });
    await registerWebUi(pub.app, ctx, { config: config.web, state: openWebState(database, audit), delegation, findOperator: (by) => operators.find(by) });
    for (const m of modules) {
      await m.registerPublic?.(pub.app, ctx);
      await m.registerDevice?.(dev.app, ctx);
    }
    await Promise.all([pub.app.ready(), dev.app.ready()]);
    await bootstrapAdmin(operators, config.operators.bootstrapTokenFile ?? `${config.dataDir}/admin.token`, log);
    for (const m of modules) {
      if (m.close) cleanups.push(() => m.close?.());
      await m.start?.(ctx);
    }
    // Device messages from the external broker (and those queued for this instance's session
    // while it was down) only now, when every module listens.
    await external?.listen();
    // Cleanups run in reverse: receiving stops first, while every module still listens.
    if (external) {
      const receiving = external;
      cleanups.push(() => receiving.stopReceiving());
    }
    log.info({ publicUrl: ctx.publicUrl, deviceUrl: ctx.deviceUrl, mqttPort: broker.port, modules: modules.map((m) => m.name) }, 'cloud started');
    return {
      publicUrl: ctx.publicUrl,
      deviceUrl: ctx.deviceUrl,
      mqttUrl: broker.url ?? `mqtts://${host}:${broker.port}`,
      ports: { public: pub.port, device: dev.port, mqtt: broker.port },
      routes: { public: pub.routes, device: dev.routes },
      ctx,
      adminTokenFile: config.operators.bootstrapTokenFile ?? `${config.dataDir}/admin.token`,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
} // prettier-ignore

async function closeHttps(h: HttpsApp): Promise<void> {
  await h.app.close();
  const closed = new Promise<void>((resolve) => {
    h.server.close(() => {
      resolve();
    });
  });
  h.server.closeAllConnections();
  await closed;
}
