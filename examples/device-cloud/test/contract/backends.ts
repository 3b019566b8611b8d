import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '@cra-kit/core';
import pg from 'pg';
import { COMPLIANCE_MIGRATIONS } from '../../src/compliance/sbom-store.js';
import type { AuditEntry } from '../../src/context.js';
import type { CloudDatabase } from '../../src/db/cloud-database.js';
import { openCloudDatabase } from '../../src/db/open-cloud-database.js';
import { SHELL_MIGRATIONS } from '../../src/db/shell-migrations.js';
import {
  migrateDatabase,
  openAdvisoryStore,
  openSbomStore,
  openShellStores,
  openUpdateStore,
} from '../../src/db/stores.js';
import { UPDATES_MIGRATIONS } from '../../src/updates/sqlite-store.js';
import { VULN_MIGRATIONS } from '../../src/vuln/advisory-store.js';
import { resolveCloudConfig } from '../../src/config/load.js';
// The one PostgreSQL test server of the repository (initdb in a temp dir on a free port).
import {
  startPostgres,
  type PostgresServer,
} from '../../../../packages/vuln-intake/test/postgres-server.js';

/** A back end the contract suites run on: each `open` is a fresh, empty database. */
export interface Backend {
  readonly name: string;
  open(): Promise<CloudDatabase>;
  /** After the suite: removes what `open` made. */
  stop(): Promise<void>;
}

export const MIGRATION_SETS = [
  { owner: 'shell', migrations: SHELL_MIGRATIONS },
  { owner: 'updates', migrations: UPDATES_MIGRATIONS },
  { owner: 'compliance', migrations: COMPLIANCE_MIGRATIONS },
  { owner: 'vuln', migrations: VULN_MIGRATIONS },
];

export function sqliteBackend(): Backend {
  const dirs: string[] = [];
  return {
    name: 'SQLite',
    async open() {
      const dir = await mkdtemp(join(tmpdir(), 'cloud-contract-'));
      dirs.push(dir);
      const config = resolveCloudConfig({ dataDir: dir, productProfile: 'x.yaml', ca: {} });
      return openCloudDatabase(config);
    },
    async stop() {
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    },
  };
}

/** A real PostgreSQL server for the whole test file; each `open` creates a new database on it. */
export function postgresBackend(): Backend & { start(): Promise<PostgresServer> } {
  let server: PostgresServer | undefined;
  let n = 0;
  return {
    name: 'PostgreSQL',
    async start() {
      server = await startPostgres();
      return server;
    },
    async open() {
      if (server === undefined) throw new Error('postgresBackend: start() first');
      const name = `contract_${process.pid}_${(n += 1)}`;
      const admin = new pg.Client({ connectionString: server.connectionString });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = server.connectionString.replace(/\/postgres$/, `/${name}`);
      return openCloudDatabase(
        resolveCloudConfig({
          dataDir: tmpdir(),
          productProfile: 'x.yaml',
          ca: {},
          database: { url, poolSize: 4 },
        }),
      );
    },
    async stop() {
      await server?.stop();
    },
  };
}

/** Every store the cloud has, made the way the cloud makes them, on a migrated database. */
export async function openAllStores(db: CloudDatabase, clock: Clock) {
  await migrateDatabase(db, MIGRATION_SETS, clock.now());
  const shell = openShellStores(db, clock, (error) => {
    throw error;
  });
  // What the shell hands modules as `ctx.audit`.
  const audit = (entry: AuditEntry) => {
    shell.audit.append(entry);
  };
  return {
    ...shell,
    updates: openUpdateStore(db, clock, audit),
    sboms: openSbomStore(db, clock, audit),
    advisories: openAdvisoryStore(db, clock, audit),
  };
}
export type AllStores = Awaited<ReturnType<typeof openAllStores>>;

/** A clock tests move by hand. */
export function manualClock(start = '2027-01-01T00:00:00.000Z') {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}
