import { createBootstrapTokens } from '@cra-kit/identity';
import { describe, expect, it } from 'vitest';
import type { CloudDatabase } from '../../src/db/cloud-database.js';
import { openEnrollmentAttempts } from '../../src/provisioning/index.js';
import type { Backend } from './backends.js';
import { useFreshStores } from './context.js';

const LIMIT = { attempts: 3, windowMs: 60_000 };

/** Rows left in the table, whichever back end. */
async function rowsOf(db: CloudDatabase): Promise<number> {
  const sql = 'SELECT count(*) AS n FROM enrollment_attempts';
  if (db.kind === 'sqlite') return db.sqlite.prepare<[], { n: number }>(sql).get()?.n ?? -1;
  return Number((await db.pool.query<{ n: string }>(sql)).rows[0]?.n ?? -1);
}

/** Enrollment attempts on the database (identity's `EnrollmentAttempts`): one limit for every instance. */
export function describeEnrollmentAttemptsContract(backend: Backend): void {
  describe(`${backend.name}: enrollment attempts`, () => {
    const s = useFreshStores(backend);
    it('allows `attempts` per sliding window, counts no refusals, and says when to retry', async () => {
      const a = openEnrollmentAttempts(s().db);
      const t0 = Date.parse('2027-01-01T00:00:00Z');
      expect(await a.take('c', t0, LIMIT)).toEqual({ allowed: true });
      expect(await a.take('c', t0 + 10_000, LIMIT)).toEqual({ allowed: true });
      expect(await a.take('c', t0 + 20_000, LIMIT)).toEqual({ allowed: true });
      expect(await a.take('c', t0 + 30_000, LIMIT)).toEqual({
        allowed: false,
        retryAfterMs: 30_000,
      });
      expect(await a.take('other', t0 + 30_000, LIMIT)).toEqual({ allowed: true });
      expect(await a.take('c', t0 + 59_999, LIMIT)).toEqual({ allowed: false, retryAfterMs: 1 });
      expect(await a.take('c', t0 + 60_000, LIMIT)).toEqual({ allowed: true });
      expect(await a.take('c', t0 + 60_001, LIMIT)).toEqual({
        allowed: false,
        retryAfterMs: 9_999,
      });
      // A second instance on the database sees the same count.
      expect(await openEnrollmentAttempts(s().db).take('c', t0 + 60_002, LIMIT)).toEqual({
        allowed: false,
        retryAfterMs: 9_998,
      });
    });

    it('lets exactly `attempts` of many racing attempts through, across instances', async () => {
      const [x, y] = [openEnrollmentAttempts(s().db), openEnrollmentAttempts(s().db)];
      const now = Date.parse('2027-02-01T00:00:00Z');
      const limit = { attempts: 5, windowMs: 60_000 };
      const decisions = await Promise.all(
        Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? x : y).take('racer', now, limit)),
      );
      expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
      expect(decisions.filter((d) => !d.allowed)).toHaveLength(19);
    });

    it('deletes attempts once they left the window, so the table stays bounded', async () => {
      const a = openEnrollmentAttempts(s().db);
      const t0 = Date.parse('2027-03-01T00:00:00Z');
      for (let i = 0; i < 20; i += 1) await a.take(`client-${i}`, t0, LIMIT);
      expect(await rowsOf(s().db)).toBeGreaterThanOrEqual(20);
      await a.take('late', t0 + LIMIT.windowMs, LIMIT);
      expect(await rowsOf(s().db)).toBe(1);
    });

    it('backs createBootstrapTokens: two token services on the database share one limit', async () => {
      const { storage } = s().stores;
      const clock = s().clock;
      const rateLimit = { attempts: 2, windowMs: 60_000 };
      const one = createBootstrapTokens({ storage, clock, rateLimit, attempts: openEnrollmentAttempts(s().db) });
      const two = createBootstrapTokens({ storage, clock, rateLimit, attempts: openEnrollmentAttempts(s().db) });
      const token = await one.issue('VS-0001');
      await expect(one.redeem('A'.repeat(43), '192.0.2.7')).rejects.toMatchObject({ code: 'IDENTITY_ENROLLMENT_DENIED' });
      await expect(two.redeem('B'.repeat(43), '192.0.2.7')).rejects.toMatchObject({ code: 'IDENTITY_ENROLLMENT_DENIED' });
      await expect(one.redeem(token, '192.0.2.7')).rejects.toMatchObject({ code: 'IDENTITY_RATE_LIMITED', details: { retryAfterMs: 60_000 } });
      expect(await two.redeem(token, '192.0.2.8')).toBe('VS-0001');
    }); // prettier-ignore
  });
}
