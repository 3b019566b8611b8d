import type { AuditEntry } from '../context.js';

/** A web session as stored: the id only as its SHA-256, never the cookie value. */
export interface WebSession {
  /** SHA-256 of the session id (hex). */
  readonly idHash: string;
  readonly operatorId: string;
  /** Synchronizer token every state-changing form of this session must echo. */
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** A `web_sessions` row, as both back ends return it. */
export interface SessionRow {
  id_hash: string;
  operator_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

/** The session a `web_sessions` row holds. */
export const sessionOfRow = (r: SessionRow): WebSession => ({
  idHash: r.id_hash,
  operatorId: r.operator_id,
  csrfToken: r.csrf_token,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

/**
 * Where the web UI keeps operator passwords, sessions and login attempts. Async, like the other
 * stores, so the scale-out deployment can keep them in PostgreSQL: nothing of a session lives in
 * a cloud instance's memory. Changes to a password are audited in the same transaction.
 */
export interface WebState {
  /** The stored hash of an operator's password (`scrypt$…`), if one is set. */
  passwordOf(operatorId: string): Promise<string | undefined>;
  setPassword(operatorId: string, hash: string, at: string, audit: AuditEntry): Promise<void>;
  createSession(session: WebSession): Promise<void>;
  /** The session with this id hash if it has not expired at `now`. */
  session(idHash: string, now: string): Promise<WebSession | undefined>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of an operator (after a password change). */
  deleteSessionsOf(operatorId: string): Promise<void>;
  deleteExpired(now: string): Promise<number>;
  /**
   * Counts one login attempt for `key` in the fixed window containing `now`, atomically.
   * @returns the attempts in this window, this one included
   */
  countAttempt(key: string, windowStart: string): Promise<number>;
  /** Forgets attempt windows that started before `before`. */
  pruneAttempts(before: string): Promise<void>;
}
