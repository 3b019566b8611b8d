import type { FastifyInstance } from 'fastify';
import type { Operator } from '../context.js';
import type { Delegation } from './delegation.js';

/** An error reply of the operator API, passed on with its status and code. */
export class ApiReplyError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiReplyError';
  }
}

/** Calls the operator API in-process as an operator, through its own handlers and role checks. */
export function createApiClient(app: FastifyInstance, delegation: Delegation) {
  async function call(operator: Operator, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<{ status: number; text: string }> {
    const res = await delegation.as(operator, (authorization) => app.inject({ method, url, headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) }));
    if (res.statusCode >= 400) {
      let code = 'INTERNAL';
      let message = 'the API failed';
      try {
        const parsed = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown } };
        if (typeof parsed.error?.code === 'string') code = parsed.error.code;
        if (typeof parsed.error?.message === 'string') message = parsed.error.message;
      } catch {
        // Not our error format: keep the generic message.
      }
      throw new ApiReplyError(res.statusCode, code, message);
    }
    return { status: res.statusCode, text: res.body };
  } // prettier-ignore
  return {
    /** JSON of a successful reply. @throws {ApiReplyError} for any 4xx/5xx */
    json: async <T>(operator: Operator, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<T> => JSON.parse((await call(operator, method, url, body)).text) as T,
    /** Like {@link json}, but `undefined` when the route is absent (a module not loaded). */
    optional: async <T>(operator: Operator, url: string): Promise<T | undefined> => {
      try {
        return JSON.parse((await call(operator, 'GET', url)).text) as T;
      } catch (error) {
        if (error instanceof ApiReplyError && error.statusCode === 404) return undefined;
        throw error;
      }
    },
    /** A state change; the reply's body is not needed. @throws {ApiReplyError} for any 4xx/5xx */
    send: async (operator: Operator, method: 'POST' | 'PUT', url: string, body: unknown): Promise<void> => {
      await call(operator, method, url, body);
    },
    text: async (operator: Operator, url: string): Promise<string> => (await call(operator, 'GET', url)).text,
  }; // prettier-ignore
}
export type ApiClient = ReturnType<typeof createApiClient>;
