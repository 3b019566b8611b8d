import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { html, raw } from '../src/web/html.js';
import {
  WEB_MIGRATIONS,
  createSqliteWebState,
  hashPassword,
  verifyPassword,
} from '../src/web/index.js';
import { operatorToken, startFixture, type Fixture } from './helpers/cloud-fixture.js';
import { browse, csrfOf, operatorWithPassword, setCookie, signIn } from './web-helpers.js';

const FAST = { N: 1024, r: 8, p: 1 };
const PASSWORD = 'correct horse battery staple';

describe('password hashes', () => {
  it('records scrypt parameters and a fresh salt with each hash, and verifies only the password', async () => {
    const a = await hashPassword(PASSWORD, FAST);
    const b = await hashPassword(PASSWORD, FAST);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword(`${PASSWORD} `, a)).toBe(false);
    expect(await verifyPassword(PASSWORD, undefined, FAST)).toBe(false);
    expect(
      await verifyPassword(
        PASSWORD,
        'scrypt$3$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        FAST,
      ),
    ).toBe(false);
    await expect(hashPassword('short', FAST)).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });
});

describe('web state on SQLite and escaping', () => {
  it('forgets expired sessions, ends an operator’s sessions, and counts attempts per window', async () => {
    const db = new Database(':memory:');
    db.exec("CREATE TABLE operators (id TEXT PRIMARY KEY); INSERT INTO operators VALUES ('op-1'), ('op-2')");
    const migration = WEB_MIGRATIONS[0]?.up;
    if (typeof migration !== 'string') throw new Error('expected an SQL migration');
    db.exec(migration);
    const audited: string[] = [];
    const state = createSqliteWebState(db, (e) => audited.push(e.action));
    const session = { operatorId: 'op-1', csrfToken: 'c', createdAt: '2027-01-01T00:00:00.000Z', expiresAt: '2027-01-01T08:00:00.000Z' };
    await state.createSession({ ...session, idHash: 'a' });
    await state.createSession({ ...session, idHash: 'b', operatorId: 'op-2' });
    expect(await state.session('a', '2027-01-01T07:59:59.999Z')).toMatchObject({ operatorId: 'op-1' });
    expect(await state.session('a', '2027-01-01T08:00:00.000Z')).toBeUndefined();
    expect(await state.deleteExpired('2027-01-01T08:00:00.000Z')).toBe(2);
    await state.createSession({ ...session, idHash: 'c' });
    await state.setPassword('op-1', 'scrypt$…', '2027-01-01T01:00:00.000Z', { actor: 'system', action: 'operator.password.set', subject: 'operator:op-1' });
    expect(await state.session('c', '2027-01-01T01:00:00.000Z')).toBeUndefined();
    expect(await state.passwordOf('op-1')).toBe('scrypt$…');
    expect(audited).toEqual(['operator.password.set']);
    expect([await state.countAttempt('k', 'w1'), await state.countAttempt('k', 'w1'), await state.countAttempt('k', 'w2')]).toEqual([1, 2, 1]);
    await state.pruneAttempts('w2');
    expect(await state.countAttempt('k', 'w1')).toBe(1);
    db.close();
  }); // prettier-ignore

  it('escapes every interpolated value unless it is markup from the html tag itself', () => {
    const evil = '<img src=x onerror="alert(1)">\'&';
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe('<p title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;&amp;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;&amp;</p>');
    expect(html`<ul>${['<a>', html`<li>${'<b>'}</li>`]}</ul>`.value).toBe('<ul>&lt;a&gt;<li>&lt;b&gt;</li></ul>');
    expect(html`${raw('<br>')}${undefined}${false}${0}`.value).toBe('<br>0');
  }); // prettier-ignore
});

