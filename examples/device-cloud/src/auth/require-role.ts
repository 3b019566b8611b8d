import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Operator, Role } from '../context.js';
import { CloudError } from '../errors.js';
import type { OperatorStore } from './operator-store.js';

/** The bearer token of a request, if it sent one. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
  return match?.[1];
}

/** `requireRole` and `operatorOf` of the cloud context, over an operator store. */
export function createOperatorAuth(store: OperatorStore, delegated?: (token: string) => Operator | undefined) {
  const operators = new WeakMap<FastifyRequest, Operator>();
  return {
    requireRole(...roles: Role[]): preHandlerAsyncHookHandler {
      return async function requireRole(request: FastifyRequest) {
        const token = bearerToken(request);
        // `delegated`: the web UI calling this API in-process as its signed-in operator.
        const operator = token === undefined ? undefined : ((await store.authenticate(token)) ?? delegated?.(token));
        if (operator === undefined) throw new CloudError('AUTH_REQUIRED', 'an operator API token is required');
        if (!operator.roles.includes('admin') && !operator.roles.some((r) => roles.includes(r))) {
          throw new CloudError('FORBIDDEN', 'your roles do not allow this', { details: { needs: ['admin', ...roles] } });
        }
        operators.set(request, operator);
      };
    },
    operatorOf(request: FastifyRequest): Operator {
      const operator = operators.get(request);
      if (operator === undefined) throw new CloudError('AUTH_REQUIRED', 'route has no requireRole preHandler');
      return operator;
    },
  };
} // prettier-ignore
