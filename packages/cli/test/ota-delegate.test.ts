import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cra, tempDir } from './run.js';

const add = (image: string, extra: string[] = []) => [
  'ota',
  'add',
  '--repo',
  'repo',
  '--image',
  image,
  '--version',
  '1.3.0',
  '--hardware',
  'vs-200-revB',
  '--security-counter',
  '4',
  '--type',
  'feature',
  ...extra,
];
const verify = (target: string) => [
  'ota',
  'verify',
  '--repo',
  'repo',
  '--trusted-root',
  'repo/metadata/1.root.json',
  '--target',
  target,
  '--hardware',
  'vs-200-revB',
  '--installed-counter',
  '2',
  '--json',
];

describe('cra ota delegate', () => {
  it('delegates a product line to its own key; devices find its images and nothing outside its paths', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'vs-200-fw-1.3.0.bin'), new Uint8Array(30_000).fill(3));
    await writeFile(join(dir, 'other-fw-1.3.0.bin'), new Uint8Array(30_000).fill(4));
    expect((await cra(['ota', 'init', '--repo', 'repo'], dir)).code).toBe(0);
    expect((await cra(['ota', 'keygen', '--out', 'vs-200.key.json'], dir)).code).toBe(0);
    const delegated = await cra(
      ['ota', 'delegate', '--repo', 'repo', '--role', 'vs-200', '--paths', 'vs-200-*'].concat([
        '--key',
        'vs-200.key.json',
        '--json',
      ]),
      dir,
    );
    expect(delegated.code).toBe(0);
    expect(JSON.parse(delegated.stdout)).toMatchObject([
      { role: 'targets', committed: true },
      { role: 'vs-200', version: 1, committed: true },
    ]);
    const role = ['--role', 'vs-200', '--key', 'vs-200.key.json', '--json'];
    const added = await cra(add('vs-200-fw-1.3.0.bin', role), dir);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ role: 'vs-200', name: 'vs-200-fw-1.3.0.bin' });
    // The delegated key can sign a name outside its paths, but no device trusts it there.
    expect((await cra(add('other-fw-1.3.0.bin', role), dir)).code).toBe(0);
    expect((await cra(['ota', 'publish', '--repo', 'repo'], dir)).code).toBe(0);
    const ok = await cra(verify('vs-200-fw-1.3.0.bin'), dir);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ verified: true, target: 'vs-200-fw-1.3.0.bin' });
    const outside = await cra(verify('other-fw-1.3.0.bin'), dir);
    expect(outside.code).toBe(1);
    expect(JSON.parse(outside.stdout)).toMatchObject({ error: { code: 'OTA_TARGET_NOT_FOUND' } });
  });

  it('delegates a hash bin, and rejects bad usage with exit 2', async () => {
    const dir = await tempDir();
    await cra(['ota', 'init', '--repo', 'repo'], dir);
    await cra(['ota', 'keygen', '--out', 'bin.key.json'], dir);
    const base = ['ota', 'delegate', '--repo', 'repo', '--key', 'bin.key.json'];
    const bin = await cra([...base, '--role', 'bin-0', '--hash-prefix', '0', '1', '--json'], dir);
    expect(bin.code).toBe(0);
    const status = await cra(['ota', 'status', '--repo', 'repo', '--json'], dir);
    expect(status.code).toBe(0);
    expect((await cra([...base, '--role', 'bin-1'], dir)).code).toBe(2);
    expect(
      (await cra([...base, '--role', 'bin-1', '--paths', 'a*', '--hash-prefix', '1'], dir)).code,
    ).toBe(2);
    expect((await cra([...base, '--role', '../x', '--paths', 'a*'], dir)).code).toBe(2);
    expect((await cra([...base, '--role', 'snapshot', '--paths', 'a*'], dir)).code).toBe(2);
    const again = await cra([...base, '--role', 'bin-0', '--paths', 'a*', '--json'], dir);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ error: { code: 'OTA_REPOSITORY_INVALID' } });
  });
});
