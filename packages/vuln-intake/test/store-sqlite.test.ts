import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteCaseStore } from '../src/index.js';
import { describeStoreContract } from './store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'cra-vuln-sqlite-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
let n = 0;

describeStoreContract('SQLite (better-sqlite3, a file)', () =>
  openSqliteCaseStore({ path: join(dir, `cases-${n++}.db`) }),
);
describeStoreContract('SQLite (one file shared by every test)', () =>
  openSqliteCaseStore({ path: join(dir, 'shared.db') }),
);
