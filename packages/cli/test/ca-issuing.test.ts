import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cra, tempDir } from './run.js';

const run = promisify(execFile);
const verify = (work: string, chain: string, cert: string, crl: string) =>
  run('openssl', ['verify', '-x509_strict', '-crl_check_all', '-CAfile', join(work, 'ca', 'root.pem'), '-untrusted', join(work, chain), '-CRLfile', join(work, crl), join(work, cert)]).then(
    (r) => r.stdout + r.stderr,
    (e: unknown) => `${(e as { stdout?: string }).stdout ?? ''}${(e as { stderr?: string }).stderr ?? ''}`,
  ); // prettier-ignore

let work: string;
const saved = process.env.CRA_CA_PASSPHRASE;

beforeAll(async () => {
  process.env.CRA_CA_PASSPHRASE = 'a third long test passphrase';
  work = await tempDir();
  const init = await cra(['ca', 'init', '--dir', 'ca', '--org', 'Acme Sensors', '--json'], work);
  expect(init.code, init.stderr).toBe(0);
}, 30_000);

afterAll(() => {
  if (saved === undefined) delete process.env.CRA_CA_PASSPHRASE;
  else process.env.CRA_CA_PASSPHRASE = saved;
});

describe('cra ca issuing and cra ca crl --root', () => {
  it('adds and lists issuing CAs; issue, revoke, crl and verify select one with --issuing', async () => {
    const added = await cra(['ca', 'issuing', 'add', 'line-b', '--ca', 'ca', '--json'], work);
    expect(added.code, added.stdout + added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ name: 'line-b', revoked: false });
    const text = await cra(['ca', 'issuing', 'add', 'line-c', '--ca', 'ca'], work);
    expect(text.stdout).toContain('--issuing line-c');
    const again = await cra(['ca', 'issuing', 'add', 'line-b', '--ca', 'ca', '--json'], work);
    expect(JSON.parse(again.stdout)).toMatchObject({ error: { code: 'IDENTITY_CA_EXISTS' } });
    const list = await cra(['ca', 'issuing', 'list', '--ca', 'ca', '--json'], work);
    expect((JSON.parse(list.stdout) as { issuingCas: { name: string }[] }).issuingCas.map((c) => c.name)).toEqual(['default', 'line-b', 'line-c']);

    const issued = await cra(['ca', 'issue', '--ca', 'ca', '--issuing', 'line-b', '--serial', 'LB-1', '--out', 'LB-1', '--json'], work);
    expect(issued.code, issued.stdout).toBe(0);
    expect(JSON.parse(issued.stdout)).toMatchObject({ issuingCa: 'line-b', deviceSerial: 'LB-1' });
    const batch = await cra(['ca', 'batch', '--ca', 'ca', '--issuing', 'line-c', '--count', '2', '--serial-prefix', 'LC-', '--out', 'lc', '--json'], work);
    expect(JSON.parse(batch.stdout)).toMatchObject({ issued: 2 });
    expect((await cra(['ca', 'verify', 'LB-1/cert.pem', '--ca', 'ca', '--issuing', 'line-b'], work)).code).toBe(0);
    expect((await cra(['ca', 'verify', 'LB-1/cert.pem', '--ca', 'ca'], work)).code).toBe(1); // the first issuing CA did not issue it
    const crl = await cra(['ca', 'crl', '--ca', 'ca', '--issuing', 'line-b', '--out', 'crl-b.pem', '--json'], work);
    expect(JSON.parse(crl.stdout)).toMatchObject({ issuingCa: 'line-b', crlNumber: 1, entries: 0 });
    expect(await verify(work, 'LB-1/chain.pem', 'LB-1/cert.pem', 'crl-b.pem')).toContain(': OK');
    expect((await cra(['ca', 'revoke', '--ca', 'ca', '--issuing', 'line-b', '--serial', 'LB-1', '--reason', 'superseded'], work)).code).toBe(0);
    const crl2 = await cra(['ca', 'crl', '--ca', 'ca', '--issuing', 'line-b', '--out', 'crl-b.pem'], work);
    expect(crl2.stdout).toContain('CRL #2 of issuing CA line-b with 1 revoked');
    expect(await verify(work, 'LB-1/chain.pem', 'LB-1/cert.pem', 'crl-b.pem')).toContain('certificate revoked');
  }, 60_000);

  it('revokes a whole issuing CA at the root; crl --root re-signs the root CRL', async () => {
    const before = await cra(['ca', 'crl', '--ca', 'ca', '--issuing', 'line-c', '--out', 'crl-c.pem'], work);
    expect(before.code).toBe(0);
    const device = join('lc', 'LC-000001');
    expect(await verify(work, join(device, 'chain.pem'), join(device, 'cert.pem'), 'crl-c.pem')).toContain(': OK');
    const revoked = await cra(['ca', 'issuing', 'revoke', 'line-c', '--ca', 'ca', '--reason', 'cACompromise', '--json'], work);
    expect(revoked.code, revoked.stdout).toBe(0);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ revoked: 'line-c', crlNumber: 2, revokedIssuingCas: ['line-c'] });
    // The issuing CRL file carries the root CRL after it: rebuild it from the new root CRL.
    const issuingCrl = (await readFile(join(work, 'crl-c.pem'), 'utf8')).split(/(?<=-----END X509 CRL-----\n)/)[0]!;
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(work, 'crl-c2.pem'), issuingCrl + (await readFile(join(work, 'ca', 'root.crl.pem'), 'utf8')));
    expect(await verify(work, join(device, 'chain.pem'), join(device, 'cert.pem'), 'crl-c2.pem')).toContain('certificate revoked');
    const refused = await cra(['ca', 'issue', '--ca', 'ca', '--issuing', 'line-c', '--serial', 'LC-9', '--out', 'LC-9', '--json'], work);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { code: 'IDENTITY_CERT_REVOKED' } });
    const verified = await cra(['ca', 'verify', join(device, 'cert.pem'), '--ca', 'ca', '--issuing', 'line-c', '--json'], work);
    expect(JSON.parse(verified.stdout)).toMatchObject({ valid: false, code: 'IDENTITY_CERT_REVOKED' });
    const list = await cra(['ca', 'issuing', 'list', '--ca', 'ca'], work);
    expect(list.stdout).toMatch(/line-c\t[0-9a-f]+\t.*REVOKED/);

    const root = await cra(['ca', 'crl', '--ca', 'ca', '--root', '--out', 'root.crl.pem', '--json'], work);
    expect(root.code, root.stdout).toBe(0);
    expect(JSON.parse(root.stdout)).toMatchObject({ root: true, crlNumber: 3, revokedIssuingCas: ['line-c'] });
    expect(await readFile(join(work, 'root.crl.pem'), 'utf8')).toBe(await readFile(join(work, 'ca', 'root.crl.pem'), 'utf8'));
    const rootText = await cra(['ca', 'crl', '--ca', 'ca', '--root', '--days', '30', '--out', 'root.crl.pem'], work);
    expect(rootText.stdout).toMatch(/re-signed root CRL #4 .*1 revoked issuing CA/);
    const both = await cra(['ca', 'crl', '--ca', 'ca', '--root', '--issuing', 'line-b', '--out', 'x.pem'], work);
    expect(both.code).toBe(2);
    const revokeText = await cra(['ca', 'issuing', 'revoke', 'line-b', '--ca', 'ca', '--reason', 'superseded'], work);
    expect(revokeText.stdout).toContain('root CRL #5');
  }, 60_000);

  it('every new command has --help with an example', async () => {
    for (const cmd of [['ca', 'issuing', 'add'], ['ca', 'issuing', 'list'], ['ca', 'issuing', 'revoke']]) {
      const out = await cra([...cmd, '--help'], work);
      expect(out.code).toBe(0);
      expect(out.stdout).toContain('Example:');
      expect(out.stdout).toContain('--json');
    }
  });
}); // prettier-ignore
