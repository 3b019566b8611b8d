import { readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  assertDirectorMatch,
  findTarget,
  fileFetcher,
  fileStorage,
  OtaSigningError,
  readKeyFile,
  tufKeyOf,
  Updater,
  verifyDirectorTargets,
} from '@cra-kit/ota-signing';
import { systemClock } from '@cra-kit/core';
import { describe, expect, it } from 'vitest';
import { cra, tempDir } from './run.js';

const sign = (extra: string[]) => [
  'ota',
  'director',
  'sign',
  '--repo',
  'repo',
  '--target',
  'fw-1.2.0.bin',
  '--hardware',
  'vs-200-revB',
  '--key',
  'director.key.json',
  ...extra,
];

/** A published repository with one image, and a director key. */
async function setup() {
  const dir = await tempDir();
  await writeFile(join(dir, 'fw-1.2.0.bin'), new Uint8Array(20_000).fill(5));
  await cra(['ota', 'init', '--repo', 'repo'], dir);
  await cra(
    ['ota', 'add', '--repo', 'repo', '--image', 'fw-1.2.0.bin', '--version', '1.2.0'].concat([
      '--hardware',
      'vs-200-revB',
      '--security-counter',
      '3',
      '--type',
      'security',
    ]),
    dir,
  );
  await cra(['ota', 'publish', '--repo', 'repo'], dir);
  expect((await cra(['ota', 'keygen', '--out', 'director.key.json'], dir)).code).toBe(0);
  return dir;
}

describe('cra ota director sign', () => {
  it('writes director metadata the device verifies and matches against the repository', async () => {
    const dir = await setup();
    const res = await cra(
      sign(['--device', 'sn-0042', '--version', '1', '--out', 'sn-0042.json', '--json']),
      dir,
    );
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ device: 'sn-0042', version: 1 });
    // The device trusts the director's public key and checks both sides.
    const { keyid, key } = await tufKeyOf(await readKeyFile(join(dir, 'director.key.json')));
    const trust = {
      role: 'director',
      keys: { [keyid]: key },
      roleKeys: { keyids: [keyid], threshold: 1 },
    };
    const bytes = new Uint8Array(await readFile(join(dir, 'sn-0042.json')));
    const verified = await verifyDirectorTargets(bytes, {
      trust,
      deviceId: 'sn-0042',
      clock: systemClock,
    });
    const updater = new Updater({
      fetcher: fileFetcher(join(dir, 'repo')),
      storage: await fileStorage(join(dir, 'state')),
      initialRoot: new Uint8Array(await readFile(join(dir, 'repo', 'metadata', '1.root.json'))),
    });
    await updater.refresh();
    const { target } = await findTarget(updater, 'fw-1.2.0.bin');
    assertDirectorMatch(verified, 'fw-1.2.0.bin', target, 'vs-200-revB');
    // Another device refuses it.
    await expect(
      verifyDirectorTargets(bytes, { trust, deviceId: 'sn-0043', clock: systemClock }),
    ).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_DIRECTOR_DEVICE_MISMATCH');
  });

  it('refuses an image the repository did not release, and never overwrites', async () => {
    const dir = await setup();
    const missing = await cra(
      sign([
        '--device',
        'd1',
        '--version',
        '1',
        '--out',
        'd1.json',
        '--json',
        '--target',
        'evil.bin',
      ]),
      dir,
    );
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'OTA_TARGET_NOT_FOUND' } });
    expect(
      (await cra(sign(['--device', 'd1', '--version', '1', '--out', 'd1.json']), dir)).code,
    ).toBe(0);
    const again = await cra(
      sign(['--device', 'd1', '--version', '2', '--out', 'd1.json', '--json']),
      dir,
    );
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ error: { code: 'CLI_FILE_EXISTS' } });
    expect(
      (await cra(sign(['--device', 'd1', '--version', '0', '--out', 'x.json']), dir)).code,
    ).toBe(2);
    const help = await cra(['ota', 'director', 'sign', '--help']);
    expect(help.stdout).toContain('Example:');
    expect(help.stdout).toContain('--json');
  });
});

