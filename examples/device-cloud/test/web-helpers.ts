import type { Role } from '../src/index.js';
import { httpsCall, type Fixture, type HttpResult } from './helpers/cloud-fixture.js';

/** Test helpers of the web UI suites (HTTPS only; the browser suite drives Chromium itself). */

/** Creates an operator with `roles` and sets its web password through the operator API. */
export async function operatorWithPassword(f: Fixture, name: string, roles: readonly Role[], password: string): Promise<string> {
  const created = await f.api('POST', '/api/v1/operators', { token: f.adminToken, body: { name, roles } });
  if (created.status !== 201) throw new Error(`create operator: ${created.status} ${created.text}`);
  const { id } = created.json<{ id: string }>();
  const set = await f.api('PUT', `/api/v1/operators/${id}/password`, { token: f.adminToken, body: { password } });
  if (set.status !== 204) throw new Error(`set password: ${set.status} ${set.text}`);
  return id;
} // prettier-ignore

/** The `name=value` of a `Set-Cookie` header for `name`, and its whole line. */
export function setCookie(
  res: HttpResult,
  name: string,
): { pair: string; line: string } | undefined {
  const lines = [res.headers['set-cookie'] ?? []].flat();
  const line = lines.find((l) => l.startsWith(`${name}=`));
  return line === undefined ? undefined : { pair: line.split(';')[0] ?? '', line };
}

/** The value of the first hidden `csrf` field of a page. */
export const csrfOf = (html: string): string => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** A browser-like request to the public listener: a cookie, a form body, HTML accepted. */
export function browse(f: Fixture, method: 'GET' | 'POST', path: string, options: { cookie?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<HttpResult> {
  const body = options.form === undefined ? undefined : new URLSearchParams(options.form).toString();
  const headers: Record<string, string> = { accept: 'text/html', ...(options.cookie === undefined ? {} : { cookie: options.cookie }), ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }), ...options.headers };
  return httpsCall(f.cloud.publicUrl + path, { method, ca: f.rootPem, headers, ...(body === undefined ? {} : { body }) });
} // prettier-ignore

/** Signs in through the login form; the session cookie (`name=value`) and the page's CSRF token. */
export async function signIn(f: Fixture, name: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const form = await browse(f, 'GET', '/ui/login');
  const nonce = setCookie(form, '__Host-cra_login');
  if (nonce === undefined) throw new Error('no login cookie');
  const res = await browse(f, 'POST', '/ui/login', { cookie: nonce.pair, form: { csrf: csrfOf(form.text), name, password } });
  const session = setCookie(res, '__Host-cra_session');
  if (res.status !== 303 || session === undefined) throw new Error(`login: ${res.status}`);
  const home = await browse(f, 'GET', '/ui/', { cookie: session.pair });
  return { cookie: session.pair, csrf: csrfOf(home.text) };
} // prettier-ignore
