import { execFile } from 'node:child_process';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cra, tempDir } from './run.js';

const run = promisify(execFile);
const openssl = (args: string[]) =>
  run('openssl', args).then(
    (r) => ({ ok: true, out: r.stdout + r.stderr }),
    (e: unknown) => ({
      ok: false,
      out: `${(e as { stdout?: string }).stdout ?? ''}${(e as { stderr?: string }).stderr ?? ''}`,
    }),
  );

let work: string;
const saved = process.env.CRA_CA_PASSPHRASE;

beforeAll(async () => {
  process.env.CRA_CA_PASSPHRASE = 'a long test passphrase';
  work = await tempDir();
  const init = await cra(
    [
      'ca',
      'init',
      '--dir',
      'ca',
      '--org',
      'Acme Sensors',
      '--hw-type',
      '1.3.6.1.4.1.99999.1',
      '--json',
    ],
    work,
  );
  expect(init.code, init.stderr).toBe(0);
}, 30_000);

afterAll(() => {
  if (saved === undefined) delete process.env.CRA_CA_PASSPHRASE;
  else process.env.CRA_CA_PASSPHRASE = saved;
});

describe('cra ca', () => {
  it('init writes root.pem and issuing.pem with encrypted keys; a second init fails', async () => {
    const files = await readdir(join(work, 'ca'));
    expect(files).toEqual(expect.arrayContaining(['root.pem', 'issuing.pem', 'root.key.json', 'issuing.key.json']));
    expect((await stat(join(work, 'ca', 'issuing.key.json'))).mode & 0o777).toBe(0o600);
    const again = await cra(['ca', 'init', '--dir', 'ca', '--org', 'X', '--json'], work);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ error: { code: 'IDENTITY_CA_EXISTS' } });
  });

  it('issue from a CSR, verify, revoke, crl: openssl agrees at every step', async () => {
    await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', join(work, 'dev.key')]);
    await openssl(['req', '-new', '-key', join(work, 'dev.key'), '-subj', '/CN=VS-0001', '-out', join(work, 'dev.csr')]);
    const issued = await cra(['ca', 'issue', '--ca', 'ca', '--serial', 'VS-0001', '--csr', 'dev.csr', '--profile', 'idevid-8021ar', '--out', 'VS-0001', '--json'], work);
    expect(issued.code, issued.stdout).toBe(0);
    expect(JSON.parse(issued.stdout)).toMatchObject({ deviceSerial: 'VS-0001', keyGenerated: false });
    expect(await readdir(join(work, 'VS-0001'))).toEqual(['cert.pem', 'chain.pem']);
    const ok = await cra(['ca', 'verify', 'VS-0001/cert.pem', '--ca', 'ca', '--json'], work);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true, identity: { serial: 'VS-0001', profile: 'idevid-8021ar' } });
    expect((await cra(['ca', 'revoke', '--ca', 'ca', '--serial', 'VS-0001', '--reason', 'keyCompromise'], work)).code).toBe(0);
    const crl = await cra(['ca', 'crl', '--ca', 'ca', '--out', 'crl.pem', '--json'], work);
    expect(crl.code).toBe(0);
    const res = await openssl(['verify', '-x509_strict', '-crl_check', '-CAfile', join(work, 'ca', 'root.pem'), '-untrusted', join(work, 'ca', 'issuing.pem'), '-CRLfile', join(work, 'crl.pem'), join(work, 'VS-0001', 'cert.pem')]);
    expect(res.out).toContain('certificate revoked');
    const bad = await cra(['ca', 'verify', 'VS-0001/cert.pem', '--ca', 'ca', '--json'], work);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ valid: false, code: 'IDENTITY_CERT_REVOKED' });
  }, 30_000);

  it('issue generates key.pem 0600 when no CSR is given, and never issues a serial twice', async () => {
    const first = await cra(['ca', 'issue', '--ca', 'ca', '--serial', 'VS-0002', '--profile', 'ldevid-mtls', '--out', 'VS-0002'], work);
    expect(first.code, first.stderr).toBe(0);
    expect((await stat(join(work, 'VS-0002', 'key.pem'))).mode & 0o777).toBe(0o600);
    const again = await cra(['ca', 'issue', '--ca', 'ca', '--serial', 'VS-0002', '--out', 'VS-0002b', '--json'], work);
    expect(JSON.parse(again.stdout)).toMatchObject({ error: { code: 'IDENTITY_SERIAL_ALREADY_ISSUED' } });
  }, 30_000);

  it('batch writes a manifest, shows progress, and resumes without reissuing', async () => {
    const a = await cra(['ca', 'batch', '--ca', 'ca', '--count', '3', '--serial-prefix', 'B-', '--out', 'batch'], work);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stderr).toContain('3/3 devices');
    const manifest = (await readFile(join(work, 'batch', 'manifest.jsonl'), 'utf8')).trim().split('\n');
    expect(manifest).toHaveLength(3);
    const b = await cra(['ca', 'batch', '--ca', 'ca', '--count', '5', '--serial-prefix', 'B-', '--out', 'batch', '--json'], work);
    expect(JSON.parse(b.stdout)).toMatchObject({ issued: 2, resumed: 3 });
    const serials = (await readFile(join(work, 'batch', 'manifest.jsonl'), 'utf8')).trim().split('\n').map((l) => (JSON.parse(l) as { deviceSerial: string }).deviceSerial);
    expect(new Set(serials).size).toBe(5);
  }, 60_000);

  it('usage errors exit 2; a missing passphrase is a usage error; every command has --help with an example', async () => {
    expect((await cra(['ca', 'issue', '--ca', 'ca'], work)).code).toBe(2);
    expect((await cra(['ca', 'revoke', '--ca', 'ca', '--serial', 'x', '--reason', 'bogus'], work)).code).toBe(2);
    delete process.env.CRA_CA_PASSPHRASE;
    try {
      expect((await cra(['ca', 'crl', '--ca', 'ca', '--out', 'x.pem'], work)).code).toBe(2);
    } finally {
      process.env.CRA_CA_PASSPHRASE = 'a long test passphrase';
    }
    for (const cmd of [['ca', 'init'], ['ca', 'issue'], ['ca', 'batch'], ['ca', 'revoke'], ['ca', 'crl'], ['ca', 'verify'], ['device', 'passwords']]) {
      const out = await cra([...cmd, '--help'], work);
      expect(out.code).toBe(0);
      expect(out.stdout).toContain('Example:');
      expect(out.stdout).toContain('--json');
    }
  });
}); // prettier-ignore

describe('cra device passwords', () => {
  it('writes labels (0600) and scrypt hashes, one unique password per device', async () => {
    const dir = await tempDir();
    const res = await cra(['device', 'passwords', '--count', '3', '--serial-prefix', 'VS-', '--out', 'pw', '--json'], dir);
    expect(res.code, res.stderr).toBe(0);
    const labels = (await readFile(join(dir, 'pw', 'labels.csv'), 'utf8')).trim().split('\n');
    expect(labels).toHaveLength(4);
    expect((await stat(join(dir, 'pw', 'labels.csv'))).mode & 0o777).toBe(0o600);
    const passwords = labels.slice(1).map((l) => l.split(',')[1]);
    expect(new Set(passwords).size).toBe(3);
    const hashes = await readFile(join(dir, 'pw', 'password-hashes.jsonl'), 'utf8');
    for (const p of passwords) expect(hashes).not.toContain(p);
    expect(hashes).toContain('$scrypt$ln=17');
  }, 30_000);
}); // prettier-ignore
