import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { cra, EXAMPLE_PROFILE, tempDir } from './run.js';

// better-sqlite3 is vuln-intake's (optional peer) dependency, not the CLI's: load it from there.
interface Db {
  prepare(sql: string): { get(...args: unknown[]): unknown; run(...args: unknown[]): unknown };
  close(): void;
}
const fromVulnIntake = createRequire(new URL('../../vuln-intake/package.json', import.meta.url));
const Database = fromVulnIntake('better-sqlite3') as new (path: string) => Db;
// openpgp likewise (an optional peer of vuln-intake), to make a signing key.
const { generateKey } = fromVulnIntake('openpgp') as {
  generateKey(options: Record<string, unknown>): Promise<{ privateKey: string }>;
};

async function freshStore() {
  const dir = join(await tempDir(), 'vuln');
  expect((await cra(['vuln', 'init', '--dir', dir])).code).toBe(0);
  return dir;
}

async function add(dir: string, ...extra: string[]) {
  const res = await cra([
    'vuln',
    'add',
    '--dir',
    dir,
    '--title',
    'Telnet open on 2323',
    '--description',
    'A debug shell without password.',
    '--product',
    EXAMPLE_PROFILE,
    '--versions',
    '2.4.0',
    '--cvss',
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    '--json',
    ...extra,
  ]);
  expect(res.code).toBe(0);
  return (JSON.parse(res.stdout) as { id: string }).id;
}

