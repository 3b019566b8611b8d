import type { Clock, ProductProfile } from '@cra-kit/core';
import type { FastifyBaseLogger } from 'fastify';
import type { AuditLog } from './audit/audit-log.js';
import type { createOperatorAuth } from './auth/require-role.js';
import type { DeviceBroker } from './broker/device-broker.js';
import type { DeviceMessageHandler } from './broker/device-messages.js';
import type { CloudConfig } from './config/schema.js';
import type { CloudContext } from './context.js';
import type { CloudDatabase } from './db/cloud-database.js';
import type { installDeviceAuth } from './devices/device-auth.js';
import type { DeviceStore } from './devices/device-store.js';
import { CloudError } from './errors.js';

/** Assembles the {@link CloudContext} handed to modules from the shell's parts. */
export function createCloudContext(parts: {
  config: CloudConfig;
  database: CloudDatabase;
  clock: Clock;
  profile: ProductProfile;
  publicUrl: string;
  deviceUrl: string;
  log: FastifyBaseLogger;
  devices: DeviceStore;
  audit: AuditLog;
  auth: ReturnType<typeof createOperatorAuth>;
  deviceAuth: ReturnType<typeof installDeviceAuth>;
  broker: DeviceBroker;
  messages: DeviceMessageHandler;
}): CloudContext {
  const { database } = parts;
  return Object.freeze({
    config: parts.config,
    get db() {
      if (database.kind !== 'sqlite') throw new CloudError('CLOUD_STARTUP_FAILED', 'ctx.db is the SQLite handle; this cloud runs on PostgreSQL (use ctx.database)');
      return database.sqlite;
    },
    database,
    clock: parts.clock,
    dataDir: parts.config.dataDir,
    profile: parts.profile,
    publicUrl: parts.publicUrl,
    deviceUrl: parts.deviceUrl,
    log: parts.log,
    devices: { list: () => parts.devices.list(), get: (id: string) => parts.devices.get(id) },
    audit: (entry) => {
      parts.audit.append(entry);
    },
    requireRole: (...roles) => parts.auth.requireRole(...roles),
    operatorOf: (request) => parts.auth.operatorOf(request),
    deviceOf: (request) => parts.deviceAuth.deviceOf(request),
    publishToDevice: (deviceId, notice) => parts.broker.publishToDevice(deviceId, notice),
    onDeviceEvent: (listener) => {
      parts.messages.onDeviceEvent(listener);
    },
  } satisfies CloudContext);
} // prettier-ignore
