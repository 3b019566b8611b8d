import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKey } from 'openpgp';
import { afterAll, describe, expect, it } from 'vitest';
import { VulnIntakeError } from '../errors.js';
import { toSecurityTxt } from './security-txt.js';
import { signSecurityTxt } from './sign-security-txt.js';

const home = mkdtempSync(join(tmpdir(), 'cra-gpg-'));
afterAll(() => {
  rmSync(home, { recursive: true, force: true });
});
const gpg = (...args: string[]) =>
  spawnSync('gpg', ['--homedir', home, '--batch', ...args], { encoding: 'utf8' });

describe('signSecurityTxt', () => {
  it('cleartext-signs a security.txt so that gpg verifies it, and gpg notices a change', async () => {
    const { privateKey, publicKey } = await generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: 'ACME PSIRT', email: 'security@acme-sensors.example' }],
      passphrase: 'correct horse',
      format: 'armored',
    });
    const text = toSecurityTxt(
      { contact: ['mailto:security@acme-sensors.example'], expires: '2027-10-01T00:00:00Z' },
      new Date('2026-11-01T00:00:00Z'),
    );
    const signed = await signSecurityTxt(text, {
      armoredPrivateKey: privateKey,
      passphrase: 'correct horse',
    });
    expect(signed).toMatch(
      /^-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA\d+\n\nContact: mailto:security@acme-sensors\.example\r?\n/,
    );
    writeFileSync(join(home, 'key.asc'), publicKey);
    expect(gpg('--import', join(home, 'key.asc')).status).toBe(0);
    writeFileSync(join(home, 'security.txt'), signed);
    const ok = gpg('--verify', join(home, 'security.txt'));
    expect(ok.stderr).toContain('Good signature');
    expect(ok.status).toBe(0);
    writeFileSync(join(home, 'tampered.txt'), signed.replace('security@acme', 'attacker@acme'));
    expect(gpg('--verify', join(home, 'tampered.txt')).status).not.toBe(0);
  });

  it('refuses a wrong passphrase or a broken key without echoing it', async () => {
    const { privateKey } = await generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ email: 'a@b.example' }],
      passphrase: 'right',
      format: 'armored',
    });
    const wrong = await signSecurityTxt('Contact: mailto:a@b.example\n', {
      armoredPrivateKey: privateKey,
      passphrase: 'wrong',
    }).catch((e: unknown) => e);
    expect(wrong).toBeErrorWithCode(VulnIntakeError, 'VULN_INPUT_INVALID');
    expect(JSON.stringify(wrong)).not.toContain('right');
    await expect(
      signSecurityTxt('x', { armoredPrivateKey: 'not a key' }),
    ).rejects.toBeErrorWithCode(VulnIntakeError, 'VULN_INPUT_INVALID');
  });
});
