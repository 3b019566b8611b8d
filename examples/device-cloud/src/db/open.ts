import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Opens the cloud's SQLite database: WAL (readers never block the writer), foreign keys on, and a
 * busy timeout so a second process (a backup, `sqlite3` in a shell) waits instead of failing.
 * A new database file is private to the owner (0600).
 */
export function openDatabase(path: string): Database.Database {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Created 0600 before SQLite opens it: the -wal and -shm files inherit the database's mode.
    closeSync(openSync(path, 'a', 0o600));
  }
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
