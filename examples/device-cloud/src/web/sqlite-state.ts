import type Database from 'better-sqlite3';
import type { AuditEntry } from '../context.js';
import type { Migration } from '../db/migrations.js';
import { sessionOfRow, type SessionRow, type WebSession, type WebState } from './state.js';

/** Schema of the web UI's state (owner `web` in `schema_migrations`). */
export const WEB_MIGRATIONS: readonly Migration[] = [
  {
    id: '001-web-state',
    up: `
CREATE TABLE operator_passwords (
  operator_id TEXT PRIMARY KEY REFERENCES operators(id) ON DELETE CASCADE,
  hash TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE web_sessions (
  id_hash TEXT PRIMARY KEY,
  operator_id TEXT NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX web_sessions_operator ON web_sessions (operator_id);
CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);
CREATE TABLE login_attempts (
  key TEXT NOT NULL,
  window_start TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  PRIMARY KEY (key, window_start)
);`,
  },
];

/** {@link WebState} over the cloud's SQLite database. */
export function createSqliteWebState(db: Database.Database, audit: (entry: AuditEntry) => void): WebState {
  const q = {
    password: db.prepare<[string], { hash: string }>('SELECT hash FROM operator_passwords WHERE operator_id = ?'),
    setPassword: db.prepare('INSERT INTO operator_passwords (operator_id, hash, updated_at) VALUES (?, ?, ?) ON CONFLICT (operator_id) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at'),
    insertSession: db.prepare('INSERT INTO web_sessions (id_hash, operator_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)'),
    session: db.prepare<[string, string], SessionRow>('SELECT * FROM web_sessions WHERE id_hash = ? AND expires_at > ?'),
    deleteSession: db.prepare('DELETE FROM web_sessions WHERE id_hash = ?'),
    deleteSessionsOf: db.prepare('DELETE FROM web_sessions WHERE operator_id = ?'),
    deleteExpired: db.prepare('DELETE FROM web_sessions WHERE expires_at <= ?'),
    countAttempt: db.prepare<[string, string], { attempts: number }>('INSERT INTO login_attempts (key, window_start, attempts) VALUES (?, ?, 1) ON CONFLICT (key, window_start) DO UPDATE SET attempts = attempts + 1 RETURNING attempts'),
    pruneAttempts: db.prepare('DELETE FROM login_attempts WHERE window_start < ?'),
  };
  const setPassword = db.transaction((operatorId: string, hash: string, at: string, entry: AuditEntry) => {
    q.setPassword.run(operatorId, hash, at);
    // A new password ends the sessions the old one opened.
    q.deleteSessionsOf.run(operatorId);
    audit(entry);
  });
  return {
    passwordOf: async (operatorId) => Promise.resolve(q.password.get(operatorId)?.hash),
    async setPassword(operatorId, hash, at, entry) {
      setPassword(operatorId, hash, at, entry);
      await Promise.resolve();
    },
    async createSession(s: WebSession) {
      q.insertSession.run(s.idHash, s.operatorId, s.csrfToken, s.createdAt, s.expiresAt);
      await Promise.resolve();
    },
    async session(idHash, now) {
      const row = q.session.get(idHash, now);
      return Promise.resolve(row === undefined ? undefined : sessionOfRow(row));
    },
    async deleteSession(idHash) {
      q.deleteSession.run(idHash);
      await Promise.resolve();
    },
    async deleteSessionsOf(operatorId) {
      q.deleteSessionsOf.run(operatorId);
      await Promise.resolve();
    },
    deleteExpired: async (now) => Promise.resolve(q.deleteExpired.run(now).changes),
    countAttempt: async (key, windowStart) => Promise.resolve(q.countAttempt.get(key, windowStart)?.attempts ?? 1),
    async pruneAttempts(before) {
      q.pruneAttempts.run(before);
      await Promise.resolve();
    },
  };
} // prettier-ignore
