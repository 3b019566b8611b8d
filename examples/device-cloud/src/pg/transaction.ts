import type { Pool, PoolClient } from 'pg';

/** SQLSTATEs after which a transaction that did not reach COMMIT may simply run again. */
const RETRYABLE_STATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '57P01', // admin_shutdown (server restarting)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (server starting)
  '08000', '08001', '08003', '08004', '08006', // connection exceptions
]); // prettier-ignore
const RETRYABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/** Whether an error means "the attempt did not happen; try again" (lost connection, deadlock). */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (RETRYABLE_STATES.has(code) || RETRYABLE_ERRNO.has(code)))
    return true;
  const message = error instanceof Error ? error.message : '';
  // pg reports a socket closed under a query without a code.
  return /Connection terminated|terminating connection|not queryable|connection error/i.test(
    message,
  );
}

/** How long a transaction keeps retrying through a server restart before giving up. */
const RETRY_BUDGET_MS = 20_000;

/**
 * Runs `fn` in one transaction (READ COMMITTED; `fn` takes row locks where it reads before it
 * writes). A failure before COMMIT rolls back and, when it is a lost connection or a deadlock,
 * runs `fn` again on a fresh connection, so a restarted server costs latency, not writes. A
 * failure during COMMIT is not retried: its outcome is unknown, and the caller sees the error.
 */
export async function inTransaction<T>(
  pool: Pool,
  fn: (client: PoolClient) => Promise<T>,
  options: { readOnly?: boolean; bare?: boolean } = {},
): Promise<T> {
  // Without BEGIN/COMMIT (two round trips fewer) only for one statement that may run again
  // whatever happened to the last attempt: a read, or a write the caller declares idempotent.
  const bare = options.bare === true;
  const deadline = Date.now() + RETRY_BUDGET_MS;
  for (let attempt = 0; ; attempt += 1) {
    let client: PoolClient | undefined;
    let committing = false;
    // pg-pool listens for errors only on idle clients: a server shutting down between two of our
    // queries would otherwise be an uncaught 'error' event and end the process.
    let lost: Error | undefined;
    const onError = (error: Error) => {
      lost = error;
    };
    try {
      client = await pool.connect();
      client.on('error', onError);
      if (!bare) await client.query('BEGIN');
      const result = await fn(client);
      committing = true;
      if (!bare) await client.query('COMMIT');
      client.removeListener('error', onError);
      client.release();
      return result;
    } catch (error) {
      if (client !== undefined) {
        const broken = lost !== undefined || isRetryable(error);
        if (!broken && !bare) await client.query('ROLLBACK').catch(() => undefined);
        client.removeListener('error', onError);
        // A broken connection goes back destroyed, never to the next caller.
        client.release(broken ? (lost ?? (error as Error)) : undefined);
      }
      // A read may run again even when its COMMIT failed: it changed nothing either way.
      if (
        (committing && options.readOnly !== true && !bare) ||
        !isRetryable(error) ||
        Date.now() > deadline
      )
        throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
    }
  }
}

/**
 * One statement in its own transaction, retried like {@link inTransaction}; a plain `SELECT`
 * runs without BEGIN/COMMIT (one round trip, not three: a statement alone is its own snapshot)
 * and is retried whenever its connection was lost.
 */
export async function query<R extends object>(
  pool: Pool,
  text: string,
  values: readonly unknown[] = [],
): Promise<R[]> {
  const readOnly = /^\s*SELECT\b/i.test(text) && !/\bFOR\s+(UPDATE|SHARE)\b/i.test(text);
  return inTransaction(pool, async (c) => (await c.query<R>(text, [...values])).rows, {
    readOnly,
    bare: readOnly,
  });
}

/**
 * One write that leaves the same state whether it runs once or twice (an upsert of newer values,
 * a monotonic timestamp): run alone in autocommit, one round trip instead of three, and retried
 * after a lost connection even when it may have landed. Do not use it for counters or inserts.
 */
export async function idempotentWrite(pool: Pool, text: string, values: readonly unknown[] = []): Promise<number> {
  return inTransaction(pool, async (c) => (await c.query(text, [...values])).rowCount ?? 0, { bare: true });
} // prettier-ignore
