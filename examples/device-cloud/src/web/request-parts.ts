import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CloudError } from '../errors.js';

/** Names of the UI's cookies. `__Host-` binds them to this origin, `Secure` and `Path=/`. */
export const SESSION_COOKIE = '__Host-cra_session';
export const LOGIN_COOKIE = '__Host-cra_login';

/** The value of one cookie of the request, if present (first wins, as browsers send it). */
export function cookieOf(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string' || header.length > 8192) return undefined;
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/** A `Set-Cookie` value with the flags every UI cookie carries. */
export const cookie = (name: string, value: string, maxAgeSeconds: number): string =>
  `${name}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=Strict`;

/** Whether the client wants HTML (a browser navigation) rather than the API's JSON errors. */
export const wantsHtml = (request: FastifyRequest): boolean =>
  typeof request.headers.accept === 'string' && request.headers.accept.includes('text/html');

/**
 * Forms are the only bodies the UI reads: `application/x-www-form-urlencoded`, small, no
 * repeated fields (a repeated field is ambiguous, so it is refused).
 */
export function acceptFormsOnly(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 32 * 1024 }, (_request, body, done) => {
    const fields: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [key, value] of new URLSearchParams(body as string)) {
      if (key in fields) {
        done(new CloudError('INVALID_REQUEST', `field ${key.slice(0, 40)} is repeated`), undefined);
        return;
      }
      fields[key] = value;
    }
    done(null, fields);
  });
} // prettier-ignore
