import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '@cra-kit/core';
import type { Operator } from '../context.js';
import type { OperatorStore } from '../auth/operator-store.js';
import { CloudError } from '../errors.js';
import type { WebConfig } from './config.js';
import { verifyPassword } from './password.js';
import type { WebState } from './state.js';

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;
const hashId = (id: string) => createHash('sha256').update(id, 'utf8').digest('hex');

/** Constant-time equality of two tokens (the lengths are not secret). */
export function tokensEqual(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A fresh 256-bit token (session id, CSRF token, login nonce). */
export const freshToken = (): string => randomBytes(32).toString('base64url');

/** Who is signed in, and the CSRF token of the session. */
export interface SignedIn {
  readonly operator: Operator;
  readonly csrfToken: string;
  readonly idHash: string;
}

/** Logins, sessions and the login rate limit, over {@link WebState}. */
export function createSessions(deps: { state: WebState; clock: Clock; config: WebConfig; findOperator: OperatorStore['find'] }) {
  const { state, clock, config } = deps;
  const limit = config.loginRateLimit;
  const windowStart = (now: Date) => new Date(Math.floor(now.getTime() / (limit.windowSeconds * 1000)) * limit.windowSeconds * 1000).toISOString();
  return {
    /**
     * Checks a name and password; on success opens a session.
     * @returns the new session id (for the cookie only) and its record, or undefined
     * @throws {CloudError} RATE_LIMITED when the name or the address used up its attempts
     */
    async login(name: string, password: string, address: string): Promise<{ id: string; session: SignedIn } | undefined> {
      const now = clock.now();
      const start = windowStart(now);
      // Counted before the check, so parallel guesses cannot slip past the limit.
      const [byName, byAddress] = await Promise.all([state.countAttempt(`name:${name.toLowerCase()}`, start), state.countAttempt(`addr:${address}`, start)]);
      if (byName > limit.perName || byAddress > limit.perAddress) throw new CloudError('RATE_LIMITED', 'too many login attempts; try again later');
      const operator = await deps.findOperator({ name });
      const stored = operator === undefined ? undefined : await state.passwordOf(operator.id);
      // Unknown names cost a derivation too, so timing does not reveal them.
      const ok = await verifyPassword(password, stored, config.scrypt);
      if (!ok || operator === undefined) return undefined;
      const id = freshToken();
      const record = { idHash: hashId(id), operatorId: operator.id, csrfToken: freshToken(), createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + config.sessionTtlMinutes * 60_000).toISOString() };
      await state.deleteExpired(now.toISOString());
      await state.pruneAttempts(new Date(now.getTime() - 2 * limit.windowSeconds * 1000).toISOString());
      await state.createSession(record);
      return { id, session: { operator, csrfToken: record.csrfToken, idHash: record.idHash } };
    },
    /** The signed-in operator of a session cookie value, with its current roles. */
    async resolve(id: string | undefined): Promise<SignedIn | undefined> {
      if (id === undefined || !SESSION_ID.test(id)) return undefined;
      const session = await state.session(hashId(id), clock.now().toISOString());
      if (session === undefined) return undefined;
      // Roles are read now, not at login: a role taken away applies to the next request.
      const operator = await deps.findOperator({ id: session.operatorId });
      return operator === undefined ? undefined : { operator, csrfToken: session.csrfToken, idHash: session.idHash };
    },
    logout: (idHash: string) => state.deleteSession(idHash),
  };
} // prettier-ignore
export type Sessions = ReturnType<typeof createSessions>;
