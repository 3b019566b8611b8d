import type { DeviceEvent, Notice } from '@cra-kit-examples/device-protocol';
import type { Clock, ProductProfile } from '@cra-kit/core';
import type { DeviceIdentity } from '@cra-kit/identity';
import type Database from 'better-sqlite3';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  preHandlerAsyncHookHandler,
} from 'fastify';
import type { CloudConfig } from './config/schema.js';
import type { CloudDatabase } from './db/cloud-database.js';
import type { Migration } from './db/migrations.js';

/**
 * The contract between the cloud's shell (listeners, database, authentication, broker) and its
 * feature modules (updates, vulnerability handling, compliance). A module gets a
 * {@link CloudContext} and registers routes on the two HTTPS listeners; it keeps its state behind
 * its own async store interface (SQLite here, PostgreSQL in the scale-out deployment).
 */

/** Operator roles. `admin` may do everything; the others only what their routes name. */
export const ROLES = ['admin', 'release-manager', 'security-officer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** An authenticated operator (API token or, later, a web session). */
export interface Operator {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
}

/** One line of the audit log: who changed what. Written for every state change. */
export interface AuditEntry {
  /** `operator:<id>`, `device:<serial>`, `researcher` or `system`. */
  readonly actor: string;
  /** Dotted verb, e.g. `rollout.pause`, `device.revoke`, `case.transition`. */
  readonly action: string;
  /** What it acted on, e.g. `rollout:42`. */
  readonly subject: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** A device in the registry (enrolled through EST). */
export interface DeviceRecord {
  /** The device serial (certificate subject serialNumber); also its MQTT client id. */
  readonly id: string;
  readonly hardwareId: string | undefined;
  /** Serial of its current certificate (lower-case hex). */
  readonly certificateSerial: string;
  readonly certificateNotAfter: string;
  readonly status: 'active' | 'revoked';
  readonly enrolledAt: string;
  readonly lastSeenAt: string | undefined;
  /** From its last `boot` event. */
  readonly firmwareVersion: string | undefined;
  /** Rollout group label an operator assigned (e.g. `canary`), if any. */
  readonly group: string | undefined;
}

/** Read access to the device registry for feature modules. */
export interface DeviceDirectory {
  list(): Promise<readonly DeviceRecord[]>;
  get(id: string): Promise<DeviceRecord | undefined>;
}

export interface CloudContext {
  /** The parsed configuration (absolute paths); modules read their own sections, e.g. `ota`. */
  readonly config: CloudConfig;
  /**
   * The cloud's SQLite database; only store implementations touch it. SQLite only: reading it
   * on PostgreSQL throws CLOUD_STARTUP_FAILED (use {@link CloudContext.database}).
   */
  readonly db: Database.Database;
  /** The cloud's database on either back end; stores are made from it (`db/stores.ts`). */
  readonly database: CloudDatabase;
  readonly clock: Clock;
  /** Root of the local file store (firmware images, repository, documents). */
  readonly dataDir: string;
  /** The product this cloud serves (its data inventory drives telemetry validation). */
  readonly profile: ProductProfile;
  /** Absolute base URLs of the two listeners, e.g. `https://localhost:8443`. */
  readonly publicUrl: string;
  readonly deviceUrl: string;
  readonly log: FastifyBaseLogger;
  readonly devices: DeviceDirectory;
  /** Appends to the audit log (synchronous, so it can run inside a store transaction). */
  audit(entry: AuditEntry): void;
  /**
   * preHandler for operator routes: authenticates the bearer API token and requires one of the
   * roles (admin always passes). Replies 401 `AUTH_REQUIRED` / 403 `FORBIDDEN` itself.
   */
  requireRole(...roles: Role[]): preHandlerAsyncHookHandler;
  /** The operator of a request that passed {@link requireRole}. */
  operatorOf(request: FastifyRequest): Operator;
  /** The device of a request on the device listener: verified chain, not revoked. */
  deviceOf(request: FastifyRequest): DeviceIdentity;
  /** Publishes a notice to one device (QoS 1, validated against NoticeSchema). */
  publishToDevice(deviceId: string, notice: Notice): Promise<void>;
  /** Subscribes to validated device events (update progress/results, boots, security events). */
  onDeviceEvent(listener: (deviceId: string, event: DeviceEvent) => void | Promise<void>): void;
}

/** A feature module of the cloud. */
export interface CloudModule {
  readonly name: string;
  /**
   * The module's schema changes, applied in order before any listener starts, each in one
   * transaction; recorded in `schema_migrations` under the module's `name`.
   */
  readonly migrations?: readonly Migration[];
  /** Routes on the public listener (operator API, pages, researcher endpoints). */
  registerPublic?(app: FastifyInstance, ctx: CloudContext): Promise<void> | void;
  /** Routes on the device listener (mutual TLS). */
  registerDevice?(app: FastifyInstance, ctx: CloudContext): Promise<void> | void;
  /** Background work (rollout ticks, reminders) once both listeners are up. */
  start?(ctx: CloudContext): Promise<void> | void;
  close?(): Promise<void> | void;
}
