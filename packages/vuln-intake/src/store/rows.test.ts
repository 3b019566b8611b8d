import { describe, expect, it } from 'vitest';
import { VulnIntakeError } from '../errors.js';
import { loadPeer } from './rows.js';

describe('loadPeer', () => {
  it('says which optional package to install when it is missing', async () => {
    const missing = 'cra-kit-no-such-package-' + String(Date.now());
    const error = await loadPeer(missing, () => import(missing)).catch((e: unknown) => e);
    expect(error).toBeErrorWithCode(VulnIntakeError, 'VULN_DEPENDENCY_MISSING');
    expect((error as VulnIntakeError).details).toEqual({ package: missing });
  });

  it('passes any other failure on unchanged', async () => {
    const boom = new TypeError('boom');
    await expect(loadPeer('x', () => Promise.reject(boom))).rejects.toBe(boom);
  });

  it('returns the module when it loads', async () => {
    await expect(
      loadPeer('better-sqlite3', async () => (await import('better-sqlite3')).default),
    ).resolves.toBeTypeOf('function');
  });
});
