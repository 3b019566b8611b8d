import type { Pool, PoolClient, PoolConfig } from 'pg';
import type { Case } from '../case/case-schema.js';
import { VulnIntakeError } from '../errors.js';
import type { LogEntry } from '../log/case-log.js';
import type { CaseStore, StoredCase } from './case-store.js';
import { assertEntryFor, caseFromRow, conflict, entryFromRow, loadPeer } from './rows.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS vuln_cases (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL,
  head_seq INTEGER NOT NULL,
  head_hash TEXT NOT NULL,
  created BIGSERIAL
);
CREATE TABLE IF NOT EXISTS vuln_case_log (
  case_id TEXT NOT NULL REFERENCES vuln_cases(id),
  seq INTEGER NOT NULL,
  entry TEXT NOT NULL,
  PRIMARY KEY (case_id, seq)
);`;

/** Options of {@link openPostgresCaseStore}: a pg pool configuration (connection string, host…). */
export type PostgresStoreOptions = PoolConfig & {
  /**
   * Called when an idle connection fails (the server restarted, the network dropped). pg then
   * discards it and the next query connects again. Default: a one-line warning without secrets.
   */
  readonly onConnectionError?: (error: Error) => void;
};

/**
 * A {@link CaseStore} in PostgreSQL (`pg`, an optional peer dependency), for when a team
 * outgrows the embedded SQLite file. Each write is one transaction; compare-and-set on the log
 * head keeps concurrent writers from losing each other's changes.
 * @throws {VulnIntakeError} VULN_DEPENDENCY_MISSING when pg is not installed
 */
export async function openPostgresCaseStore(options: PostgresStoreOptions): Promise<CaseStore> {
  const pg = await loadPeer('pg', async () => (await import('pg')).default);
  const { onConnectionError, ...config } = options;
  const pool: Pool = new pg.Pool({ max: 4, ...config });
  // Without a listener, an idle connection's error would crash the host process.
  pool.on(
    'error',
    onConnectionError ??
      ((error) => {
        console.warn(`vuln-intake: a PostgreSQL connection failed: ${error.message}`);
      }),
  );
  try {
    // Two stores starting at once must not race on CREATE TABLE.
    await pool.query(
      `SELECT pg_advisory_lock(7340021); ${SCHEMA} SELECT pg_advisory_unlock(7340021);`,
    );
  } catch (error) {
    await pool.end();
    throw new VulnIntakeError('VULN_STORAGE_FAILED', 'cannot open the PostgreSQL case store', {
      cause: error,
    });
  }

  async function inTransaction(fn: (client: PoolClient) => Promise<void>): Promise<void> {
    const client = await pool.connect();
    // pg-pool listens for errors on idle clients only: a server restart between two queries of
    // this transaction must fail the write, not end the process with an unhandled 'error'.
    const lost = () => undefined;
    client.on('error', lost);
    try {
      await client.query('BEGIN');
      await fn(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (VulnIntakeError.isInstance(error)) throw error;
      if ((error as { code?: unknown }).code === '23505') throw conflict('(unknown)');
      throw new VulnIntakeError('VULN_STORAGE_FAILED', 'PostgreSQL write failed; rolled back', {
        cause: error,
      });
    } finally {
      client.removeListener('error', lost);
      client.release();
    }
  }

  return {
    specificationVersion: 'v1',
    async create(kase: Case, first: LogEntry) {
      assertEntryFor(kase, first);
      await inTransaction(async (c) => {
        const inserted = await c.query(
          'INSERT INTO vuln_cases (id, doc, head_seq, head_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING',
          [kase.id, JSON.stringify(kase), first.seq, first.hash],
        );
        if (inserted.rowCount !== 1) throw conflict(kase.id);
        await c.query('INSERT INTO vuln_case_log (case_id, seq, entry) VALUES ($1, $2, $3)', [
          kase.id,
          first.seq,
          JSON.stringify(first),
        ]);
      });
    },
    async update(kase: Case, entry: LogEntry) {
      assertEntryFor(kase, entry);
      await inTransaction(async (c) => {
        const found = await c.query('SELECT 1 FROM vuln_cases WHERE id = $1 FOR UPDATE', [kase.id]);
        if (found.rowCount !== 1)
          throw new VulnIntakeError('VULN_CASE_NOT_FOUND', `no case ${kase.id}`);
        const updated = await c.query(
          'UPDATE vuln_cases SET doc = $1, head_seq = $2, head_hash = $3 WHERE id = $4 AND head_hash = $5',
          [JSON.stringify(kase), entry.seq, entry.hash, kase.id, entry.prevHash],
        );
        if (updated.rowCount !== 1) throw conflict(kase.id);
        await c.query('INSERT INTO vuln_case_log (case_id, seq, entry) VALUES ($1, $2, $3)', [
          kase.id,
          entry.seq,
          JSON.stringify(entry),
        ]);
      });
    },
    async get(id): Promise<StoredCase | undefined> {
      const { rows } = await pool.query<{ doc: string; head_seq: number; head_hash: string }>(
        'SELECT doc, head_seq, head_hash FROM vuln_cases WHERE id = $1',
        [id],
      );
      const row = rows[0];
      return row === undefined
        ? undefined
        : { case: caseFromRow(row.doc), head: { seq: row.head_seq, hash: row.head_hash } };
    },
    async list() {
      const { rows } = await pool.query<{ doc: string }>(
        'SELECT doc FROM vuln_cases ORDER BY created',
      );
      return rows.map((r) => caseFromRow(r.doc));
    },
    async log(id) {
      const { rows } = await pool.query<{ entry: string }>(
        'SELECT entry FROM vuln_case_log WHERE case_id = $1 ORDER BY seq',
        [id],
      );
      return rows.map((r) => entryFromRow(r.entry));
    },
    async close() {
      await pool.end();
    },
  };
}
