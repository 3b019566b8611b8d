import pg from 'pg';

/** The `database` section for PostgreSQL (see the config schema). */
export interface PostgresSettings {
  readonly url: string;
  readonly poolSize: number;
  readonly connectTimeoutMs: number;
}

/**
 * Opens a pool and checks that the server answers. A connection that fails while idle (server
 * restart, network cut) is dropped by pg and replaced on the next checkout; the listener only
 * keeps that error from crashing the process.
 */
export async function openPostgresPool(
  settings: PostgresSettings,
  onIdleError: (error: Error) => void = () => undefined,
): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: settings.poolSize,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    // A statement stuck behind a lock must not hold a request for ever.
    statement_timeout: 30_000,
  });
  pool.on('error', onIdleError);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}
