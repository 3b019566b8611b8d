import type { Pool } from 'pg';
import { assertMigrationNames, type MigrationSet } from '../db/migrations.js';
import { CloudError } from '../errors.js';

/** Session lock that keeps two instances starting at once from migrating side by side. */
const MIGRATION_LOCK = 7_340_110;

/**
 * PostgreSQL's `migrate`: the same `schema_migrations` bookkeeping as on SQLite, each migration
 * in one transaction with its record (PostgreSQL DDL is transactional), under an advisory lock.
 * A migration uses its `postgres` SQL when it has one, else `up` when that is SQL.
 * @throws {CloudError} CLOUD_MIGRATION_FAILED (nothing of the failing migration is kept)
 */
export async function migratePostgres(pool: Pool, sets: readonly MigrationSet[], now: Date): Promise<string[]> {
  assertMigrationNames(sets);
  const client = await pool.connect();
  // A connection lost while checked out must fail the migration, not end the process.
  const onError = () => undefined;
  client.on('error', onError);
  const done: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      owner TEXT NOT NULL, id TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (owner, id))`);
    for (const set of sets) {
      for (const m of set.migrations) {
        const applied = await client.query('SELECT 1 FROM schema_migrations WHERE owner = $1 AND id = $2', [set.owner, m.id]);
        if (applied.rowCount !== 0) continue;
        const sql = m.postgres ?? (typeof m.up === 'string' ? m.up : undefined);
        if (sql === undefined) throw new CloudError('CLOUD_MIGRATION_FAILED', `migration ${set.owner}/${m.id} has no PostgreSQL form`);
        try {
          await client.query('BEGIN');
          await client.query(sql);
          await client.query('INSERT INTO schema_migrations (owner, id, applied_at) VALUES ($1, $2, $3)', [set.owner, m.id, now.toISOString()]);
          await client.query('COMMIT');
        } catch (cause) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw new CloudError('CLOUD_MIGRATION_FAILED', `migration ${set.owner}/${m.id} failed`, { cause });
        }
        done.push(`${set.owner}/${m.id}`);
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.removeListener('error', onError);
    client.release();
  }
  return done;
} // prettier-ignore
