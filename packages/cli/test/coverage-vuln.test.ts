import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cra, EXAMPLE_PROFILE, tempDir } from './run.js';

interface Db {
  prepare(sql: string): { get(...args: unknown[]): unknown; run(...args: unknown[]): unknown };
  close(): void;
}
// better-sqlite3 and openpgp are vuln-intake's (optional peer) dependencies, not the CLI's: load them from there.
const fromVulnIntake = createRequire(new URL('../../vuln-intake/package.json', import.meta.url));
const Database = fromVulnIntake('better-sqlite3') as new (path: string) => Db;
const { generateKey } = fromVulnIntake('openpgp') as {
  generateKey(options: Record<string, unknown>): Promise<{ privateKey: string }>;
};
const errorCode = (stdout: string) =>
  (JSON.parse(stdout) as { error: { code: string } }).error.code;
const CVSS4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

async function store() {
  const cwd = await tempDir();
  const saved = process.env.CRA_VULN_DIR;
  delete process.env.CRA_VULN_DIR;
  try {
    const res = await cra(['vuln', 'init', '--json'], cwd);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ dir: join(cwd, '.cra/vuln') });
  } finally {
    if (saved !== undefined) process.env.CRA_VULN_DIR = saved;
  }
  return join(cwd, '.cra/vuln');
}
const add = async (dir: string, title = 'Telnet open') => {
  const res = await cra([
    'vuln',
    'add',
    '--dir',
    dir,
    '--title',
    title,
    '--description',
    'A debug shell.',
    '--json',
  ]);
  expect(res.code, res.stdout).toBe(0);
  return (JSON.parse(res.stdout) as { id: string }).id;
};

