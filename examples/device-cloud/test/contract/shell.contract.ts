import { describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../src/db/stores.js';
import { MIGRATION_SETS, type Backend } from './backends.js';
import { lastActions, useFreshStores } from './context.js';

/** Migrations, the audit log and operators/tokens: the same assertions on every back end. */
export function describeShellContract(backend: Backend): void {
  describe(`${backend.name}: migrations`, () => {
    const s = useFreshStores(backend);
    it('applies each migration once and keeps nothing of a failing one', async () => {
      const { db, clock } = s();
      expect(db.kind).toBe(backend.name === 'SQLite' ? 'sqlite' : 'postgres');
      expect(await migrateDatabase(db, MIGRATION_SETS, clock.now())).toEqual([]);
      const ok = { id: '001-ok', up: 'CREATE TABLE probe_a (id TEXT PRIMARY KEY)' };
      const broken = { owner: 'probe', migrations: [ok, { id: '002-bad', up: 'CREATE TABLE probe_b (id TEXT); SELECT * FROM no_such_table' }] };
      await expect(migrateDatabase(db, [broken], clock.now())).rejects.toMatchObject({ code: 'CLOUD_MIGRATION_FAILED' });
      // 001 stayed applied, 002 left nothing behind: fixed, it applies alone.
      const fixed = { owner: 'probe', migrations: [ok, { id: '002-bad', up: 'CREATE TABLE probe_b (id TEXT)' }] };
      expect(await migrateDatabase(db, [fixed], clock.now())).toEqual(['probe/002-bad']);
      await expect(migrateDatabase(db, [{ owner: 'Bad Owner', migrations: [{ id: '001', up: 'SELECT 1' }] }], clock.now())).rejects.toMatchObject({ code: 'CLOUD_MIGRATION_FAILED' });
    });
  });

  describe(`${backend.name}: audit log`, () => {
    const s = useFreshStores(backend);
    it('appends in order and pages newest first', async () => {
      const { stores } = s();
      for (let i = 1; i <= 5; i += 1) stores.audit.append({ actor: 'system', action: `test.${i}`, subject: `thing:${i}`, ...(i === 2 ? { detail: { n: i } } : {}) });
      await stores.audit.flush();
      const first = await stores.audit.page({ limit: 3 });
      expect(first.entries.map((e) => e.action)).toEqual(['test.5', 'test.4', 'test.3']);
      expect(first.next).toBe(first.entries[2]?.seq);
      const second = await stores.audit.page({ limit: 3, before: first.next });
      expect(second.entries.map((e) => e.action)).toEqual(['test.2', 'test.1']);
      expect(second.entries[0]).toMatchObject({ actor: 'system', subject: 'thing:2', detail: { n: 2 }, at: '2027-01-01T00:00:00.000Z' });
      expect(second.entries[1]).not.toHaveProperty('detail');
      expect(second.next).toBeUndefined();
    });
  });

  describe(`${backend.name}: operators and tokens`, () => {
    const s = useFreshStores(backend);
    it('creates the first admin exactly once, even when instances race', async () => {
      const { stores } = s();
      const kept: string[] = [];
      const results = await Promise.all([1, 2, 3].map(() => stores.operators.createFirstAdmin((t) => { kept.push(t); })));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(kept).toHaveLength(1);
      expect(await stores.operators.count()).toBe(1);
      expect(await stores.operators.authenticate(kept[0] ?? '')).toMatchObject({ name: 'admin', roles: ['admin'] });
      expect(await stores.operators.createFirstAdmin(() => { throw new Error('never called'); })).toBe(false);
    });
    it('creates operators with unique names, audited', async () => {
      const { stores } = s();
      const op = await stores.operators.create({ name: 'rm', roles: ['release-manager', 'release-manager', 'auditor'] }, 'operator:x');
      expect(op.roles).toEqual(['release-manager', 'auditor']);
      await expect(stores.operators.create({ name: 'rm', roles: ['auditor'] }, 'operator:x')).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await lastActions(stores, 1)).toEqual(['operator.create']);
      const names = (await stores.operators.list()).map((o) => o.name);
      expect(names).toEqual(['admin', 'rm']);
    });
    it('issues, authenticates and deletes tokens; only hashes are stored', async () => {
      const { stores } = s();
      const op = await stores.operators.create({ name: 'so', roles: ['security-officer'] }, 'operator:x');
      const issued = await stores.operators.issueToken(op.id, 'laptop', 'operator:x');
      expect(issued.token).toMatch(/^cra_op_/);
      expect(await stores.operators.authenticate(issued.token)).toEqual({ id: op.id, name: 'so', roles: ['security-officer'] });
      // One character changed (never to itself: the last base64url character has 16 values).
      const tampered = `${issued.token.slice(0, -1)}${issued.token.endsWith('A') ? 'B' : 'A'}`;
      expect(await stores.operators.authenticate(tampered)).toBeUndefined();
      expect(await stores.operators.authenticate('not a token')).toBeUndefined();
      const view = (await stores.operators.list()).find((o) => o.id === op.id);
      expect(view?.tokens).toEqual([{ id: issued.id, label: 'laptop', createdAt: '2027-01-01T00:00:00.000Z' }]);
      expect(JSON.stringify(view)).not.toContain(issued.token);
      await expect(stores.operators.issueToken('00000000-0000-4000-8000-000000000000', undefined, 'operator:x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await stores.operators.deleteToken(op.id, issued.id, 'operator:x');
      await expect(stores.operators.deleteToken(op.id, issued.id, 'operator:x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await stores.operators.authenticate(issued.token)).toBeUndefined();
      expect(await lastActions(stores, 2)).toEqual(['operator.token.delete', 'operator.token.create']);
    });
  });
} // prettier-ignore
