import type Database from 'better-sqlite3';
import type { Pool } from 'pg';

/**
 * The cloud's database, whichever back end the configuration chose. Stores are made per back end
 * by the factories in `db/stores.ts`; nothing else looks inside.
 */
export type CloudDatabase = SqliteCloudDatabase | PostgresCloudDatabase;

/** Embedded default: one SQLite file, one writer (better-sqlite3 is synchronous). */
export interface SqliteCloudDatabase {
  readonly kind: 'sqlite';
  readonly sqlite: Database.Database;
  close(): Promise<void>;
}

/** Scale-out: a PostgreSQL pool shared by every store of this instance (and other instances). */
export interface PostgresCloudDatabase {
  readonly kind: 'postgres';
  readonly pool: Pool;
  /** The connection string, for stores that open their own pool (vuln-intake's cases). */
  readonly url: string;
  close(): Promise<void>;
}
