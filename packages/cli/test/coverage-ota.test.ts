import { readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cra, tempDir } from './run.js';

const errorCode = (stdout: string) =>
  (JSON.parse(stdout) as { error: { code: string } }).error.code;

async function fixture(dir: string) {
  await writeFile(join(dir, 'fw.bin'), new Uint8Array(4_000).fill(3));
  await writeFile(join(dir, 'sbom.json'), '{}\n');
  await writeFile(join(dir, 'adv.json'), '{}\n');
}
const add = (extra: string[] = []) => [
  'ota',
  'add',
  '--repo',
  'repo',
  '--image',
  'fw.bin',
  '--version',
  '1.2.0',
  '--hardware',
  'hw-1',
  '--security-counter',
  '3',
  '--type',
  'feature',
  ...extra,
];

describe('cra ota: options, text output and error paths', () => {
  it('rejects bad algorithms, thresholds, types and advisories with exit 2', async () => {
    const dir = await tempDir();
    await fixture(dir);
    for (const args of [
      ['ota', 'init', '--repo', 'r', '--algorithm', 'rsa', '--json'],
      ['ota', 'keygen', '--out', 'k.json', '--algorithm', 'rsa', '--json'],
      ['ota', 'init', '--repo', 'r', '--root-threshold', '0'],
      ['ota', 'init', '--repo', 'r', '--targets-threshold', 'two'],
      add(['--type', 'bugfix', '--json']),
      add(['--advisory', 'CVE-2026-1', '--json']),
      add(['--advisory', '=adv.json', '--json']),
    ]) {
      const res = await cra(args, dir);
      expect(res.code, args.join(' ')).toBe(2);
      if (args.includes('--json')) expect(errorCode(res.stdout)).toBe('CLI_USAGE');
    }
  });

  it('adds a target with every optional field, publishes, and verifies in text mode', async () => {
    const dir = await tempDir();
    await fixture(dir);
    expect((await cra(['ota', 'init', '--repo', 'repo', '--algorithm', 'ecdsa-p256-sha256', '--json'], dir)).code).toBe(0);
    const empty = await cra(['ota', 'status', '--repo', 'repo'], dir);
    expect(empty.code).toBe(0);
    expect(empty.stdout.split('\n').filter((l) => l.startsWith('✓'))).toHaveLength(4);
    const added = await cra(add(['--name', 'fw-1.2.0.bin', '--min-installed-version', '1.0.0', '--sbom', 'sbom.json', '--advisory', 'CVE-2026-1=adv.json']), dir);
    expect(added.code, added.stdout).toBe(0);
    expect(added.stdout).toContain('fw-1.2.0.bin');
    expect((await cra(['ota', 'publish', '--repo', 'repo', '--json'], dir)).code).toBe(0);
    const ok = await cra(['ota', 'verify', '--repo', 'repo', '--trusted-root', 'repo/metadata/1.root.json', '--target', 'fw-1.2.0.bin', '--hardware', 'hw-1', '--installed-counter', '1', '--installed-version', '1.1.0', '--state-dir', 'state', '--out', 'slot.bin'], dir);
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout.startsWith('✓')).toBe(true);
    expect(ok.stderr).not.toBe('');
    expect(await readdir(join(dir, 'state'))).not.toHaveLength(0);
    const noPath = await cra(['ota', 'verify', '--repo', 'repo', '--trusted-root', 'repo/metadata/1.root.json', '--target', 'fw-1.2.0.bin', '--hardware', 'hw-1', '--installed-counter', '1', '--installed-version', '0.9.0', '--json'], dir);
    expect(noPath.code).toBe(1);
    expect(errorCode(noPath.stdout)).toMatch(/^OTA_/);
  }, 30_000);

  it('sign: nothing staged and --out without one key are usage errors; too few signatures exit 1', async () => {
    const dir = await tempDir();
    await fixture(dir);
    await cra(['ota', 'init', '--repo', 'repo', '--targets-threshold', '2'], dir);
    const offline = (await readdir(join(dir, 'repo', 'keys'))).find((n) => n.startsWith('targets-'))!;
    await rename(join(dir, 'repo', 'keys', offline), join(dir, 'offline.key.json'));
    const nothing = await cra(['ota', 'sign', '--repo', 'repo', '--role', 'targets', '--json'], dir);
    expect(nothing.code).toBe(2);
    expect(errorCode(nothing.stdout)).toBe('CLI_USAGE');
    expect((await cra(add(), dir)).code).toBe(0);
    const noKey = await cra(['ota', 'sign', '--repo', 'repo', '--role', 'targets', '--out', 'p.sig.json', '--json'], dir);
    expect(noKey.code).toBe(2);
    expect(errorCode(noKey.stdout)).toBe('CLI_USAGE');
    const short = await cra(['ota', 'sign', '--repo', 'repo', '--role', 'targets'], dir);
    expect(short.code).toBe(1);
    expect(short.stdout).toContain('1 of 2');
    const signed = await cra(['ota', 'sign', '--repo', 'repo', '--role', 'targets', '--key', 'offline.key.json'], dir);
    expect(signed.code).toBe(0);
    expect((await cra(['ota', 'keygen', '--out', 'new.key.json', '--algorithm', 'ecdsa-p256-sha256'], dir)).code).toBe(0);
    const rotated = await cra(['ota', 'rotate', '--repo', 'repo', '--role', 'targets', '--add-key', 'new.key.json', '--threshold', '1'], dir);
    expect(rotated.code, rotated.stdout).toBe(0);
    expect(rotated.stdout).toContain('committed');
  }, 30_000);

  it('rotate without the root keys stays staged and exits 1', async () => {
    const dir = await tempDir();
    await cra(['ota', 'init', '--repo', 'repo'], dir);
    const rootKey = (await readdir(join(dir, 'repo', 'keys'))).find((n) => n.startsWith('root-'))!;
    await rename(join(dir, 'repo', 'keys', rootKey), join(dir, 'root.key.json'));
    await cra(['ota', 'keygen', '--out', 'new.key.json'], dir);
    const res = await cra(['ota', 'rotate', '--repo', 'repo', '--role', 'snapshot', '--add-key', 'new.key.json'], dir);
    expect(res.code, res.stdout).toBe(1);
    expect(res.stdout).toContain('staged');
  }, 30_000);
}); // prettier-ignore
