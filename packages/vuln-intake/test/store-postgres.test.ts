import { afterAll, beforeAll } from 'vitest';
import { openPostgresCaseStore } from '../src/index.js';
import { startPostgres, type PostgresServer } from './postgres-server.js';
import { describeStoreContract } from './store-contract.js';

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(() => server.stop());

describeStoreContract('PostgreSQL (pg, a real server)', () =>
  openPostgresCaseStore({ connectionString: server.connectionString }),
);
