import type Database from 'better-sqlite3';
import { z } from 'zod';
import { CloudError } from '../errors.js';

/** One schema change. `id`s sort in the order they must apply (e.g. `001-devices`). */
export interface Migration {
  readonly id: string;
  /** SQL to run, or a function for changes SQL alone cannot express. */
  readonly up: string | ((db: Database.Database) => void);
  /** The same change for PostgreSQL, when `up` is not plain SQL both accept. */
  readonly postgres?: string;
}

/** The migrations of one owner (the shell or a module), applied in the order given. */
export interface MigrationSet {
  readonly owner: string;
  readonly migrations: readonly Migration[];
}

export const NameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/);

/**
 * Refuses a set with a malformed owner or migration id, or an id twice — on either back end,
 * before anything is applied.
 * @throws {CloudError} CLOUD_MIGRATION_FAILED
 */
export function assertMigrationNames(sets: readonly MigrationSet[]): void {
  for (const set of sets) {
    const seen = new Set<string>();
    for (const m of set.migrations) {
      if (
        !NameSchema.safeParse(set.owner).success ||
        !NameSchema.safeParse(m.id).success ||
        seen.has(m.id)
      ) {
        throw new CloudError(
          'CLOUD_MIGRATION_FAILED',
          `bad or duplicate migration name ${set.owner}/${m.id}`,
        );
      }
      seen.add(m.id);
    }
  }
}

/**
 * Applies every migration not yet recorded in `schema_migrations`, each in its own transaction
 * together with its record, so a failure leaves the database at the previous migration.
 * @returns the `owner/id` of each migration applied now
 * @throws {CloudError} CLOUD_MIGRATION_FAILED (nothing of the failing migration is kept)
 */
export function migrate(db: Database.Database, sets: readonly MigrationSet[], now: Date): string[] {
  assertMigrationNames(sets);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    owner TEXT NOT NULL, id TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (owner, id))`);
  const applied = db.prepare<[string, string], { id: string }>(
    'SELECT id FROM schema_migrations WHERE owner = ? AND id = ?',
  );
  const record = db.prepare('INSERT INTO schema_migrations (owner, id, applied_at) VALUES (?, ?, ?)');
  const done: string[] = [];
  for (const set of sets) {
    for (const m of set.migrations) {
      if (applied.get(set.owner, m.id) !== undefined) continue;
      try {
        db.transaction(() => {
          if (typeof m.up === 'string') db.exec(m.up);
          else m.up(db);
          record.run(set.owner, m.id, now.toISOString());
        })();
      } catch (cause) {
        throw new CloudError('CLOUD_MIGRATION_FAILED', `migration ${set.owner}/${m.id} failed`, { cause });
      }
      done.push(`${set.owner}/${m.id}`);
    }
  }
  return done;
} // prettier-ignore