describe('cra ota verify --director', () => {
  it('installs only what the director assigned to this device', async () => {
    const dir = await setup();
    await writeFile(join(dir, 'fw-1.3.0.bin'), new Uint8Array(20_000).fill(6));
    await cra(
      ['ota', 'add', '--repo', 'repo', '--image', 'fw-1.3.0.bin', '--version', '1.3.0'].concat([
        '--hardware',
        'vs-200-revB',
        '--security-counter',
        '4',
        '--type',
        'feature',
      ]),
      dir,
    );
    await cra(['ota', 'publish', '--repo', 'repo'], dir);
    const key = await cra(
      ['ota', 'keygen', '--out', 'd2.key.json', '--public-out', 'director.pub.json', '--json'],
      dir,
    );
    expect(key.code).toBe(0);
    const signAs = (device: string, target: string, file: string) =>
      cra(
        sign(['--device', device, '--out', file, '--target', target]).map((a) =>
          a === 'director.key.json' ? 'd2.key.json' : a,
        ),
        dir,
      );
    expect((await signAs('sn-0042', 'fw-1.2.0.bin', 'a.json')).code).toBe(0);
    expect((await signAs('sn-0043', 'fw-1.2.0.bin', 'b.json')).code).toBe(0);
    expect((await signAs('sn-0042', 'fw-1.3.0.bin', 'c.json')).code).toBe(0);
    const verify = (file: string, out: string) =>
      cra(
        ['ota', 'verify', '--repo', 'repo', '--trusted-root', 'repo/metadata/1.root.json']
          .concat(['--target', 'fw-1.2.0.bin', '--hardware', 'vs-200-revB'])
          .concat(['--installed-counter', '2', '--out', out, '--json'])
          .concat([
            '--director',
            file,
            '--director-key',
            'director.pub.json',
            '--device',
            'sn-0042',
          ]),
        dir,
      );
    const ok = await verify('a.json', 'slot-a.bin');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ verified: true, target: 'fw-1.2.0.bin' });
    const other = await verify('b.json', 'slot-b.bin');
    expect(JSON.parse(other.stdout)).toMatchObject({
      error: { code: 'OTA_DIRECTOR_DEVICE_MISMATCH' },
    });
    const mismatch = await verify('c.json', 'slot-c.bin');
    expect(mismatch.code).toBe(1);
    expect(JSON.parse(mismatch.stdout)).toMatchObject({ error: { code: 'OTA_DIRECTOR_MISMATCH' } });
    // Signed by a key the device does not trust.
    const forged = await cra(sign(['--device', 'sn-0042', '--out', 'f.json']), dir);
    expect(forged.code).toBe(0);
    const refused = await verify('f.json', 'slot-f.bin');
    expect(JSON.parse(refused.stdout)).toMatchObject({
      error: { code: 'OTA_SIGNATURE_THRESHOLD' },
    });
    expect((await readdir(dir)).filter((n) => n.startsWith('slot-'))).toEqual(['slot-a.bin']);
    const usage = await cra(
      ['ota', 'verify', '--repo', 'repo', '--trusted-root', 'repo/metadata/1.root.json']
        .concat(['--target', 'fw-1.2.0.bin', '--hardware', 'x', '--installed-counter', '0'])
        .concat(['--director', 'a.json']),
      dir,
    );
    expect(usage.code).toBe(2);
  });
});

describe('cra ota director sign keeps per-device versions', () => {
  const versionOf = async (dir: string, device: string, out: string, extra: string[] = []) => {
    const res = await cra(sign(['--device', device, '--out', out, '--json', ...extra]), dir);
    return { code: res.code, body: JSON.parse(res.stdout) as { version?: number; error?: { code: string } } };
  }; // prettier-ignore

  it('increases each device\'s version, refuses to go back, in an atomically written state file', async () => {
    const dir = await setup();
    expect((await versionOf(dir, 'sn-1', 'a.json')).body.version).toBe(1);
    expect((await versionOf(dir, 'sn-1', 'b.json')).body.version).toBe(2);
    expect((await versionOf(dir, 'sn-2', 'c.json')).body.version).toBe(1);
    expect((await versionOf(dir, 'sn-1', 'd.json', ['--version', '5'])).body.version).toBe(5);
    for (const requested of ['5', '3']) {
      const refused = await versionOf(dir, 'sn-1', `r${requested}.json`, ['--version', requested]);
      expect(refused).toMatchObject({ code: 1, body: { error: { code: 'OTA_ROLLBACK' } } });
    }
    expect((await versionOf(dir, 'sn-1', 'e.json')).body.version).toBe(6);
    // Refused assignments wrote nothing; the device's metadata carries the reserved version.
    expect((await readdir(dir)).filter((n) => /^r\d\.json$/.test(n))).toEqual([]);
    const e = JSON.parse(await readFile(join(dir, 'e.json'), 'utf8')) as { signed: { version: number } };
    expect(e.signed.version).toBe(6);
    const state = join(dir, 'director-state');
    expect(await readdir(state)).toEqual(['director-versions.json']);
    expect((await stat(join(state, 'director-versions.json'))).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(join(state, 'director-versions.json'), 'utf8'))).toEqual({
      schemaVersion: 1,
      devices: { 'sn-1': 6, 'sn-2': 1 },
    });
  }); // prettier-ignore

  it('keeps state where --state-dir says, and refuses corrupt state without signing', async () => {
    const dir = await setup();
    expect((await versionOf(dir, 'sn-1', 'a.json', ['--state-dir', 'elsewhere'])).body.version).toBe(1);
    expect((await versionOf(dir, 'sn-1', 'b.json', ['--state-dir', 'elsewhere'])).body.version).toBe(2);
    expect((await versionOf(dir, 'sn-1', 'c.json')).body.version).toBe(1);
    await writeFile(join(dir, 'elsewhere', 'director-versions.json'), '{"schemaVersion":1,"devices":{"sn-1":0}}');
    // An out path that appears only at write time (a dangling link), or cannot be written.
    await symlink(join(dir, 'nowhere.json'), join(dir, 'link.json'));
    expect(await versionOf(dir, 'sn-1', 'link.json')).toMatchObject({ code: 1, body: { error: { code: 'CLI_FILE_EXISTS' } } });
    expect(await versionOf(dir, 'sn-1', 'no-such-dir/x.json')).toMatchObject({ code: 1, body: { error: { code: 'CLI_FILE_UNWRITABLE' } } });
    const corrupt = await versionOf(dir, 'sn-1', 'd.json', ['--state-dir', 'elsewhere']);
    expect(corrupt).toMatchObject({ code: 1, body: { error: { code: 'OTA_REPOSITORY_INVALID' } } });
    expect((await readdir(dir)).includes('d.json')).toBe(false);
  }); // prettier-ignore
});
