import { afterAll, beforeAll } from 'vitest';
import { describeAllContracts } from './all-contracts.js';
import { postgresBackend } from './backends.js';
import { describeCrlSigningOnPostgres } from './crl-signing.contract.js';
import { describeWebUiOnPostgres } from './web-state.contract.js';

// A real PostgreSQL from Debian's package, started for this file (initdb in a temp dir).
const backend = postgresBackend();
beforeAll(async () => {
  await backend.start();
}, 90_000);
afterAll(() => backend.stop(), 60_000);
describeAllContracts(backend);
describeWebUiOnPostgres(backend);
describeCrlSigningOnPostgres(backend);
