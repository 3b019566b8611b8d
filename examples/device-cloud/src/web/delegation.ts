import { createHash, randomBytes } from 'node:crypto';
import type { Operator } from '../context.js';

const PREFIX = 'cra_web_';
const SHAPE = /^cra_web_[A-Za-z0-9_-]{43}$/;
const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Lets the web UI call the operator API in-process (`app.inject`) as the signed-in operator, so
 * each page and action runs the API's own handler and role check instead of a copy of them.
 * A delegated token is 256 random bits, exists only for the duration of one injected request,
 * never leaves the process, and is looked up by its hash (as API tokens are).
 */
export interface Delegation {
  /** For `createOperatorAuth`: the operator a presented bearer token stands for, if delegated. */
  readonly authenticate: (token: string) => Operator | undefined;
  /** Runs `call` with a bearer token standing for `operator`; the token dies when it settles. */
  as<T>(operator: Operator, call: (bearer: string) => Promise<T>): Promise<T>;
}

/** Creates the in-process delegation registry of one cloud instance. */
export function createDelegation(): Delegation {
  const live = new Map<string, Operator>();
  return {
    authenticate(token) {
      if (!SHAPE.test(token)) return undefined;
      return live.get(hashOf(token));
    },
    async as(operator, call) {
      const token = PREFIX + randomBytes(32).toString('base64url');
      const key = hashOf(token);
      live.set(key, operator);
      try {
        return await call(`Bearer ${token}`);
      } finally {
        live.delete(key);
      }
    },
  };
}
