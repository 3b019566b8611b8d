import { describe, expect, it } from 'vitest';
import { memoryStorage } from '@cra-kit/testing';
import {
  IdentityError,
  createBootstrapTokens,
  memoryEnrollmentAttempts,
  type EnrollmentAttempts,
} from '@cra-kit/identity';

const LIMIT = { attempts: 3, windowMs: 60_000 };
/** A clock tests move by hand. */
const manualClock = (start = Date.parse('2027-01-01T00:00:00Z')) => {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => { now += ms; } };
}; // prettier-ignore

describe('memoryEnrollmentAttempts', () => {
  it('allows `attempts` per sliding window, counts no refusals, and says when to retry', async () => {
    const a = memoryEnrollmentAttempts();
    const t0 = 1_000_000;
    expect(await a.take('c', t0, LIMIT)).toEqual({ allowed: true });
    expect(await a.take('c', t0 + 10_000, LIMIT)).toEqual({ allowed: true });
    expect(await a.take('c', t0 + 20_000, LIMIT)).toEqual({ allowed: true });
    expect(await a.take('c', t0 + 30_000, LIMIT)).toEqual({ allowed: false, retryAfterMs: 30_000 });
    expect(await a.take('other', t0 + 30_000, LIMIT)).toEqual({ allowed: true });
    // The first attempt leaves the window at t0 + 60 s exactly; refusals did not extend it.
    expect(await a.take('c', t0 + 59_999, LIMIT)).toEqual({ allowed: false, retryAfterMs: 1 });
    expect(await a.take('c', t0 + 60_000, LIMIT)).toEqual({ allowed: true });
    expect(await a.take('c', t0 + 60_001, LIMIT)).toEqual({ allowed: false, retryAfterMs: 9_999 });
  });

  it('forgets the least recently seen client beyond maxClients', async () => {
    const a = memoryEnrollmentAttempts({ maxClients: 2 });
    const one = { attempts: 1, windowMs: 60_000 };
    await a.take('x', 0, one);
    await a.take('y', 0, one);
    expect((await a.take('x', 1, one)).allowed).toBe(false); // x is now the most recently seen
    await a.take('z', 2, one); // evicts y
    expect((await a.take('x', 3, one)).allowed).toBe(false);
    expect((await a.take('y', 3, one)).allowed).toBe(true);
    expect(() => memoryEnrollmentAttempts({ maxClients: 0 })).toThrow(expect.objectContaining({ code: 'CORE_VALIDATION_FAILED' }) as Error);
  }); // prettier-ignore
});

describe('createBootstrapTokens with an `attempts` store', () => {
  it('counts every redemption in the store given, so two token services share one limit', async () => {
    const storage = memoryStorage();
    const attempts = memoryEnrollmentAttempts();
    const clock = manualClock();
    const one = createBootstrapTokens({ storage, clock, rateLimit: LIMIT, attempts });
    const two = createBootstrapTokens({ storage, clock, rateLimit: LIMIT, attempts });
    const bad = 'A'.repeat(43);
    await expect(one.redeem(bad, '10.0.0.1')).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_ENROLLMENT_DENIED');
    await expect(two.redeem(bad, '10.0.0.1')).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_ENROLLMENT_DENIED');
    await expect(one.redeem(bad, '10.0.0.1')).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_ENROLLMENT_DENIED');
    const token = await one.issue('VS-0001');
    const limited = await two.redeem(token, '10.0.0.1').catch((e: unknown) => e);
    expect(limited).toBeErrorWithCode(IdentityError, 'IDENTITY_RATE_LIMITED');
    expect((limited as IdentityError).details).toEqual({ retryAfterMs: 60_000 });
    // The refused attempt did not spend the token.
    clock.advance(60_000);
    expect(await two.redeem(token, '10.0.0.1')).toBe('VS-0001');
  }); // prettier-ignore

  it('asks the store before touching the token, and a failing store fails the redemption', async () => {
    const storage = memoryStorage();
    const calls: unknown[][] = [];
    const failing: EnrollmentAttempts = {
      take: (...args) => {
        calls.push(args);
        return Promise.reject(new Error('database down'));
      },
    };
    const clock = manualClock();
    const tokens = createBootstrapTokens({ storage, clock, rateLimit: LIMIT, attempts: failing });
    const token = await tokens.issue('VS-0002');
    await expect(tokens.redeem(token, 'c')).rejects.toThrow('database down');
    expect(calls).toEqual([['c', clock.now().getTime(), LIMIT]]);
    // The token is still unused: with a working store it redeems.
    const working = createBootstrapTokens({ storage, clock, rateLimit: LIMIT });
    expect(await working.redeem(token, 'c')).toBe('VS-0002');
  });

  it('defaults to an in-process count of 5 per minute', async () => {
    const tokens = createBootstrapTokens({ storage: memoryStorage(), clock: manualClock() });
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) codes.push(await tokens.redeem('A'.repeat(43), 'c').then(() => 'ok', (e: unknown) => (e as IdentityError).code));
    expect(codes).toEqual([...Array<string>(5).fill('IDENTITY_ENROLLMENT_DENIED'), 'IDENTITY_RATE_LIMITED']);
  }); // prettier-ignore

  it('rejects a bad rate limit or attempts store when created', () => {
    const storage = memoryStorage();
    for (const rateLimit of [{ attempts: 0, windowMs: 1 }, { attempts: 1, windowMs: 0.5 }, { attempts: 1 }]) {
      expect(() => createBootstrapTokens({ storage, rateLimit: rateLimit as never })).toThrow(expect.objectContaining({ code: 'CORE_VALIDATION_FAILED' }) as Error);
    }
    expect(() => createBootstrapTokens({ storage, attempts: {} as never })).toThrow(expect.objectContaining({ code: 'CORE_VALIDATION_FAILED' }) as Error);
  }); // prettier-ignore
});