describe('cra vuln', () => {
  it('has --help with an example on every command', async () => {
    for (const args of [
      ['vuln'],
      ['vuln', 'init'],
      ['vuln', 'add'],
      ['vuln', 'list'],
      ['vuln', 'show'],
      ['vuln', 'transition'],
      ['vuln', 'exploited'],
      ['vuln', 'submitted'],
      ['vuln', 'obligations'],
      ['vuln', 'advisory'],
      ['vuln', 'securitytxt'],
      ['vuln', 'log', 'verify'],
    ]) {
      const res = await cra([...args, '--help']);
      expect(res.code, args.join(' ')).toBe(0);
      expect(res.stdout, args.join(' ')).toContain('Example:');
    }
  });

  it('creates the store 0700, adds, lists, shows and moves a case', async () => {
    const dir = await freshStore();
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const id = await add(dir);
    const list = JSON.parse((await cra(['vuln', 'list', '--dir', dir, '--json'])).stdout) as {
      cases: { id: string; affected: { model: string }[] }[];
    };
    expect(list.cases.map((c) => c.id)).toEqual([id]);
    expect(list.cases[0]?.affected[0]?.model).toBe('vs300');
    expect((await cra(['vuln', 'transition', id, 'acknowledged', '--dir', dir])).code).toBe(0);
    const illegal = await cra(['vuln', 'transition', id, 'released', '--dir', dir, '--json']);
    expect(illegal.code).toBe(1);
    expect(JSON.parse(illegal.stdout)).toMatchObject({
      error: { code: 'VULN_TRANSITION_ILLEGAL' },
    });
    expect((await cra(['vuln', 'transition', id, 'bogus', '--dir', dir])).code).toBe(2);
    const show = JSON.parse((await cra(['vuln', 'show', id, '--dir', dir, '--json'])).stdout) as {
      case: { state: string };
      log: { event: string }[];
    };
    expect(show.case.state).toBe('acknowledged');
    expect(show.log.map((e) => e.event)).toEqual(['received', 'acknowledged']);
  });

  it('takes the store directory from CRA_VULN_DIR and adds a case from a YAML file', async () => {
    const dir = await freshStore();
    const file = join(dir, 'report.yaml');
    await writeFile(
      file,
      'title: From a file\ndescription: Reported by mail.\nreporter:\n  email: r@example.org\ncwe: [CWE-121]\n',
    );
    process.env.CRA_VULN_DIR = dir;
    try {
      const res = await cra(['vuln', 'add', file, '--json']);
      expect(res.code).toBe(0);
      expect(JSON.parse(res.stdout)).toMatchObject({
        case: { title: 'From a file', cwe: ['CWE-121'] },
      });
    } finally {
      delete process.env.CRA_VULN_DIR;
    }
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'title: x\n');
    expect(
      JSON.parse((await cra(['vuln', 'add', bad, '--dir', dir, '--json'])).stdout),
    ).toMatchObject({ error: { code: 'VULN_INPUT_INVALID' } });
  });

  it('tracks the Art. 14 clock: exploited, obligations (overdue fails), submitted', async () => {
    const dir = await freshStore();
    const id = await add(dir);
    expect(
      (
        await cra([
          'vuln',
          'exploited',
          id,
          '--aware-at',
          '2026-10-01T09:30:00+02:00',
          '--evidence',
          'seen',
          '--dir',
          dir,
        ])
      ).code,
    ).toBe(0);
    const res = await cra(['vuln', 'obligations', '--dir', dir, '--json']);
    expect(res.code).toBe(1); // the deadlines of October 2026 have passed
    const o = JSON.parse(res.stdout) as {
      obligations: { stage: string; dueAt?: string; status: string }[];
    };
    expect(o.obligations.find((x) => x.stage === 'early-warning')).toMatchObject({
      dueAt: '2026-10-02T07:30:00.000Z',
      status: 'overdue',
    });
    const text = await cra(['vuln', 'obligations', '--dir', dir, '--tz', 'Europe/Berlin']);
    expect(text.stdout).toContain('2026-10-02 09:30 GMT+02:00 (Europe/Berlin)');
    expect(
      (
        await cra([
          'vuln',
          'submitted',
          id,
          'early-warning',
          '--at',
          '2026-10-01T20:00:00Z',
          '--reference',
          'SRP-1',
          '--dir',
          dir,
        ])
      ).code,
    ).toBe(0);
    const after = JSON.parse(
      (await cra(['vuln', 'obligations', '--dir', dir, '--json'])).stdout,
    ) as { obligations: { stage: string }[] };
    expect(after.obligations.map((x) => x.stage)).not.toContain('early-warning');
  });

  it('writes CSAF, VEX, CVE and Markdown advisories and a security.txt', async () => {
    const dir = await freshStore();
    const id = await add(dir);
    const csaf = JSON.parse(
      (
        await cra([
          'vuln',
          'advisory',
          id,
          '--product',
          EXAMPLE_PROFILE,
          '--advisory-id',
          'ACME-SA-2026-004',
          '--dir',
          dir,
        ])
      ).stdout,
    ) as { document: { category: string; tracking: { id: string } } };
    expect(csaf.document).toMatchObject({
      category: 'csaf_security_advisory',
      tracking: { id: 'ACME-SA-2026-004' },
    });
    const vex = JSON.parse(
      (
        await cra([
          'vuln',
          'advisory',
          id,
          '--product',
          EXAMPLE_PROFILE,
          '--format',
          'vex',
          '--dir',
          dir,
        ])
      ).stdout,
    ) as { document: { category: string } };
    expect(vex.document.category).toBe('csaf_vex');
    expect(
      (
        await cra([
          'vuln',
          'advisory',
          id,
          '--product',
          EXAMPLE_PROFILE,
          '--format',
          'md',
          '--dir',
          dir,
        ])
      ).stdout,
    ).toContain('## Remediation');
    const cve = await cra([
      'vuln',
      'advisory',
      id,
      '--product',
      EXAMPLE_PROFILE,
      '--format',
      'cve',
      '--dir',
      dir,
      '--json',
    ]);
    expect(JSON.parse(cve.stdout)).toMatchObject({ error: { code: 'VULN_INPUT_INVALID' } }); // no CVE id yet
    expect(
      (
        await cra([
          'vuln',
          'advisory',
          id,
          '--product',
          EXAMPLE_PROFILE,
          '--format',
          'pdf',
          '--dir',
          dir,
        ])
      ).code,
    ).toBe(2);
    const txt = await cra(['vuln', 'securitytxt', '--product', EXAMPLE_PROFILE]);
    expect(txt.code).toBe(0);
    expect(txt.stdout).toMatch(/^Contact: mailto:security@acme-sensors\.example\n/);
    expect(txt.stdout).toContain('Policy: https://acme-sensors.example/security/cvd-policy');
    const key = join(dir, 'psirt.key.asc');
    const { privateKey } = await generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ email: 'security@acme-sensors.example' }],
      format: 'armored',
    });
    await writeFile(key, privateKey, { mode: 0o600 });
    const signed = await cra([
      'vuln',
      'securitytxt',
      '--product',
      EXAMPLE_PROFILE,
      '--sign-key',
      key,
    ]);
    expect(signed.code).toBe(0);
    expect(signed.stdout).toMatch(/^-----BEGIN PGP SIGNED MESSAGE-----\n/);
    expect(signed.stdout).toContain('-----BEGIN PGP SIGNATURE-----');
  });

  it('verifies the logs and catches an edited entry in the database', async () => {
    const dir = await freshStore();
    const id = await add(dir);
    await cra(['vuln', 'transition', id, 'acknowledged', '--dir', dir]);
    const ok = await cra(['vuln', 'log', 'verify', '--dir', dir, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      valid: true,
      cases: [{ id, valid: true, entries: 2 }],
    });
    const db = new Database(join(dir, 'cases.db'));
    const row = db
      .prepare('SELECT entry FROM vuln_case_log WHERE case_id = ? AND seq = 0')
      .get(id) as { entry: string };
    db.prepare('UPDATE vuln_case_log SET entry = ? WHERE case_id = ? AND seq = 0').run(
      row.entry.replace('2026', '2025'),
      id,
    );
    db.close();
    const bad = await cra(['vuln', 'log', 'verify', id, '--dir', dir, '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      valid: false,
      cases: [{ id, valid: false, index: 0 }],
    });
  });

  it('says to run init when there is no store', async () => {
    const res = await cra(['vuln', 'list', '--dir', join(await tempDir(), 'none'), '--json']);
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout)).toMatchObject({ error: { code: 'CLI_FILE_UNREADABLE' } });
    expect(await readFile(EXAMPLE_PROFILE, 'utf8')).toContain('securityContact');
  });
});
