import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cra, tempDir } from './run.js';

/** A published repository with one image, in a fresh directory. */
async function published() {
  const dir = await tempDir();
  await writeFile(join(dir, 'fw-1.2.0.bin'), new Uint8Array(20_000).fill(7));
  expect((await cra(['ota', 'init', '--repo', 'repo'], dir)).code).toBe(0);
  const add = ['ota', 'add', '--repo', 'repo', '--image', 'fw-1.2.0.bin', '--version', '1.2.0'];
  const fw = ['--hardware', 'vs-200-revB', '--security-counter', '3', '--type', 'security'];
  expect((await cra([...add, ...fw], dir)).code).toBe(0);
  expect((await cra(['ota', 'publish', '--repo', 'repo'], dir)).code).toBe(0);
  return dir;
}

describe('cra ota verify over HTTP', () => {
  it('verifies a repository served by a web server', async () => {
    const dir = await published();
    const root = join(dir, 'repo');
    const server = createServer((req, res) => {
      const file = join(root, normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
      void stat(file).then(
        (s) => {
          res.writeHead(200, { 'content-length': s.size });
          createReadStream(file).pipe(res);
        },
        () => res.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const res = await cra(['ota', 'verify', '--repo', url, '--trusted-root', 'repo/metadata/1.root.json', '--target', 'fw-1.2.0.bin', '--hardware', 'vs-200-revB', '--installed-counter', '2', '--json'], dir);
      expect(res.code).toBe(0);
      expect(JSON.parse(res.stdout)).toMatchObject({ verified: true, target: 'fw-1.2.0.bin', length: 20_000 });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }); // prettier-ignore
});

describe('cra ota delegate, edge cases', () => {
  it('refuses bad hash prefixes and a missing key; stages a role short of its threshold', async () => {
    const dir = await published();
    expect((await cra(['ota', 'keygen', '--out', 'bin.key.json'], dir)).code).toBe(0);
    const delegate = (extra: string[]) => cra(['ota', 'delegate', '--repo', 'repo', '--role', 'bin-0', '--json', ...extra], dir);
    expect((await delegate(['--hash-prefix', 'XZ', '--key', 'bin.key.json'])).code).toBe(2);
    expect((await delegate(['--hash-prefix', '0'])).code).toBe(2);
    const staged = await delegate(['--hash-prefix', '0', '1', '--key', 'bin.key.json', '--threshold', '2']);
    expect(staged.code).toBe(1);
    expect(JSON.parse(staged.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'bin-0', committed: false, signatures: 1, threshold: 2 })]));
    const text = await cra(['ota', 'delegate', '--repo', 'repo', '--role', 'bin-1', '--hash-prefix', '2', '--key', 'bin.key.json', '--threshold', '2'], dir);
    expect(text.stdout).toContain('staged: 1 of 2 signatures');
  }); // prettier-ignore
});
