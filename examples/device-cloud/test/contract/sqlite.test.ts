import { afterAll } from 'vitest';
import { describeAllContracts } from './all-contracts.js';
import { sqliteBackend } from './backends.js';

const backend = sqliteBackend();
afterAll(() => backend.stop());
describeAllContracts(backend);
