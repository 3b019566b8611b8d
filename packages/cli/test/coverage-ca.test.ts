import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cra, tempDir } from './run.js';

let work: string;
const saved = process.env.CRA_CA_PASSPHRASE;

beforeAll(async () => {
  process.env.CRA_CA_PASSPHRASE = 'another long test passphrase';
  work = await tempDir();
  const init = await cra(['ca', 'init', '--dir', 'ca', '--org', 'Acme Sensors'], work);
  expect(init.code, init.stderr).toBe(0);
  expect(init.stdout).not.toBe('');
}, 30_000);

afterAll(() => {
  if (saved === undefined) delete process.env.CRA_CA_PASSPHRASE;
  else process.env.CRA_CA_PASSPHRASE = saved;
});

describe('cra ca: text output, options and error paths', () => {
  it('issue, revoke, crl and verify in text and JSON modes', async () => {
    const issued = await cra(['ca', 'issue', '--ca', 'ca', '--serial', 'T-1', '--product', 'VS', '--validity-days', '30', '--out', 'T-1'], work);
    expect(issued.code, issued.stderr).toBe(0);
    expect(issued.stdout).toContain('T-1');
    const valid = await cra(['ca', 'verify', 'T-1/cert.pem', '--ca', 'ca'], work);
    expect(valid.code).toBe(0);
    expect(valid.stdout.startsWith('✓')).toBe(true);
    const revoked = await cra(['ca', 'revoke', '--ca', 'ca', '--serial', 'T-1', '--reason', 'keyCompromise', '--json'], work);
    expect(revoked.code).toBe(0);
    expect((JSON.parse(revoked.stdout) as { revoked: unknown[] }).revoked).toHaveLength(1);
    const crl = await cra(['ca', 'crl', '--ca', 'ca', '--out', 'crl.pem', '--days', '3'], work);
    expect(crl.code).toBe(0);
    expect(crl.stdout).toContain('crl.pem');
    const invalid = await cra(['ca', 'verify', 'T-1/cert.pem', '--ca', 'ca'], work);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toContain('IDENTITY_CERT_REVOKED');
  }, 30_000);

  it('issue: matter-dac with vendor and product ids, tls-server with a DNS name', async () => {
    const dac = await cra(['ca', 'issue', '--ca', 'ca', '--serial', 'M-1', '--profile', 'matter-dac', '--vendor-id', 'FFF1', '--product-id', '8000', '--out', 'M-1', '--json'], work);
    expect(dac.code, dac.stdout).toBe(0);
    expect(JSON.parse(dac.stdout)).toMatchObject({ deviceSerial: 'M-1', keyGenerated: true });
    const tls = await cra(['ca', 'issue', '--ca', 'ca', '--serial', 'S-1', '--profile', 'tls-server', '--dns', 'device.example', '--out', 'S-1', '--json'], work);
    expect(tls.code, tls.stdout).toBe(0);
    expect(JSON.parse(tls.stdout)).toMatchObject({ deviceSerial: 'S-1' });
  }, 30_000);

  it('batch with a profile in JSON mode prints no progress', async () => {
    const res = await cra(['ca', 'batch', '--ca', 'ca', '--count', '1', '--serial-prefix', 'J-', '--profile', 'ldevid-mtls', '--out', 'jb', '--json'], work);
    expect(res.code, res.stdout).toBe(0);
    expect(res.stderr).toBe('');
    expect(JSON.parse(res.stdout)).toMatchObject({ issued: 1, resumed: 0 });
  }, 30_000);

  it('bad numbers are usage errors; an unreadable CSR or certificate is CLI_FILE_UNREADABLE', async () => {
    const zero = await cra(['ca', 'issue', '--ca', 'ca', '--serial', 'T-2', '--validity-days', '0', '--out', 'T-2', '--json'], work);
    expect(zero.code).toBe(2);
    expect((await cra(['ca', 'batch', '--ca', 'ca', '--count', 'x', '--serial-prefix', 'Z-', '--out', 'z'], work)).code).toBe(2);
    const csr = await cra(['ca', 'issue', '--ca', 'ca', '--serial', 'T-3', '--csr', 'missing.csr', '--out', 'T-3', '--json'], work);
    expect(csr.code).toBe(1);
    expect(JSON.parse(csr.stdout)).toMatchObject({ error: { code: 'CLI_FILE_UNREADABLE' } });
    const cert = await cra(['ca', 'verify', 'missing.pem', '--ca', 'ca', '--json'], work);
    expect(cert.code).toBe(1);
    expect(JSON.parse(cert.stdout)).toMatchObject({ error: { code: 'CLI_FILE_UNREADABLE' } });
  }, 30_000);
}); // prettier-ignore

describe('cra device passwords: text mode', () => {
  it('shows progress on stderr and a summary on stdout', async () => {
    const dir = await tempDir();
    const res = await cra(['device', 'passwords', '--count', '1', '--out', 'pw'], dir);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toContain('1/1');
    expect(res.stdout).toContain('labels.csv');
  }, 30_000);
});