describe('web sign-in, sessions and CSRF', () => {
  let f: Fixture;
  let auditorId: string;
  beforeAll(async () => {
    f = await startFixture();
    auditorId = await operatorWithPassword(f, 'alice', ['auditor'], PASSWORD);
    await operatorWithPassword(f, 'rita', ['release-manager'], PASSWORD);
  }, 60_000);
  afterAll(() => f.close());

  it('lets only an admin set passwords, stores a hash, and audits the change without the password', async () => {
    const rita = await signIn(f, 'rita', PASSWORD);
    expect(rita.cookie).toMatch(/^__Host-cra_session=/);
    const { stored } = f.cloud.ctx.db.prepare('SELECT hash AS stored FROM operator_passwords WHERE operator_id = ?').get(auditorId) as { stored: string };
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored).not.toContain(PASSWORD);
    const none = await f.api('PUT', `/api/v1/operators/${auditorId}/password`, { body: { password: PASSWORD } });
    expect([none.status, none.json<{ error: { code: string } }>().error.code]).toEqual([401, 'AUTH_REQUIRED']);
    const releaseManager = await operatorToken(f, 'rm-token', ['release-manager']);
    const forbidden = await f.api('PUT', `/api/v1/operators/${auditorId}/password`, { token: releaseManager, body: { password: PASSWORD } });
    expect([forbidden.status, forbidden.json<{ error: { code: string } }>().error.code]).toEqual([403, 'FORBIDDEN']);
    const short = await f.api('PUT', `/api/v1/operators/${auditorId}/password`, { token: f.adminToken, body: { password: 'short' } });
    expect(short.status).toBe(400);
    const missing = await f.api('PUT', '/api/v1/operators/00000000-0000-4000-8000-000000000000/password', { token: f.adminToken, body: { password: PASSWORD } });
    expect(missing.status).toBe(404);
    const audit = JSON.stringify(f.cloud.ctx.db.prepare("SELECT * FROM audit_log WHERE action = 'operator.password.set'").all());
    expect(audit).toContain(auditorId);
    expect(audit).not.toContain(PASSWORD);
  }); // prettier-ignore

  it('issues a __Host- session cookie with HttpOnly, Secure and SameSite=Strict, stored only hashed', async () => {
    const form = await browse(f, 'GET', '/ui/login');
    const nonce = setCookie(form, '__Host-cra_login');
    expect(nonce?.line).toMatch(/; Path=\/; Max-Age=\d+; HttpOnly; Secure; SameSite=Strict$/);
    const res = await browse(f, 'POST', '/ui/login', { cookie: nonce?.pair ?? '', form: { csrf: csrfOf(form.text), name: 'alice', password: PASSWORD } });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/ui/');
    const session = setCookie(res, '__Host-cra_session');
    expect(session?.line).toMatch(/^__Host-cra_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=28800; HttpOnly; Secure; SameSite=Strict$/);
    const id = session?.pair.split('=')[1] ?? '';
    const rows = JSON.stringify(f.cloud.ctx.db.prepare('SELECT * FROM web_sessions').all());
    expect(rows).not.toContain(id);
    const home = await browse(f, 'GET', '/ui/', { cookie: session?.pair ?? '' });
    expect(home.status).toBe(200);
    expect(home.text).toContain('alice');
  }); // prettier-ignore

  it('refuses a wrong password, a login without its nonce cookie, and floods of attempts', async () => {
    const form = await browse(f, 'GET', '/ui/login');
    const nonce = setCookie(form, '__Host-cra_login')?.pair ?? '';
    const wrong = await browse(f, 'POST', '/ui/login', { cookie: nonce, form: { csrf: csrfOf(form.text), name: 'alice', password: 'not the password' } });
    expect(wrong.status).toBe(401);
    expect(setCookie(wrong, '__Host-cra_session')).toBeUndefined();
    const forged = await browse(f, 'POST', '/ui/login', { form: { csrf: csrfOf(form.text), name: 'alice', password: PASSWORD } });
    expect(forged.status).toBe(403);
    expect(setCookie(forged, '__Host-cra_session')).toBeUndefined();
    // Ten attempts per name and window (the default); the correct password no longer helps.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const again = await browse(f, 'POST', '/ui/login', { cookie: nonce, form: { csrf: csrfOf(form.text), name: 'mallory-target', password: `guess number ${i}` } });
      statuses.push(again.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  }, 60_000); // prettier-ignore

  it('needs the session’s CSRF token on every form, and the cookie never authenticates the API', async () => {
    const alice = await signIn(f, 'alice', PASSWORD);
    const noToken = await browse(f, 'POST', '/ui/logout', { cookie: alice.cookie, form: {} });
    expect(noToken.status).toBe(400);
    const wrongToken = await browse(f, 'POST', '/ui/logout', { cookie: alice.cookie, form: { csrf: 'A'.repeat(43) } });
    expect(wrongToken.status).toBe(403);
    const other = await signIn(f, 'rita', PASSWORD);
    const crossed = await browse(f, 'POST', '/ui/rollouts/ro-x/pause', { cookie: other.cookie, form: { csrf: alice.csrf } });
    expect(crossed.status).toBe(403);
    expect(crossed.text).toContain('CSRF');
    expect((await browse(f, 'GET', '/ui/', { cookie: alice.cookie })).status).toBe(200);
    const api = await browse(f, 'GET', '/api/v1/devices', { cookie: alice.cookie });
    expect(api.status).toBe(401);
    const json = await browse(f, 'POST', '/ui/logout', { cookie: alice.cookie, headers: { 'content-type': 'application/json' } });
    expect(json.status).toBe(415);
  }); // prettier-ignore

  it('ends a session at logout and every session of an operator when its password changes', async () => {
    const one = await signIn(f, 'alice', PASSWORD);
    const two = await signIn(f, 'alice', PASSWORD);
    const out = await browse(f, 'POST', '/ui/logout', { cookie: one.cookie, form: { csrf: one.csrf } });
    expect([out.status, out.headers.location]).toEqual([303, '/ui/login']);
    expect(setCookie(out, '__Host-cra_session')?.line).toContain('Max-Age=0');
    expect((await browse(f, 'GET', '/ui/', { cookie: one.cookie })).headers.location).toBe('/ui/login');
    expect((await browse(f, 'GET', '/ui/', { cookie: two.cookie })).status).toBe(200);
    const set = await f.api('PUT', `/api/v1/operators/${auditorId}/password`, { token: f.adminToken, body: { password: `${PASSWORD}!` } });
    expect(set.status).toBe(204);
    expect((await browse(f, 'GET', '/ui/', { cookie: two.cookie })).headers.location).toBe('/ui/login');
    await expect(signIn(f, 'alice', PASSWORD)).rejects.toThrow(/login: 401/);
    await signIn(f, 'alice', `${PASSWORD}!`);
  }, 60_000); // prettier-ignore

  it('serves pages with the strict CSP and only same-origin script and style files', async () => {
    const form = await browse(f, 'GET', '/ui/login');
    expect(form.headers['content-security-policy']).toBe("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.text).not.toMatch(/<script>|<style|style="|\son[a-z]+=/);
    const js = await browse(f, 'GET', '/ui/assets/app.js');
    expect([js.status, js.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    const css = await browse(f, 'GET', '/ui/assets/app.css');
    expect([css.status, css.headers['content-type']]).toEqual([200, 'text/css; charset=utf-8']);
    const anonymous = await browse(f, 'GET', '/ui/fleet');
    expect([anonymous.status, anonymous.headers.location]).toEqual([303, '/ui/login']);
    const apiStyle = await f.api('POST', '/ui/rollouts/ro-x/pause', { body: {} });
    expect(apiStyle.status).toBe(415);
    expect(apiStyle.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  }); // prettier-ignore
});
