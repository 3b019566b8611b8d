import { describe, expect, it } from 'vitest';
import { seededRandom } from '@cra-kit/testing';
import {
  IdentityError,
  PASSWORD_ALPHABET,
  generateDevicePassword,
  hashDevicePassword,
  passwordEntropyBits,
  verifyDevicePassword,
} from '@cra-kit/identity';
import { runInChild } from './child.js';

const TEST_COST = { log2N: 14, r: 8, p: 1 };

describe('unique device passwords (EN 303 645 5.1)', () => {
  it('have at least 80 bits from a readable alphabet without look-alikes', () => {
    const password = generateDevicePassword();
    expect(password).toMatch(/^[2-9a-hjkmnp-z]{6}-[2-9a-hjkmnp-z]{6}-[2-9a-hjkmnp-z]{6}$/);
    expect(passwordEntropyBits(18)).toBeGreaterThanOrEqual(80);
    expect(PASSWORD_ALPHABET).not.toMatch(/[01ilo]/);
    expect(() => generateDevicePassword({ length: 16 })).toThrow(RangeError);
  });

  it('hash with scrypt and verify in constant time; a wrong password is refused', async () => {
    const password = generateDevicePassword();
    const stored = await hashDevicePassword(password, { cost: TEST_COST });
    expect(stored).toMatch(/^\$scrypt\$ln=14,r=8,p=1\$/);
    expect(stored).not.toContain(password);
    await expect(verifyDevicePassword(password.toUpperCase().replace(/-/g, ' '), stored)).resolves.toBeUndefined();
    await expect(verifyDevicePassword(generateDevicePassword(), stored)).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_PASSWORD_MISMATCH');
    await expect(verifyDevicePassword(password, '$scrypt$ln=4,r=1,p=1$x$y')).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_PASSWORD_MISMATCH');
    await expect(hashDevicePassword(password, { cost: { log2N: 10, r: 8, p: 1 } })).rejects.toThrow(RangeError);
  });

  it('two hashes of one password differ (random salt)', async () => {
    const a = await hashDevicePassword('abcdef-ghjkmn-pqrstu', { cost: TEST_COST, random: seededRandom(1) });
    const b = await hashDevicePassword('abcdef-ghjkmn-pqrstu', { cost: TEST_COST, random: seededRandom(2) });
    expect(a).not.toBe(b);
  });

  it('self-test in a child process: no repeat in 1,000,000 and a uniform alphabet (chi-square)', async () => {
    const result = await runInChild<{ unique: number; chi2: number; seconds: number }>(`
      import { generateDevicePassword, PASSWORD_ALPHABET } from 'IDENTITY';
      const started = performance.now();
      const seen = new Set();
      const counts = new Map([...PASSWORD_ALPHABET].map((c) => [c, 0]));
      for (let i = 0; i < 1_000_000; i++) {
        const p = generateDevicePassword();
        seen.add(p);
        for (const c of p) if (c !== '-') counts.set(c, counts.get(c) + 1);
      }
      const total = 18_000_000, expected = total / PASSWORD_ALPHABET.length;
      let chi2 = 0;
      for (const n of counts.values()) chi2 += (n - expected) ** 2 / expected;
      console.log(JSON.stringify({ unique: seen.size, chi2, seconds: (performance.now() - started) / 1000 }));
    `, 60_000);
    expect(result.unique).toBe(1_000_000);
    // 30 degrees of freedom: chi-square above 70 has p < 0.0001 for a uniform source.
    expect(result.chi2).toBeLessThan(70);
  }, 70_000);
}); // prettier-ignore