describe('cra vuln: text output, options and error paths', () => {
  it('add, list, show, transition, exploited and submitted in text and JSON modes', async () => {
    const dir = await store();
    const missing = await cra(['vuln', 'add', '--dir', dir, '--title', 'No description', '--json']);
    expect(missing.code).toBe(2);
    expect(errorCode(missing.stdout)).toBe('CLI_USAGE');
    const added = await cra(['vuln', 'add', '--dir', dir, '--title', 'Auth bypass', '--description', 'Login skipped.', '--cvss', CVSS4]);
    expect(added.code, added.stdout).toBe(0);
    const id = /^opened (\S+);/.exec(added.stdout)![1]!;
    const other = await add(dir);
    const exploited = await cra(['vuln', 'exploited', id, '--aware-at', '2026-10-01T09:30:00+02:00', '--dir', dir, '--json']);
    expect(exploited.code).toBe(0);
    expect(JSON.parse(exploited.stdout)).toMatchObject({ id, activelyExploited: { awareAt: expect.any(String) } });
    const list = await cra(['vuln', 'list', '--dir', dir]);
    expect(list.stdout.split('\n').filter((l) => l.includes(' EXPLOITED '))).toHaveLength(1);
    expect(list.stdout.trim().split('\n')).toHaveLength(2);
    const show = await cra(['vuln', 'show', id, '--dir', dir]);
    expect(show.code).toBe(0);
    expect(show.stdout.startsWith(id)).toBe(true);
    const dup = await cra(['vuln', 'transition', other, 'duplicate', '--duplicate-of', id, '--dir', dir, '--json']);
    expect(dup.code, dup.stdout).toBe(0);
    expect(JSON.parse(dup.stdout)).toEqual({ id: other, state: 'duplicate' });
    const stage = await cra(['vuln', 'submitted', id, 'final', '--at', '2026-10-01T20:00:00Z', '--dir', dir, '--json']);
    expect(stage.code).toBe(2);
    expect(errorCode(stage.stdout)).toBe('CLI_USAGE');
    const submitted = await cra(['vuln', 'submitted', id, 'early-warning', '--at', '2026-10-01T20:00:00Z', '--dir', dir, '--json']);
    expect(submitted.code).toBe(0);
    expect(JSON.parse(submitted.stdout)).toMatchObject({ id, stage: 'early-warning' });
    const md = await cra(['vuln', 'advisory', id, '--product', EXAMPLE_PROFILE, '--format', 'md', '--dir', dir, '--json']);
    expect(md.code).toBe(0);
    expect(JSON.parse(md.stdout)).toMatchObject({ id, format: 'md', markdown: expect.any(String) });
  });

  it('obligations: nothing due without exploited cases exits 0', async () => {
    const dir = await store();
    await add(dir);
    const res = await cra(['vuln', 'obligations', '--dir', dir]);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('nothing due\n');
  });

  it('securitytxt: a contact URL only, with a CSAF pointer, as JSON', async () => {
    const dir = await tempDir();
    const profile = join(dir, 'p.yaml');
    const yaml = (await readFile(EXAMPLE_PROFILE, 'utf8')).replace(/ {4}email: security@.*\n/, '').replace(/ {4}encryptionKeyUrl: .*\n/, '');
    expect(yaml).not.toContain('encryptionKeyUrl');
    await writeFile(profile, yaml);
    const res = await cra(['vuln', 'securitytxt', '--product', profile, '--csaf', 'https://acme-sensors.example/.well-known/csaf/provider-metadata.json', '--json']);
    expect(res.code, res.stdout).toBe(0);
    const out = JSON.parse(res.stdout) as { securityTxt: string; signed: boolean };
    expect(out.signed).toBe(false);
    expect(out.securityTxt).toMatch(/^Contact: https:/);
    expect(out.securityTxt).toContain('CSAF: https://');
    expect(out.securityTxt).not.toContain('Encryption:');
  });

  it('securitytxt: signs with a passphrase-protected key from $CRA_VULN_PGP_PASSPHRASE', async () => {
    const dir = await tempDir();
    const { privateKey } = await generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ email: 'security@acme-sensors.example' }], passphrase: 'pgp test passphrase', format: 'armored' });
    await writeFile(join(dir, 'psirt.key.asc'), privateKey, { mode: 0o600 });
    const saved = process.env.CRA_VULN_PGP_PASSPHRASE;
    process.env.CRA_VULN_PGP_PASSPHRASE = 'pgp test passphrase';
    try {
      const res = await cra(['vuln', 'securitytxt', '--product', EXAMPLE_PROFILE, '--sign-key', 'psirt.key.asc', '--json'], dir);
      expect(res.code, res.stdout).toBe(0);
      const out = JSON.parse(res.stdout) as { securityTxt: string; signed: boolean };
      expect(out.signed).toBe(true);
      expect(out.securityTxt).toMatch(/^-----BEGIN PGP SIGNED MESSAGE-----\n/);
    } finally {
      if (saved === undefined) delete process.env.CRA_VULN_PGP_PASSPHRASE;
      else process.env.CRA_VULN_PGP_PASSPHRASE = saved;
    }
  });

  it('log verify: progress above 50 cases, and text output for a good and a broken log', async () => {
    const dir = await store();
    const ids = [];
    for (let i = 0; i < 51; i++) ids.push(await add(dir, `case ${i}`));
    const ok = await cra(['vuln', 'log', 'verify', '--dir', dir]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain('verifying 50/51');
    expect(ok.stdout).toContain('all 51 logs verify');
    const db = new Database(join(dir, 'cases.db'));
    const row = db.prepare('SELECT entry FROM vuln_case_log WHERE case_id = ? AND seq = 0').get(ids[0]) as { entry: string };
    db.prepare('UPDATE vuln_case_log SET entry = ? WHERE case_id = ? AND seq = 0').run(row.entry.replace('case 0', 'case X'), ids[0]);
    db.close();
    const bad = await cra(['vuln', 'log', 'verify', ids[0]!, '--dir', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stdout.startsWith('✗')).toBe(true);
    expect(bad.stdout).toContain('1 of 1 logs do NOT verify');
  }, 30_000);
}); // prettier-ignore
