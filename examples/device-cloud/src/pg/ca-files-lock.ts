import type { Pool } from 'pg';
import { inTransaction } from './transaction.js';

/** Transaction-scoped advisory lock held while an instance works on the shared CA directory. */
const CA_FILES_LOCK = 7_340_113;

/**
 * Mutual exclusion of the instances on one database for the CA directory's read-modify-write
 * files (revocation list, CRL number): two instances never sign two CRLs with one number. The
 * lock ends with the transaction, also when the instance dies holding it.
 */
export function createPostgresCaFilesLock(pool: Pool) {
  return <T>(fn: () => Promise<T>): Promise<T> =>
    inTransaction(pool, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [CA_FILES_LOCK]);
      return fn();
    });
}
