import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cra, tempDir } from './run.js';

async function image(dir: string, name = 'fw-1.2.0.bin', fill = 7) {
  await writeFile(join(dir, name), new Uint8Array(40_000).fill(fill));
  return name;
}

const add = (extra: string[] = []) => [
  'ota',
  'add',
  '--repo',
  'repo',
  '--image',
  'fw-1.2.0.bin',
  '--version',
  '1.2.0',
  '--hardware',
  'vs-200-revB',
  '--security-counter',
  '3',
  '--type',
  'security',
  ...extra,
];
const verify = (extra: string[] = []) => [
  'ota',
  'verify',
  '--repo',
  'repo',
  '--trusted-root',
  'repo/metadata/1.root.json',
  '--target',
  'fw-1.2.0.bin',
  '--hardware',
  'vs-200-revB',
  '--installed-counter',
  '2',
  ...extra,
];

describe('cra ota', () => {
  it('init, add and publish alone produce a repository that verifies; --out only after verification', async () => {
    const dir = await tempDir();
    await image(dir);
    const init = await cra(['ota', 'init', '--repo', 'repo'], dir);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('DEVELOPMENT KEYS');
    const keys = (await readdir(join(dir, 'repo', 'keys'))).filter((n) => n.endsWith('.key.json'));
    expect(keys).toHaveLength(4);
    expect((await stat(join(dir, 'repo', 'keys', keys[0]!))).mode & 0o777).toBe(0o600);
    expect((await cra(add(['--json']), dir)).code).toBe(0);
    expect((await cra(['ota', 'publish', '--repo', 'repo'], dir)).code).toBe(0);
    const ok = await cra(verify(['--out', 'slot.bin', '--json']), dir);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      verified: true,
      target: 'fw-1.2.0.bin',
      firmware: { securityCounter: 3, hardwareIds: ['vs-200-revB'] },
    });
    expect(await readFile(join(dir, 'slot.bin'))).toEqual(
      await readFile(join(dir, 'fw-1.2.0.bin')),
    );
  });

  it('refuses a downgrade and a tampered image with their codes, writing nothing', async () => {
    const dir = await tempDir();
    await image(dir);
    await cra(['ota', 'init', '--repo', 'repo'], dir);
    await cra(add(), dir);
    await cra(['ota', 'publish', '--repo', 'repo'], dir);
    const down = await cra(
      verify(['--installed-counter', '4', '--out', 'slot.bin', '--json']),
      dir,
    );
    expect(down.code).toBe(1);
    expect(JSON.parse(down.stdout)).toMatchObject({ error: { code: 'OTA_COUNTER_DOWNGRADE' } });
    const [file] = await readdir(join(dir, 'repo', 'targets'));
    await writeFile(join(dir, 'repo', 'targets', file!), new Uint8Array(40_000).fill(8));
    const bad = await cra(verify(['--out', 'slot.bin', '--json']), dir);
    expect(JSON.parse(bad.stdout)).toMatchObject({ error: { code: 'OTA_TARGET_HASH_MISMATCH' } });
    expect(await readdir(dir)).toEqual(['fw-1.2.0.bin', 'repo']);
  });

  it('runs a 2-of-2 targets ceremony with partial signature files, rotates root, reports status', async () => {
    const dir = await tempDir();
    await image(dir);
    await cra(['ota', 'init', '--repo', 'repo', '--targets-threshold', '2'], dir);
    // Move one targets key offline.
    const { rename } = await import('node:fs/promises');
    const offline = (await readdir(join(dir, 'repo', 'keys'))).find((n) =>
      n.startsWith('targets-'),
    )!;
    await rename(join(dir, 'repo', 'keys', offline), join(dir, 'offline.key.json'));
    const staged = await cra(add(['--json']), dir);
    expect(JSON.parse(staged.stdout)).toMatchObject({
      committed: false,
      signatures: 1,
      threshold: 2,
    });
    const refused = await cra(['ota', 'publish', '--repo', 'repo', '--json'], dir);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { code: 'OTA_THRESHOLD_NOT_MET' } });
    expect(
      (
        await cra(
          [
            'ota',
            'sign',
            '--repo',
            'repo',
            '--role',
            'targets',
            '--key',
            'offline.key.json',
            '--out',
            'p.sig.json',
          ],
          dir,
        )
      ).code,
    ).toBe(0);
    expect(
      (
        await cra(
          ['ota', 'sign', '--repo', 'repo', '--role', 'targets', '--partial', 'p.sig.json'],
          dir,
        )
      ).code,
    ).toBe(0);
    expect((await cra(['ota', 'keygen', '--out', 'root-2.key.json'], dir)).code).toBe(0);
    const rotated = await cra(
      [
        'ota',
        'rotate',
        '--repo',
        'repo',
        '--role',
        'root',
        '--add-key',
        'root-2.key.json',
        '--json',
      ],
      dir,
    );
    expect(JSON.parse(rotated.stdout)).toMatchObject([
      { role: 'root', version: 2, committed: true },
    ]);
    expect((await cra(['ota', 'publish', '--repo', 'repo'], dir)).code).toBe(0);
    expect((await cra(verify(), dir)).code).toBe(0);
    const status = await cra(['ota', 'status', '--repo', 'repo', '--json'], dir);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      targets: 1,
      roles: [{ role: 'root', version: 2, state: 'ok' }, { role: 'targets', threshold: 2 }, {}, {}],
    });
  });

  it('has help with an example on every command and rejects bad usage with exit 2', async () => {
    for (const command of [
      'init',
      'add',
      'sign',
      'publish',
      'rotate',
      'delegate',
      'keygen',
      'status',
      'verify',
    ]) {
      const help = await cra(['ota', command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('Example:');
      expect(help.stdout).toContain('--json');
    }
    expect((await cra(['ota', 'add', '--repo', 'r'])).code).toBe(2);
    expect((await cra(['ota', 'rotate', '--repo', 'r', '--role', 'admin'])).code).toBe(2);
  });
});
