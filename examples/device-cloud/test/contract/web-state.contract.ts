import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../src/db/stores.js';
import { WEB_MIGRATIONS, openWebState, type WebState } from '../../src/web/index.js';
import { browse, csrfOf, operatorWithPassword, setCookie, signIn } from '../web-helpers.js';
import type { Backend } from './backends.js';
import { startCluster, type Cluster } from './cluster.js';
import { lastActions, useFreshStores } from './context.js';

const T0 = '2027-01-01T00:00:00.000Z';
const session = (idHash: string, operatorId: string, expiresAt = '2027-01-01T08:00:00.000Z') => ({
  idHash,
  operatorId,
  csrfToken: `csrf-${idHash}`,
  createdAt: T0,
  expiresAt,
});
const passwordAudit = (operatorId: string) => ({
  actor: 'operator:admin',
  action: 'operator.password.set',
  subject: `operator:${operatorId}`,
});

/** The web UI's passwords, sessions and login attempts: the same assertions on every back end. */
export function describeWebStateContract(backend: Backend): void {
  describe(`${backend.name}: web state`, () => {
    const s = useFreshStores(backend);
    let state: WebState;
    let alice: string;
    let bob: string;
    beforeAll(async () => {
      const { db, stores, clock } = s();
      // Applied the way the cloud applies it (owner `web`), from the same SQL on both back ends.
      expect(await migrateDatabase(db, [{ owner: 'web', migrations: WEB_MIGRATIONS }], clock.now())).toEqual(['web/001-web-state']);
      state = openWebState(db, stores.audit);
      alice = (await stores.operators.create({ name: 'alice', roles: ['auditor'] }, 'system')).id;
      bob = (await stores.operators.create({ name: 'bob', roles: ['auditor'] }, 'system')).id;
    }, 60_000);

    it('sets and replaces a password, ending only that operator’s sessions, audited', async () => {
      const { stores } = s();
      expect(await state.passwordOf(alice)).toBeUndefined();
      await state.createSession(session('a1', alice));
      await state.createSession(session('a2', alice));
      await state.createSession(session('b1', bob));
      await state.setPassword(alice, 'scrypt$one', '2027-01-01T01:00:00.000Z', passwordAudit(alice));
      expect(await state.passwordOf(alice)).toBe('scrypt$one');
      expect(await state.session('a1', T0)).toBeUndefined();
      expect(await state.session('a2', T0)).toBeUndefined();
      expect(await state.session('b1', T0)).toEqual(session('b1', bob));
      await state.setPassword(alice, 'scrypt$two', '2027-01-01T02:00:00.000Z', passwordAudit(alice));
      expect(await state.passwordOf(alice)).toBe('scrypt$two');
      expect(await state.passwordOf(bob)).toBeUndefined();
      await stores.audit.flush();
      const entries = (await stores.audit.page({ limit: 2 })).entries;
      expect(entries.map((e) => [e.action, e.subject])).toEqual([['operator.password.set', `operator:${alice}`], ['operator.password.set', `operator:${alice}`]]);
      expect(JSON.stringify(entries)).not.toContain('scrypt$');
    });

    it('refuses a password for an unknown operator and keeps nothing of it, audit included', async () => {
      const { stores } = s();
      await stores.audit.flush();
      const before = await lastActions(stores, 1);
      await expect(state.setPassword('no-such-operator', 'scrypt$x', '2027-01-01T03:00:00.000Z', { ...passwordAudit('no-such-operator'), action: 'operator.password.ghost' })).rejects.toThrow();
      expect(await state.passwordOf('no-such-operator')).toBeUndefined();
      expect(await lastActions(stores, 1)).toEqual(before);
    });

    it('finds a session only until it expires, deletes one, all of an operator’s, and the expired', async () => {
      await state.createSession(session('s1', bob, '2027-01-01T04:00:00.000Z'));
      await state.createSession(session('s2', bob, '2027-01-01T05:00:00.000Z'));
      await state.createSession(session('s3', alice, '2027-01-01T06:00:00.000Z'));
      expect(await state.session('s1', '2027-01-01T03:59:59.999Z')).toEqual(session('s1', bob, '2027-01-01T04:00:00.000Z'));
      expect(await state.session('s1', '2027-01-01T04:00:00.000Z')).toBeUndefined();
      expect(await state.session('none', T0)).toBeUndefined();
      // A session id is unique: a second insert of the same hash fails instead of replacing it.
      await expect(state.createSession(session('s1', alice))).rejects.toThrow();
      expect(await state.session('s1', T0)).toMatchObject({ operatorId: bob });
      // s1 (04:00) expired; b1 (08:00), s2 and s3 not yet.
      expect(await state.deleteExpired('2027-01-01T04:30:00.000Z')).toBe(1);
      await state.deleteSession('s2');
      expect(await state.session('s2', T0)).toBeUndefined();
      await state.deleteSessionsOf(bob);
      expect(await state.session('b1', T0)).toBeUndefined();
      expect(await state.session('s3', T0)).toMatchObject({ operatorId: alice });
      expect(await state.deleteExpired('2027-01-02T00:00:00.000Z')).toBe(1);
    });

    it('counts attempts per key and window, atomically under concurrency, and prunes old windows', async () => {
      expect([await state.countAttempt('name:alice', 'w1'), await state.countAttempt('name:alice', 'w1'), await state.countAttempt('name:alice', 'w2'), await state.countAttempt('addr:::1', 'w1')]).toEqual([1, 2, 1, 1]);
      const racing = await Promise.all(Array.from({ length: 12 }, () => state.countAttempt('addr:10.0.0.1', 'w2')));
      expect([...racing].sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      await state.pruneAttempts('w2');
      expect(await state.countAttempt('name:alice', 'w1')).toBe(1);
      expect(await state.countAttempt('name:alice', 'w2')).toBe(2);
    });
  });
} // prettier-ignore

/**
 * A whole cloud on the backend's PostgreSQL: the UI is served and an operator signs in; the
 * session lives in the database, so a second instance accepts it.
 */
export function describeWebUiOnPostgres(backend: Backend): void {
  describe(`${backend.name}: web UI of a cloud`, () => {
    let cluster: Cluster | undefined;
    beforeAll(async () => {
      const db = await backend.open();
      await db.close();
      if (db.kind !== 'postgres') throw new Error('describeWebUiOnPostgres needs a PostgreSQL backend');
      cluster = await startCluster(db.url, 2, () => []);
    }, 120_000);
    afterAll(() => cluster?.close(), 60_000);
    const node = (i: number) => {
      const n = cluster?.nodes[i];
      if (n === undefined) throw new Error('cluster not started');
      return n;
    };

    it('serves /ui/login and signs an operator in; the other instance knows the session', async () => {
      const [a, b] = [node(0), node(1)];
      const id = await operatorWithPassword(a, 'alice', ['auditor'], 'correct horse battery staple');
      const form = await browse(a, 'GET', '/ui/login');
      expect(form.status).toBe(200);
      expect(csrfOf(form.text)).not.toBe('');
      expect(setCookie(form, '__Host-cra_login')).toBeDefined();
      const wrong = await browse(a, 'POST', '/ui/login', { cookie: setCookie(form, '__Host-cra_login')?.pair ?? '', form: { csrf: csrfOf(form.text), name: 'alice', password: 'not the password' } });
      expect(setCookie(wrong, '__Host-cra_session')).toBeUndefined();
      const { cookie } = await signIn(a, 'alice', 'correct horse battery staple');
      for (const n of [a, b]) {
        const home = await browse(n, 'GET', '/ui/', { cookie });
        expect(home.status).toBe(200);
        expect(home.text).toContain('alice');
      }
      // A new password set through the other instance ends the session everywhere.
      const set = await b.api('PUT', `/api/v1/operators/${id}/password`, { token: b.adminToken, body: { password: 'another long pass phrase' } });
      expect(set.status).toBe(204);
      const after = await browse(a, 'GET', '/ui/', { cookie });
      expect([after.status, after.headers.location]).toEqual([303, '/ui/login']);
    }, 60_000);
  });
} // prettier-ignore
